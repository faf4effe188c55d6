#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "couverture/geodata/geos_geometry.hpp"

namespace couverture {

// One attribute column of an output layer: a name, a type, one value per
// feature (nullopt writes NULL), and an optional human label (QGIS alias).
struct OutputColumn {
  enum class Type { integer, real, text };
  std::string name;
  Type type = Type::real;
  std::vector<std::optional<std::variant<std::int64_t, double, std::string>>> values;
  std::string alias;  // e.g. "Temps moyen EAJE (min)"; empty for none
};

// A layer (or, with geometry_type "none", an attribute-only table) to write
// into a GeoPackage. Geometries are in WGS84 lon/lat; the writer reprojects
// them to the output CRS. `style_qml` is stored as the layer's default QGIS
// style in `layer_styles` (empty for none).
struct OutputLayer {
  std::string name;
  std::string geometry_type;  // "point", "polygon", "multipolygon", "linestring" or "none"
  std::vector<GeosGeometry> geometries;  // one per feature, empty for "none"
  std::vector<OutputColumn> columns;
  std::string style_qml;
  std::string description;  // stored in gpkg_contents
};

}  // namespace couverture
