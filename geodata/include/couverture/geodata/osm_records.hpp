#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "couverture/geodata/lon_lat.hpp"

namespace couverture {

// Plain OSM objects held in memory, e.g. a synthetic territory before it is
// written to a PBF, or fixtures for tests.
struct OsmNodeRecord {
  std::int64_t id = 0;
  LonLat position;
};

using OsmTags = std::vector<std::pair<std::string, std::string>>;

struct OsmWayRecord {
  std::int64_t id = 0;
  std::vector<std::int64_t> node_ids;
  OsmTags tags;
};

}  // namespace couverture
