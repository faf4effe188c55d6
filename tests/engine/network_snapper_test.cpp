#include "couverture/engine/network_snapper.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <utility>
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

// Classes and a detached piece, on three parallels 0.002° apart:
//
//   detached residential piece   (6.000, 48.004) - (6.010, 48.004)
//   2 (6.000, 48.002) <-> 3 (6.010, 48.002)   motorway
//   0 (6.000, 48.000) <-> 1 (6.010, 48.000)   residential
//
// 0.0005° of latitude = 55.60 m, 0.0015° = 166.79 m, 0.0035° = 389.17 m
// (111,190.3 m per degree at 48°).
RoadGraph classed_network() {
  RoadGraph graph;
  graph.profile = "car";
  graph.node_position = {{6.000, 48.000}, {6.010, 48.000}, {6.000, 48.002}, {6.010, 48.002}};
  const std::vector<ArcTriple> arcs = {{0, 1, 1000}, {1, 0, 1000}, {2, 3, 1000}, {3, 2, 1000}};
  graph.graph = build_csr_graph(graph.node_position.size(), arcs);
  graph.arc_class.resize(4);
  for (ArcId a = 0; a < 4; ++a) {
    graph.arc_class[a] = graph.graph.head[a] <= 1 ? RoadClass::residential : RoadClass::motorway;
  }
  graph.detached_segment_end = {{6.000, 48.004}, {6.010, 48.004}};
  graph.detached_segment_class = {RoadClass::residential};
  return graph;
}

TEST(NetworkSnapper, DefaultSnappableClassesKeepCarsOffMotorwaysAndSlipRoads) {
  const RoadClassSet car = default_snappable_classes("car");
  EXPECT_FALSE(car.test(static_cast<std::size_t>(RoadClass::motorway)));
  EXPECT_FALSE(car.test(static_cast<std::size_t>(RoadClass::motorway_link)));
  EXPECT_FALSE(car.test(static_cast<std::size_t>(RoadClass::trunk_link)));
  EXPECT_TRUE(car.test(static_cast<std::size_t>(RoadClass::trunk)));
  EXPECT_TRUE(car.test(static_cast<std::size_t>(RoadClass::residential)));
  EXPECT_EQ(car.count(), kRoadClassCount - 3);
  EXPECT_TRUE(default_snappable_classes("walk").all());
  EXPECT_TRUE(default_snappable_classes("bike").all());
}

TEST(NetworkSnapper, CarPointBesideAMotorwayJoinsTheStreet) {
  const RoadGraph graph = classed_network();
  // 0.0005° south of the motorway, 0.0015° north of the street.
  const LonLat point{6.005, 48.0015};
  const NetworkSnapper car(graph);
  EXPECT_EQ(car.segment_count(), 1u);  // the motorway is not indexed
  const NetworkPosition p = car.snap(point);
  EXPECT_EQ(p.from, 0u);
  EXPECT_EQ(p.to, 1u);
  EXPECT_NEAR(p.fraction, 0.5, 1e-3);
  EXPECT_NEAR(p.distance_m, 166.79, 1.0);
  EXPECT_FALSE(p.from_detached_piece);

  // With every class snappable, the motorway is nearest.
  RoadClassSet all;
  all.set();
  const NetworkSnapper anywhere(graph, all);
  EXPECT_EQ(anywhere.segment_count(), 2u);
  EXPECT_TRUE(anywhere.snappable_classes().all());
  const NetworkPosition q = anywhere.snap(point);
  EXPECT_EQ(q.from, 2u);
  EXPECT_EQ(q.to, 3u);
  EXPECT_NEAR(q.distance_m, 55.60, 1.0);
}

TEST(NetworkSnapper, NearestRoadInADetachedPieceJoinsTheMainNetworkAndSaysSo) {
  const RoadGraph graph = classed_network();
  const NetworkSnapper car(graph);
  EXPECT_EQ(car.detached_segment_count(), 1u);
  // 0.0005° south of the detached piece: the street (motorway excluded) is
  // 0.0035° south, 389.17 m.
  const NetworkPosition p = car.snap({6.004, 48.0035});
  EXPECT_EQ(p.from, 0u);
  EXPECT_EQ(p.to, 1u);
  EXPECT_NEAR(p.fraction, 0.4, 1e-3);
  EXPECT_NEAR(p.distance_m, 389.17, 1.0);
  EXPECT_TRUE(p.from_detached_piece);
  EXPECT_NEAR(p.detached_distance_m, 55.60, 1.0);

  // Nearer the street than the piece: nothing to report.
  const NetworkPosition q = car.snap({6.004, 48.001});
  EXPECT_FALSE(q.from_detached_piece);
  EXPECT_DOUBLE_EQ(q.detached_distance_m, 0.0);
}

TEST(NetworkSnapper, DetachedPieceOfAnUnsnappableClassIsIgnored) {
  RoadGraph graph = classed_network();
  graph.detached_segment_class = {RoadClass::motorway_link};
  const NetworkSnapper car(graph);
  EXPECT_EQ(car.detached_segment_count(), 0u);
  EXPECT_FALSE(car.snap({6.004, 48.0035}).from_detached_piece);
}

TEST(NetworkSnapper, RejectsAGraphWithNothingSnappable) {
  RoadGraph graph = classed_network();
  RoadClassSet only_track;
  only_track.set(static_cast<std::size_t>(RoadClass::track));
  EXPECT_THROW((NetworkSnapper{graph, only_track}), std::invalid_argument);
}

// A random network around 48° N: 400 scattered nodes, each joined both ways
// to a few random others.
RoadGraph random_network(std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> lon(6.40, 6.70);
  std::uniform_real_distribution<double> lat(48.00, 48.20);
  RoadGraph graph;
  graph.profile = "walk";
  graph.node_position.resize(400);
  for (LonLat& p : graph.node_position) p = {lon(random), lat(random)};
  std::uniform_int_distribution<NodeId> node(0, 399);
  std::vector<ArcTriple> arcs;
  for (NodeId u = 0; u < 400; ++u) {
    for (int k = 0; k < 2; ++k) {
      const NodeId v = node(random);
      if (v == u) continue;
      arcs.push_back({u, v, 1000});
      arcs.push_back({v, u, 1000});
    }
  }
  graph.graph = build_csr_graph(graph.node_position.size(), arcs);
  return graph;
}

// The reference: every segment tried, each end projected on its own
// (LocalProjection::forward, one PROJ call per point as the snapper once did).
struct BruteForceSnap {
  NodeId low;
  NodeId high;
  double squared_m;
  LocalXY foot;
};

// The squared planar distance from p to segment s-e, and the foot.
std::pair<double, LocalXY> to_segment(LocalXY p, LocalXY s, LocalXY e) {
  const double dx = e.x - s.x;
  const double dy = e.y - s.y;
  const double t =
      std::clamp(((p.x - s.x) * dx + (p.y - s.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
  const LocalXY foot{s.x + t * dx, s.y + t * dy};
  return {(p.x - foot.x) * (p.x - foot.x) + (p.y - foot.y) * (p.y - foot.y), foot};
}

BruteForceSnap brute_force_snap(const RoadGraph& graph, const LocalProjection& projection,
                                LonLat point) {
  const LocalXY p = projection.forward(point);
  BruteForceSnap best{kInvalidId, kInvalidId, 1e300, {}};
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcId a = graph.graph.arcs_begin(u); a < graph.graph.arcs_end(u); ++a) {
      const NodeId v = graph.graph.head[a];
      const auto [d, foot] = to_segment(p, projection.forward(graph.node_position[u]),
                                        projection.forward(graph.node_position[v]));
      if (d < best.squared_m) best = {std::min(u, v), std::max(u, v), d, foot};
    }
  }
  return best;
}

TEST(NetworkSnapper, RandomPointsSnapWhereABruteForceSearchSnapsThem) {
  const RoadGraph graph = random_network(7);
  const NetworkSnapper snapper(graph);
  const LocalProjection projection = LocalProjection::around(graph.node_position);
  std::mt19937_64 random(99);
  std::uniform_real_distribution<double> lon(6.38, 6.72);
  std::uniform_real_distribution<double> lat(47.98, 48.22);
  int distinct_segment = 0;
  for (int i = 0; i < 300; ++i) {
    const LonLat point{lon(random), lat(random)};
    const BruteForceSnap expected = brute_force_snap(graph, projection, point);
    const NetworkPosition p = snapper.snap(point);
    ASSERT_TRUE(p.valid());
    // The snapped segment is one of the nearest (several tie when the foot
    // is a node they share).
    const auto [d, foot] =
        to_segment(projection.forward(point), projection.forward(graph.node_position[p.from]),
                   projection.forward(graph.node_position[p.to]));
    EXPECT_NEAR(d, expected.squared_m, 1e-6 * (1.0 + expected.squared_m)) << i;
    distinct_segment += std::min(p.from, p.to) != expected.low ? 1 : 0;
    EXPECT_NEAR(p.distance_m, geodesic_distance_m(point, projection.inverse(expected.foot)), 1e-6)
        << i;
    EXPECT_LT(geodesic_distance_m(p.point, projection.inverse(expected.foot)), 1e-6) << i;
  }
  EXPECT_LT(distinct_segment, 100);  // ties at shared nodes only
}

TEST(NetworkSnapper, RejectsAGraphWithoutArcs) {
  RoadGraph graph;
  graph.node_position = {{6.0, 48.0}};
  graph.graph = build_csr_graph(1, {});
  EXPECT_THROW(NetworkSnapper{graph}, std::invalid_argument);
}

}  // namespace
}  // namespace couverture

namespace couverture {
namespace {

// A projection of the caller's, centred like the snapper's, gives the very
// same positions (what lets threads share one snapper).
TEST(NetworkSnapperFrames, ACallersProjectionGivesTheSamePositions) {
  RoadGraph graph;
  graph.profile = "walk";
  graph.node_position = {{6.60, 48.00}, {6.61, 48.00}, {6.61, 48.01}};
  const std::vector<ArcTriple> arcs = {{0, 1, 50000}, {1, 0, 50000}, {1, 2, 60000}, {2, 1, 60000}};
  graph.graph = build_csr_graph(3, arcs);
  graph.arc_length_m.assign(graph.arc_count(), 740.0F);
  const NetworkSnapper snapper(graph);
  const LocalProjection frame(snapper.frame_centre());
  for (const LonLat p : {LonLat{6.603, 48.001}, LonLat{6.612, 48.004}, LonLat{6.59, 47.99}}) {
    const NetworkPosition a = snapper.snap(p);
    const NetworkPosition b = snapper.snap(p, frame);
    EXPECT_EQ(a.from, b.from);
    EXPECT_EQ(a.to, b.to);
    EXPECT_EQ(a.fraction, b.fraction);
    EXPECT_EQ(a.distance_m, b.distance_m);
    EXPECT_EQ(a.point.lon, b.point.lon);
  }
}

}  // namespace
}  // namespace couverture
