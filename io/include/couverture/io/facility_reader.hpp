#pragma once

#include <filesystem>
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
};

// Reads the facilities, positions in WGS84 lon/lat. A polygon or line
// feature (e.g. a crèche mapped as a building) is placed at a point inside
// it (OGR PointOnSurface), reported once in `warnings`. Fields missing
// from the layer are also looked up among the OSM tags of `other_tags`.
// Throws DataError naming the file, line or feature, field, and the fix.
std::vector<Facility> read_facilities(const FacilitySource& source,
                                      std::vector<std::string>& warnings);

}  // namespace couverture
