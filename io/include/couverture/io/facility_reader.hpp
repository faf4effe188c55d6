#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "couverture/geodata/facility.hpp"

namespace couverture {

// Where the facilities come from: a point layer of any GDAL vector source,
// or a CSV whose x/y columns are in `crs` (set x_field, y_field and crs).
struct FacilitySource {
  std::filesystem::path path;
  std::string layer;                  // empty = the only layer
  std::string x_field, y_field, crs;  // CSV only
  std::string id_field, name_field, type_field;
  std::string capacity_field;  // optional; empty = capacity unknown (0)
  // Public registers (INSEE BPE, a CAF list of EAJE): the source's type
  // values (TYPEQU codes...) mapped to service types; rows whose value is
  // not a key are left out (and counted). Empty: the values are the types.
  // With a map, id_field and name_field may be empty (registers often have
  // neither): ids are then "row-<record number>".
  std::map<std::string, std::string> type_map = {};
  std::string filter = {};  // optional OGR attribute filter, e.g. "DEP = '88'"
  // Optional coordinate-quality column (BPE: QUALITE_XY) and its values
  // that leave a row out, reported by id (e.g. "Mauvaise").
  std::string quality_field = {};
  std::vector<std::string> poor_quality = {};
};

// Reads the facilities, positions in WGS84 lon/lat. A polygon or line
// feature (e.g. a crèche mapped as a building) is placed at a point inside
// it (OGR PointOnSurface), reported once in `warnings`. Fields missing
// from the layer are also looked up among the OSM tags of `other_tags`.
// Rows the type_map does not name, and rows of poor coordinate quality, are
// left out and reported in `warnings` (the latter by id). Throws DataError
// naming the file, line or feature, field, and the fix (an invalid filter
// names facilities.filter).
std::vector<Facility> read_facilities(const FacilitySource& source,
                                      std::vector<std::string>& warnings);

}  // namespace couverture
