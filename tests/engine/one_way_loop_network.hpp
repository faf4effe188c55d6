#pragma once

// The hand-worked one-way loop shared by the travel-time tests (seconds):
//
//   0 <-> 1   60 each way
//   1 -> 2    30, one-way
//   2 -> 0    90, one-way (the way back from 2)
//   1 <-> 3   40 each way, dead end at 3
//   4 <-> 5   10 each way, an island
//
// With an access speed of 1 m/s an access leg of d metres takes d seconds.
// Seed offsets are rounded to the millisecond: compare to 2 ms.
#include <vector>

#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture::loop_test {

inline constexpr double kTolerance = 0.002;

inline RoadGraph loop_network() {
  RoadGraph graph;
  graph.profile = "car";
  graph.node_position = {{6.00, 48.00}, {6.01, 48.00}, {6.01, 48.01},
                         {6.02, 48.00}, {6.05, 48.05}, {6.06, 48.05}};
  const std::vector<ArcTriple> arcs = {{0, 1, 60000}, {1, 0, 60000}, {1, 2, 30000}, {2, 0, 90000},
                                       {1, 3, 40000}, {3, 1, 40000}, {4, 5, 10000}, {5, 4, 10000}};
  graph.graph = build_csr_graph(graph.node_position.size(), arcs);
  return graph;
}

// A position at `fraction` along segment from-to, `distance_m` off the road.
inline NetworkPosition on(const RoadGraph& graph, NodeId from, NodeId to, double fraction,
                          double distance_m) {
  NetworkPosition p;
  p.from = from;
  p.to = to;
  p.forward_arc = graph.find_arc(from, to);
  p.backward_arc = graph.find_arc(to, from);
  p.fraction = fraction;
  p.distance_m = distance_m;
  return p;
}

}  // namespace couverture::loop_test
