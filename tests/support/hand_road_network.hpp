#pragma once

#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture::testing {

// Three nodes drawn by hand for the network statistics and their summary:
// 0 <-> 1 residential, way 10, 1,000 m (two arcs, one road of 1 km);
// 1 -> 2 primary, way 20, 500 m, one-way; 0 -> 2 and 2 -> 0 residential,
// 250 m, ways 31 and 30 (two roads drawn on one another: both count, 0.5 km).
inline RoadGraph hand_road_network() {
  RoadGraph road;
  road.node_position = {{6.0, 48.0}, {6.2, 47.9}, {5.9, 48.3}};
  // Sorted by tail, so the parallel arrays stay aligned with the CSR arcs.
  const std::vector<ArcTriple> arcs = {
      {0, 1, 1000}, {0, 2, 1000}, {1, 0, 1000}, {1, 2, 1000}, {2, 0, 1000}};
  road.graph = build_csr_graph(3, arcs);
  road.arc_length_m = {1000.0F, 250.0F, 1000.0F, 500.0F, 250.0F};
  road.arc_class = {RoadClass::residential, RoadClass::residential, RoadClass::residential,
                    RoadClass::primary, RoadClass::residential};
  road.arc_way_id = {10, 31, 10, 20, 30};
  return road;
}

}  // namespace couverture::testing
