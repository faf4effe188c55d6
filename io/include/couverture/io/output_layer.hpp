#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/lon_lat.hpp"
#include "couverture/io/output_column.hpp"

namespace couverture {

// SQLite's default SQLITE_MAX_COLUMN, kept by GDAL's GeoPackages: columns of
// one table, fid and geometry included.
constexpr std::size_t kMaxGeopackageColumns = 2000;

// A layer (or, with geometry_type "none", an attribute-only table) to write
// into a GeoPackage. Geometries are in WGS84 lon/lat, and the writer
// reprojects them to the output CRS, unless `in_output_crs` says they were
// computed in the output CRS already (isochrones: contours of a grid laid in
// it). `style_qml` is stored as the layer's default QGIS style in
// `layer_styles` (empty for none). A "point" layer may give its features
// as `points` instead of `geometries` (one or the other): 16 bytes a point
// rather than a GEOS object, for layers of millions of points.
struct OutputLayer {
  std::string name;
  std::string geometry_type;  // "point", "polygon", "multipolygon", "linestring" or "none"
  std::vector<GeosGeometry> geometries;  // one per feature, empty for "none"
  std::vector<LonLat> points;            // one per feature of a "point" layer, or empty
  bool in_output_crs = false;
  std::vector<OutputColumn> columns;
  std::string style_qml;
  std::string description;  // stored in gpkg_contents
};

// A single-band Float32 raster in the output CRS (a travel-time surface),
// written as a GeoPackage 2D gridded coverage table. `values` are row-major
// from the north-west corner (min_x, max_y); cells equal to `nodata` or not
// finite are written as no data. `style_qml` is a QGIS raster style, kept in
// `layer_styles` like the vector styles.
struct OutputRaster {
  std::string name;
  std::string description;
  double min_x = 0.0;
  double max_y = 0.0;
  double cell_size = 0.0;
  std::uint32_t columns = 0;
  std::uint32_t rows = 0;
  std::vector<float> values;
  float nodata = -1.0F;
  std::string style_qml;
};

}  // namespace couverture
