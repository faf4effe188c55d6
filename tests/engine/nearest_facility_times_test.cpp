#include "couverture/engine/nearest_facility_times.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace couverture {
namespace {

// Travel times written on paper (seconds):
//
//   0 <-> 1   60 each way
//   1 -> 2    30, one-way
//   2 -> 0    90, one-way (the way back from 2)
//   1 <-> 3   40 each way, dead end at 3
//   4 <-> 5   10 each way, an island
//
// The access speed is 1 m/s, so an access leg of d metres takes d seconds.
// Seed offsets are rounded to the millisecond: compare to 2 ms.
constexpr double kTolerance = 0.002;

RoadGraph test_network() {
  RoadGraph graph;
  graph.profile = "car";
  graph.node_position = {{6.00, 48.00}, {6.01, 48.00}, {6.01, 48.01},
                         {6.02, 48.00}, {6.05, 48.05}, {6.06, 48.05}};
  const std::vector<ArcTriple> arcs = {{0, 1, 60000}, {1, 0, 60000}, {1, 2, 30000}, {2, 0, 90000},
                                       {1, 3, 40000}, {3, 1, 40000}, {4, 5, 10000}, {5, 4, 10000}};
  graph.graph = build_csr_graph(graph.node_position.size(), arcs);
  return graph;
}

NetworkPosition on(const RoadGraph& graph, NodeId from, NodeId to, double fraction,
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

TEST(NearestFacilityTimes, HandWorkedInboundTimes) {
  const RoadGraph graph = test_network();
  NearestFacilityTimes times(graph, 1.0);
  // The facility lies a quarter along 0-1, 10 m off the road.
  const std::vector<NetworkPosition> facilities = {on(graph, 0, 1, 0.25, 10.0)};
  const std::vector<NetworkPosition> origins = {
      // Halfway along one-way 1->2, 5 m off: forward to 2 (15), 2->0 (90),
      // 0 to the facility's point (0.25 × 60 = 15), access 5 + 10: 135 s.
      // Outbound it would be 45 + 15 + 15 = 75 s: the one-way loop matters.
      on(graph, 1, 2, 0.5, 5.0),
      // Halfway along dead end 1-3: back to 1 (20), 1->0 to the point
      // (0.75 × 60 = 45), facility access 10: 75 s.
      on(graph, 1, 3, 0.5, 0.0),
      // On the facility's own segment at 0.75, 2 m off: straight along 1->0
      // over half the arc (30), accesses 2 + 10: 42 s (via a node: 60+).
      on(graph, 0, 1, 0.75, 2.0),
      // The same position described from the other end.
      on(graph, 1, 0, 0.25, 2.0),
      // The island cannot reach anything.
      on(graph, 4, 5, 0.5, 0.0),
      // Not snapped.
      NetworkPosition{},
  };
  const std::vector<NearestFacility> result = times.compute(facilities, origins);
  ASSERT_EQ(result.size(), origins.size());
  EXPECT_NEAR(result[0].seconds, 135.0, kTolerance);
  EXPECT_NEAR(result[1].seconds, 75.0, kTolerance);
  EXPECT_NEAR(result[2].seconds, 42.0, kTolerance);
  EXPECT_NEAR(result[3].seconds, 42.0, kTolerance);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(result[i].facility, 0u) << i;
  EXPECT_TRUE(std::isinf(result[4].seconds));
  EXPECT_EQ(result[4].facility, kInvalidId);
  EXPECT_TRUE(std::isinf(result[5].seconds));
}

TEST(NearestFacilityTimes, SameSegmentAgainstTheOneWayGoesRoundTheLoop) {
  const RoadGraph graph = test_network();
  NearestFacilityTimes times(graph, 1.0);
  // The facility lies at 0.2 along one-way 1->2, on the road.
  const std::vector<NetworkPosition> facilities = {on(graph, 1, 2, 0.2, 0.0)};
  const std::vector<NetworkPosition> origins = {
      // Behind it at 0.1: straight along the arc, 0.1 × 30 = 3 s.
      on(graph, 1, 2, 0.1, 0.0),
      // Past it at 0.6: on to 2 (12), 2->0 (90), 0->1 (60), 1 to 0.2 (6): 168 s.
      on(graph, 1, 2, 0.6, 0.0),
  };
  const std::vector<NearestFacility> result = times.compute(facilities, origins);
  EXPECT_NEAR(result[0].seconds, 3.0, kTolerance);
  EXPECT_NEAR(result[1].seconds, 168.0, kTolerance);
}

TEST(NearestFacilityTimes, AnEndOfAOneWaySegmentIsItsNode) {
  const RoadGraph graph = test_network();
  NearestFacilityTimes times(graph, 1.0);
  const std::vector<NetworkPosition> facilities = {on(graph, 0, 1, 0.25, 10.0)};
  const std::vector<NetworkPosition> origins = {
      // At node 1, snapped to the start of one-way 1->2: not forced on to 2
      // (30 + 115 = 145 s) but straight from node 1: 45 + 10 = 55 s.
      on(graph, 1, 2, 0.0, 0.0),
      // The same, described from node 2 (no 2->1 arc, fraction 1 = node 1).
      on(graph, 2, 1, 1.0, 0.0),
  };
  const std::vector<NearestFacility> result = times.compute(facilities, origins);
  EXPECT_NEAR(result[0].seconds, 55.0, kTolerance);
  EXPECT_NEAR(result[1].seconds, 55.0, kTolerance);
}

TEST(NearestFacilityTimes, PicksTheNearestOfSeveralAndReusesItsState) {
  const RoadGraph graph = test_network();
  NearestFacilityTimes times(graph, 1.0);
  const std::vector<NetworkPosition> origins = {on(graph, 1, 3, 0.5, 0.0),
                                                on(graph, 0, 1, 0.75, 2.0)};
  // Service type A: the facility on 0-1 and one at the dead end's node 3.
  const std::vector<NetworkPosition> type_a = {on(graph, 0, 1, 0.25, 10.0),
                                               on(graph, 1, 3, 1.0, 0.0)};
  // Service type B: only the one at node 3. Run A, B, then A again.
  const std::vector<NetworkPosition> type_b = {on(graph, 1, 3, 1.0, 0.0)};
  for (int round = 0; round < 2; ++round) {
    const std::vector<NearestFacility> a = times.compute(type_a, origins);
    // Dead-end origin: on to node 3, 0.5 × 40 = 20 s, beats 75 s.
    EXPECT_NEAR(a[0].seconds, 20.0, kTolerance);
    EXPECT_EQ(a[0].facility, 1u);
    EXPECT_NEAR(a[1].seconds, 42.0, kTolerance);
    EXPECT_EQ(a[1].facility, 0u);
    if (round == 1) break;
    const std::vector<NearestFacility> b = times.compute(type_b, origins);
    EXPECT_NEAR(b[0].seconds, 20.0, kTolerance);
    // From 0.75 along 0-1: to 1 (15), 1->3 (40), access 2: 57 s.
    EXPECT_NEAR(b[1].seconds, 57.0, kTolerance);
    EXPECT_EQ(b[1].facility, 0u);
  }
}

TEST(NearestFacilityTimes, CutoffMakesLongerTripsUnreachable) {
  const RoadGraph graph = test_network();
  NearestFacilityTimes times(graph, 1.0);
  const std::vector<NetworkPosition> facilities = {on(graph, 0, 1, 0.25, 10.0)};
  const std::vector<NetworkPosition> origins = {on(graph, 1, 2, 0.5, 5.0),
                                                on(graph, 1, 3, 0.5, 0.0)};
  const std::vector<NearestFacility> result = times.compute(facilities, origins, 100.0);
  EXPECT_TRUE(std::isinf(result[0].seconds));  // 135 s > 100 s
  EXPECT_EQ(result[0].facility, kInvalidId);
  EXPECT_NEAR(result[1].seconds, 75.0, kTolerance);
}

TEST(NearestFacilityTimes, NoFacilityMeansEverythingUnreachable) {
  const RoadGraph graph = test_network();
  NearestFacilityTimes times(graph, 1.0);
  const std::vector<NetworkPosition> origins = {on(graph, 0, 1, 0.5, 0.0)};
  const std::vector<NearestFacility> result = times.compute({}, origins);
  EXPECT_TRUE(std::isinf(result[0].seconds));
}

}  // namespace
}  // namespace couverture
