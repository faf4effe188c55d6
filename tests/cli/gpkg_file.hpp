#pragma once

#include <gdal_priv.h>

#include <filesystem>

namespace couverture::testing {

// A GeoPackage (any GDAL vector file) opened read-only for the length of a
// test; `dataset` is null when it cannot be opened.
struct Gpkg {
  explicit Gpkg(const std::filesystem::path& path)
      : dataset(static_cast<GDALDataset*>(GDALOpenEx(
            path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr))) {}
  ~Gpkg() { GDALClose(dataset); }
  Gpkg(const Gpkg&) = delete;
  Gpkg& operator=(const Gpkg&) = delete;
  GDALDataset* dataset;
};

}  // namespace couverture::testing
