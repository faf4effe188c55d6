#pragma once

#include <filesystem>
#include <span>
#include <string>

#include "couverture/io/output_layer.hpp"

namespace couverture {

// Writes `layers` into a new GeoPackage at `target`: geometries reprojected
// from WGS84 to `output_crs` (any PROJ-understood text, e.g. "EPSG:2154"),
// "none" layers as attribute tables, a spatial index per spatial layer,
// column aliases in gpkg_data_columns, and each `style_qml` as that layer's
// default QGIS style in `layer_styles`. The file is written beside the
// target and renamed over it only when complete, so a failure leaves any
// previous file intact; an existing target is refused unless `overwrite`.
// Throws DataError naming the file, the layer and the fix.
void write_geopackage(const std::filesystem::path& target, std::span<const OutputLayer> layers,
                      const std::string& output_crs, bool overwrite);
// The same with raster tables (OutputRaster, in the output CRS) appended
// after the layers, in the same temporary file. When a raster has a style,
// it is also written to raster_style_path(target), where QGIS 3.22 looks
// for the default style of a GeoPackage's rasters (it reads layer_styles
// for vector layers only); refused like the target when it exists.
void write_geopackage(const std::filesystem::path& target, std::span<const OutputLayer> layers,
                      std::span<const OutputRaster> rasters, const std::string& output_crs,
                      bool overwrite);

// Features are committed every kFeaturesPerTransaction rows: one SQLite
// transaction per batch keeps the journal and GDAL's pending work bounded
// on layers of millions of features, and is as fast as one per layer.
inline constexpr std::size_t kFeaturesPerTransaction = 65536;

// `file.gpkg` -> `file.qml`: the style QGIS applies to the file's rasters.
std::filesystem::path raster_style_path(const std::filesystem::path& target);

}  // namespace couverture
