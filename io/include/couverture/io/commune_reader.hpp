#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "couverture/geodata/commune.hpp"

namespace couverture {

// Population figures in a separate table (CSV), joined on the commune code
// compared as text so that leading zeros ("01001") survive.
struct PopulationTable {
  std::filesystem::path path;
  std::string code_field;
  std::string population_field;
};

// Where the communes come from: any GDAL vector source, e.g. a GeoPackage,
// a GeoJSON, a Shapefile or the `multipolygons` layer of an OSM PBF.
struct CommuneSource {
  std::filesystem::path path;
  std::string layer;  // empty = the only layer
  std::string code_field;
  std::string name_field;
  std::string population_field;  // may be empty when population_table is set
  std::string filter;            // OGR attribute filter (SQL WHERE), optional
  std::optional<PopulationTable> population_table;
};

// Reads the communes, reprojected to WGS84 lon/lat. A field missing from
// the layer is also looked up among the OSM tags of an `other_tags` column
// (OSM driver), so e.g. `ref:INSEE` works on a PBF. Invalid polygons are
// repaired (GEOS MakeValid, `repaired` set) and reported in `warnings`.
// Throws DataError naming the file, layer, record or field, and the fix.
std::vector<Commune> read_communes(const CommuneSource& source, std::vector<std::string>& warnings);

}  // namespace couverture
