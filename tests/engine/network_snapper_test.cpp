#include "couverture/engine/network_snapper.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace couverture {
namespace {

// A hand-built network near 48° N (weights do not matter for snapping):
//
//   0 (6.000, 48.000) <-> 1 (6.010, 48.000) <-> 3 (6.020, 48.000)   dead end at 3
//                         1 -> 2 (6.010, 48.005)                      one-way north
//   island: 4 (6.050, 48.050) <-> 5 (6.060, 48.050)
//
// Degree lengths at 48°: meridian 111,190.3 m, parallel 74,625.1 m
// (111,132.954 − 559.822 cos 2φ + 1.175 cos 4φ; 111,412.84 cos φ − 93.5 cos 3φ).
RoadGraph test_network() {
  RoadGraph graph;
  graph.profile = "car";
  graph.node_position = {{6.000, 48.000}, {6.010, 48.000}, {6.010, 48.005},
                         {6.020, 48.000}, {6.050, 48.050}, {6.060, 48.050}};
  const std::vector<ArcTriple> arcs = {{0, 1, 1000}, {1, 0, 1000}, {1, 2, 1000}, {1, 3, 1000},
                                       {3, 1, 1000}, {4, 5, 1000}, {5, 4, 1000}};
  graph.graph = build_csr_graph(graph.node_position.size(), arcs);
  return graph;
}

TEST(NetworkSnapper, IndexesEachUndirectedSegmentOnce) {
  const RoadGraph graph = test_network();
  const NetworkSnapper snapper(graph);
  EXPECT_EQ(snapper.segment_count(), 4u);  // 0-1, 1-2, 1-3, 4-5 from 7 arcs
}

TEST(NetworkSnapper, SnapsToTheInteriorOfATwoWaySegment) {
  const RoadGraph graph = test_network();
  const NetworkSnapper snapper(graph);
  // 0.001° north of the point at 40 % of 0-1: the foot is (6.004, 48.000),
  // 0.001 × 111,190.3 = 111.19 m away. Node 0 is 0.004 × 74,625 = 298 m off,
  // so the nearest node would be a much worse answer.
  const NetworkPosition p = snapper.snap({6.004, 48.001});
  EXPECT_EQ(p.from, 0u);
  EXPECT_EQ(p.to, 1u);
  EXPECT_EQ(p.forward_arc, graph.find_arc(0, 1));
  EXPECT_EQ(p.backward_arc, graph.find_arc(1, 0));
  EXPECT_NEAR(p.fraction, 0.4, 1e-3);
  EXPECT_NEAR(p.point.lon, 6.004, 1e-6);
  EXPECT_NEAR(p.point.lat, 48.000, 1e-6);
  EXPECT_NEAR(p.distance_m, 111.19, 1.0);
}

TEST(NetworkSnapper, OneWaySegmentHasNoBackwardArc) {
  const RoadGraph graph = test_network();
  const NetworkSnapper snapper(graph);
  // 0.0001° east of 40 % up 1->2: 0.0001 × 74,625 = 7.46 m.
  const NetworkPosition p = snapper.snap({6.0101, 48.002});
  EXPECT_EQ(p.from, 1u);
  EXPECT_EQ(p.to, 2u);
  EXPECT_EQ(p.forward_arc, graph.find_arc(1, 2));
  EXPECT_EQ(p.backward_arc, kInvalidId);
  EXPECT_NEAR(p.fraction, 0.4, 1e-3);
  EXPECT_NEAR(p.distance_m, 7.46, 1.0);
}

TEST(NetworkSnapper, BeyondADeadEndSnapsToItsEndNode) {
  const RoadGraph graph = test_network();
  const NetworkSnapper snapper(graph);
  // 0.005° east of node 3 on the same parallel: 0.005 × 74,625 = 373.1 m.
  const NetworkPosition p = snapper.snap({6.025, 48.000});
  EXPECT_EQ(p.from, 1u);
  EXPECT_EQ(p.to, 3u);
  EXPECT_DOUBLE_EQ(p.fraction, 1.0);
  EXPECT_EQ(p.point, (LonLat{6.020, 48.000}));
  EXPECT_NEAR(p.distance_m, 373.1, 1.0);
}

TEST(NetworkSnapper, FindsTheIsland) {
  const RoadGraph graph = test_network();
  const NetworkSnapper snapper(graph);
  const NetworkPosition p = snapper.snap({6.055, 48.049});
  EXPECT_EQ(p.from, 4u);
  EXPECT_EQ(p.to, 5u);
  EXPECT_NEAR(p.fraction, 0.5, 1e-3);
  EXPECT_NEAR(p.distance_m, 111.19, 1.0);
}

TEST(NetworkSnapper, RejectsAGraphWithoutArcs) {
  RoadGraph graph;
  graph.node_position = {{6.0, 48.0}};
  graph.graph = build_csr_graph(1, {});
  EXPECT_THROW(NetworkSnapper{graph}, std::invalid_argument);
}

}  // namespace
}  // namespace couverture
