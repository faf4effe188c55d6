#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/io/output_layer.hpp"

namespace couverture {

// One table of a GeoPackage read back whole: what OutputLayer wrote, with
// the geometries in the file's own CRS (Lambert-93 for Couverture outputs:
// metres, ready to draw) and the column labels taken from the layer's
// default QGIS style (GDAL 3.6 keeps no GeoPackage aliases).
struct GeoTable {
  std::string name;
  std::string description;
  std::string geometry_type;  // "none", "point", "multipolygon"... (OGR's name, lower case)
  std::vector<OutputColumn> columns;
  std::vector<GeosGeometry> geometries;  // one per row for spatial tables; null for NULL
  std::string style_qml;                 // the default style, empty for none

  [[nodiscard]] std::size_t row_count() const;
  // The column named `name`, or null.
  [[nodiscard]] const OutputColumn* column(const std::string& name) const;
};

// The vector tables of a GeoPackage, in the order gpkg_contents lists them
// (layer_styles and qgis_projects left out), and the names of its raster
// (2D gridded coverage) tables.
struct GeoPackageContents {
  std::filesystem::path path;
  std::string crs;  // "EPSG:2154": the authority code of the first spatial table
  std::vector<GeoTable> tables;
  std::vector<std::string> raster_tables;

  // The table named `name`, or null.
  [[nodiscard]] const GeoTable* find(const std::string& name) const;
};

// Reads every vector table of the GeoPackage at `path` but those named in
// `skipped` (large tables a reader does not need, e.g. demand_points).
// Throws DataError naming the file when it is missing or not a GeoPackage.
[[nodiscard]] GeoPackageContents read_geopackage(const std::filesystem::path& path,
                                                 const std::vector<std::string>& skipped = {});

// The text value of a key/value table such as run_info (columns key and
// value): the first row whose key is `key`, or nullopt.
[[nodiscard]] std::optional<std::string> table_value(const GeoTable& table, const std::string& key);

// The field labels of a QGIS style document: (field, label) pairs in the
// order of its <aliases> element, XML entities decoded.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> style_aliases(
    const std::string& qml);

}  // namespace couverture
