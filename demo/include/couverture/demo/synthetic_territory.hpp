#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/facility.hpp"
#include "couverture/geodata/osm_records.hpp"

namespace couverture {

// A territory built in memory, so that the demonstration and the benchmarks
// run on a fresh machine without any downloaded data. All positions WGS84.
struct SyntheticTerritory {
  std::string description;           // says plainly what is real and what is invented
  std::vector<OsmNodeRecord> nodes;  // road nodes
  std::vector<OsmWayRecord> ways;    // tagged highway ways (highway, name, maxspeed, oneway...)
  std::vector<Commune> communes;     // code, name, population, synthetic polygon
  std::vector<Facility> facilities;  // id, name, service_type, capacity, position
};

// The CCPVM around Remiremont (Vosges): the 10 real communes with their INSEE
// codes and 2026 legal populations at their real town centres, with synthetic
// commune shapes, synthetic roads and illustrative facilities.
SyntheticTerritory make_ccpvm_demo_territory();

// A larger territory for scale benchmarks, in the same style (towns with
// street grids joined by main roads, one commune per town, a few facilities
// of each service type): about `road_nodes` road nodes (within 10 %), the same
// output for the same seed.
SyntheticTerritory make_synthetic_territory(std::size_t road_nodes, std::uint64_t seed);

}  // namespace couverture
