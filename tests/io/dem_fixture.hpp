#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace couverture::testing {

// A tiny elevation raster written with GDAL for a test: `columns` × `rows`
// pixels of `pixel_size` (CRS units) from the top-left corner (`left`,
// `top`), elevations row-major from the top row.
struct DemRaster {
  int epsg = 4326;
  double left = 0.0;
  double top = 0.0;
  double pixel_size = 0.001;
  int columns = 0;
  int rows = 0;
  std::vector<float> elevation_m;
  std::optional<double> nodata;
};

inline void write_geotiff(const std::filesystem::path& path, const DemRaster& dem) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  if (driver == nullptr) throw std::runtime_error("no GTiff driver");
  GDALDatasetUniquePtr dataset(
      driver->Create(path.string().c_str(), dem.columns, dem.rows, 1, GDT_Float32, nullptr));
  if (!dataset) throw std::runtime_error("cannot create " + path.string());
  double transform[6] = {dem.left, dem.pixel_size, 0.0, dem.top, 0.0, -dem.pixel_size};
  dataset->SetGeoTransform(transform);
  OGRSpatialReference crs;
  crs.importFromEPSG(dem.epsg);
  dataset->SetSpatialRef(&crs);
  GDALRasterBand* band = dataset->GetRasterBand(1);
  if (dem.nodata) band->SetNoDataValue(*dem.nodata);
  std::vector<float> values = dem.elevation_m;
  if (band->RasterIO(GF_Write, 0, 0, dem.columns, dem.rows, values.data(), dem.columns, dem.rows,
                     GDT_Float32, 0, 0, nullptr) != CE_None) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

}  // namespace couverture::testing
