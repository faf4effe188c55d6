#include "couverture/engine/nearest_facility_times.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "one_way_loop_network.hpp"

namespace couverture {
namespace {

using loop_test::kTolerance;
using loop_test::on;
// The one-way loop of one_way_loop_network.hpp.
RoadGraph test_network() { return loop_test::loop_network(); }

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

TEST(NearestFacilityTimes, BothDirectionsDifferOnTheOneWayLoop) {
  const RoadGraph graph = test_network();
  NearestFacilityTimes inbound(graph, 1.0);
  NearestFacilityTimes outbound(graph, 1.0, TravelDirection::from_facility);
  EXPECT_EQ(inbound.direction(), TravelDirection::to_facility);
  EXPECT_EQ(outbound.direction(), TravelDirection::from_facility);
  // The facility lies a quarter along 0-1, 10 m off the road.
  const std::vector<NetworkPosition> facilities = {on(graph, 0, 1, 0.25, 10.0)};
  const std::vector<NetworkPosition> origins = {
      // Halfway along one-way 1->2, 5 m off.
      //   to:   on to 2 (15), 2->0 (90), 0 to the point (15), walks 5 + 10: 135 s.
      //   from: walk 10, point to 1 (0.75 × 60 = 45), 1 to half of 1->2 (15),
      //         walk 5: 75 s.
      on(graph, 1, 2, 0.5, 5.0),
      // Halfway along one-way 2->0, on the road.
      //   to:   on to 0 (0.5 × 90 = 45), 0 to the point (15), walk 10: 70 s.
      //   from: walk 10, point to 1 (45), 1->2 (30), 2 to half of 2->0 (45):
      //         130 s (0 cannot be left towards 2).
      on(graph, 2, 0, 0.5, 0.0),
      // Halfway along the two-way dead end 1-3: the same both ways,
      //   20 + 45 + 10 = 75 s.
      on(graph, 1, 3, 0.5, 0.0),
      // At node 1, as the start of one-way 1->2 and as the end seen from 2:
      //   45 + 10 = 55 s both ways (a segment end is its node).
      on(graph, 1, 2, 0.0, 0.0),
      on(graph, 2, 1, 1.0, 0.0),
      // The island: unreachable both ways.
      on(graph, 4, 5, 0.5, 0.0),
  };
  const std::vector<NearestFacility> to = inbound.compute(facilities, origins);
  const std::vector<NearestFacility> from = outbound.compute(facilities, origins);
  EXPECT_NEAR(to[0].seconds, 135.0, kTolerance);
  EXPECT_NEAR(from[0].seconds, 75.0, kTolerance);
  EXPECT_NEAR(to[1].seconds, 70.0, kTolerance);
  EXPECT_NEAR(from[1].seconds, 130.0, kTolerance);
  EXPECT_NEAR(to[2].seconds, 75.0, kTolerance);
  EXPECT_NEAR(from[2].seconds, 75.0, kTolerance);
  for (int i = 3; i < 5; ++i) {
    EXPECT_NEAR(to[i].seconds, 55.0, kTolerance) << i;
    EXPECT_NEAR(from[i].seconds, 55.0, kTolerance) << i;
  }
  for (int i = 0; i < 5; ++i) EXPECT_EQ(from[i].facility, 0u) << i;
  EXPECT_TRUE(std::isinf(to[5].seconds));
  EXPECT_TRUE(std::isinf(from[5].seconds));
  // A cutoff between the two directions' times keeps only the shorter one.
  const std::vector<NearestFacility> capped = outbound.compute(facilities, origins, 100.0);
  EXPECT_NEAR(capped[0].seconds, 75.0, kTolerance);
  EXPECT_TRUE(std::isinf(capped[1].seconds));  // 130 s > 100 s
}

TEST(NearestFacilityTimes, SameSegmentOutboundFollowsTheOneWay) {
  const RoadGraph graph = test_network();
  NearestFacilityTimes outbound(graph, 1.0, TravelDirection::from_facility);
  // The facility lies at 0.2 along one-way 1->2, on the road.
  const std::vector<NetworkPosition> facilities = {on(graph, 1, 2, 0.2, 0.0)};
  const std::vector<NetworkPosition> origins = {
      // Behind it at 0.1: on to 2 (0.8 × 30 = 24), 2->0 (90), 0->1 (60),
      // 1 to 0.1 (3): 177 s (inbound this is 3 s).
      on(graph, 1, 2, 0.1, 0.0),
      // Ahead at 0.6, described from node 2: straight on, 0.4 × 30 = 12 s
      // (inbound 168 s).
      on(graph, 2, 1, 0.4, 0.0),
  };
  const std::vector<NearestFacility> result = outbound.compute(facilities, origins);
  EXPECT_NEAR(result[0].seconds, 177.0, kTolerance);
  EXPECT_NEAR(result[1].seconds, 12.0, kTolerance);
}

TEST(AlongSegment, StraightAlongTheCommonSegmentOnly) {
  const RoadGraph graph = test_network();
  // Two-way 0-1 (60 s each way): 0.25 -> 0.75 is half the arc, 30,000 ms,
  // whichever end describes either position.
  EXPECT_NEAR(along_segment_ms(graph, on(graph, 0, 1, 0.25, 0), on(graph, 0, 1, 0.75, 0)), 30000,
              1e-6);
  EXPECT_NEAR(along_segment_ms(graph, on(graph, 1, 0, 0.25, 0), on(graph, 0, 1, 0.25, 0)), 30000,
              1e-6);
  // One-way 1->2 (30 s): forwards 0.2 -> 0.6 is 12,000 ms, backwards impossible.
  EXPECT_NEAR(along_segment_ms(graph, on(graph, 1, 2, 0.2, 0), on(graph, 1, 2, 0.6, 0)), 12000,
              1e-6);
  EXPECT_TRUE(
      std::isinf(along_segment_ms(graph, on(graph, 1, 2, 0.6, 0), on(graph, 1, 2, 0.2, 0))));
  // Different segments, or an unsnapped position.
  EXPECT_TRUE(
      std::isinf(along_segment_ms(graph, on(graph, 0, 1, 0.5, 0), on(graph, 1, 3, 0.5, 0))));
  EXPECT_TRUE(std::isinf(along_segment_ms(graph, NetworkPosition{}, on(graph, 0, 1, 0.5, 0))));
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
