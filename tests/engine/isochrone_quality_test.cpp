#include "couverture/engine/isochrone_quality.hpp"

#include <gtest/gtest.h>

#include <iomanip>
#include <sstream>
#include <vector>

#include "isochrone_test_network.hpp"

namespace couverture {
namespace {

using namespace isochrone_test;

// The straight road of the builder tests: nodes every 500 m from x = -1000
// to 1000, 36 s per 500 m; a facility on node 2 (x = 0), 1-minute bands.
RoadGraph straight_road() {
  return network({{-1000, 0}, {-500, 0}, {0, 0}, {500, 0}, {1000, 0}},
                 {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
}

// A WGS84 polygon through the corners given in kCentre's frame.
GeosGeometry polygon(const std::vector<LocalXY>& corners) {
  std::ostringstream wkt;
  wkt << std::setprecision(17) << "POLYGON((";
  for (std::size_t i = 0; i <= corners.size(); ++i) {
    const LonLat p = wgs84(corners[i % corners.size()]);
    wkt << (i == 0 ? "" : ", ") << p.lon << " " << p.lat;
  }
  wkt << "))";
  return geos_from_wkt(wkt.str());
}

GeosGeometry rectangle(double x0, double y0, double x1, double y1) {
  return polygon({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
}

std::vector<GeosGeometry> one(GeosGeometry band) {
  std::vector<GeosGeometry> bands;
  bands.push_back(std::move(band));
  return bands;
}

// Points counted by hand for 1 minute from node 2 (facility on the node,
// on segment 2->3 at fraction 0, no access walk):
//  reachable: the snapped point; for each of its two seeds (node 3 at 36 s,
//  node 2 at 0 s) the middle and end of the part travelled (2 x 2); nodes
//  1, 2, 3 (3); each has two arcs, each giving a middle and an end (12):
//  1 + 4 + 3 + 12 = 20.
//  unreachable: nodes 0 and 4 (72 s); no segment has both ends beyond 60 s.
//  Far (above 90 s): none.
TEST(IsochroneQuality, CountsHandWorkedPointsOnTheStraightRoad) {
  const RoadGraph graph = straight_road();
  const IsochroneParameters p = parameters({1.0}, TravelDirection::from_facility);
  const IsochroneBuilder builder(graph, p);
  const IsochroneQualityChecker checker(graph, p);
  const LonLat facility = graph.node_position[2];
  const NetworkPosition position = on(graph, 2, 3, 0.0);
  const std::vector<FacilityIsochrones> built = builder.build({&facility, 1}, {&position, 1});
  const std::vector<IsochroneQuality> quality = checker.check(facility, position, built[0].bands);
  ASSERT_EQ(quality.size(), 1u);
  const IsochroneQuality& q = quality[0];
  EXPECT_TRUE(q.origin_inside);
  EXPECT_TRUE(q.valid);
  EXPECT_TRUE(q.nested_in_next_band);
  EXPECT_EQ(q.reachable_points_checked, 20u);
  EXPECT_EQ(q.reachable_points_outside, 0u);
  EXPECT_EQ(q.unreachable_points_sampled, 2u);
  EXPECT_EQ(q.unreachable_points_inside, 0u);
  EXPECT_DOUBLE_EQ(q.unreachable_share_inside, 0.0);
  EXPECT_EQ(q.far_points_sampled, 0u);
  EXPECT_TRUE(q.guarantees_hold());
}

TEST(IsochroneQuality, FlagsAPolygonThatMissesReachedRoad) {
  const RoadGraph graph = straight_road();
  const IsochroneParameters p = parameters({1.0}, TravelDirection::from_facility);
  const IsochroneQualityChecker checker(graph, p);
  const LonLat facility = graph.node_position[2];
  // Covers x in [-100, 600] only: misses node 1 (x = -500) and the reached
  // road beyond; the known-unreachable point at x = 300 is inside.
  const std::vector<GeosGeometry> bands = one(rectangle(-100, -10, 600, 10));
  const LonLat known = wgs84({300.0, 0.0});
  const IsochroneQuality q = checker.check(facility, on(graph, 2, 3, 0.0), bands, {&known, 1})[0];
  EXPECT_TRUE(q.origin_inside);
  EXPECT_TRUE(q.valid);
  EXPECT_GT(q.reachable_points_outside, 0u);
  EXPECT_FALSE(q.guarantees_hold());
  // Nodes 0 and 4 are outside; the known point is inside and counts as far.
  EXPECT_EQ(q.unreachable_points_sampled, 3u);
  EXPECT_EQ(q.unreachable_points_inside, 1u);
  EXPECT_DOUBLE_EQ(q.unreachable_share_inside, 1.0 / 3.0);
  EXPECT_EQ(q.far_points_sampled, 1u);
  EXPECT_DOUBLE_EQ(q.far_share_inside, 1.0);
}

TEST(IsochroneQuality, FlagsOriginOutsideInvalidAndUnnestedBands) {
  const RoadGraph graph = straight_road();
  const IsochroneParameters p = parameters({1.0, 2.0}, TravelDirection::to_facility);
  const IsochroneQualityChecker checker(graph, p);
  const LonLat facility = graph.node_position[2];
  std::vector<GeosGeometry> bands;
  // A bow-tie (self-intersecting) that swallows everything around x = 0...
  bands.push_back(polygon({{-5000, -5000}, {5000, 5000}, {5000, -5000}, {-5000, 5000}}));
  // ...then a 2-minute band away from the facility, not covering band 0.
  bands.push_back(rectangle(2000, -10, 3000, 10));
  const std::vector<IsochroneQuality> q = checker.check(facility, on(graph, 2, 3, 0.0), bands);
  EXPECT_FALSE(q[0].valid);
  EXPECT_FALSE(q[0].nested_in_next_band);
  EXPECT_FALSE(q[1].origin_inside);
  EXPECT_TRUE(q[1].nested_in_next_band);  // the last band
  EXPECT_TRUE(q[1].valid);
  EXPECT_THROW((void)checker.check(facility, on(graph, 2, 3, 0.0), one(rectangle(0, 0, 1, 1))),
               std::invalid_argument);
}

// The river of the builder tests; the far bank (y = 100) is 432 s or more
// from the facility at (0, 0): every far-bank node is unreachable within
// 2 minutes, and far beyond (> 180 s).
TEST(IsochroneQuality, ReportsTheShareOfTheFarBankSwallowed) {
  const RoadGraph graph = network(
      {{0, 0}, {1000, 0}, {2000, 0}, {3000, 0}, {0, 100}, {1000, 100}, {2000, 100}, {3000, 100}},
      {{0, 1}, {1, 2}, {2, 3}, {3, 7}, {4, 5}, {5, 6}, {6, 7}});
  const LonLat facility = graph.node_position[0];
  const NetworkPosition position = on(graph, 0, 1, 0.0);
  for (const double cap : {45.0, 150.0}) {
    IsochroneParameters p = parameters({2.0}, TravelDirection::to_facility);
    p.max_offroad_m = cap;
    const IsochroneBuilder builder(graph, p);
    const IsochroneQualityChecker checker(graph, p);
    const std::vector<FacilityIsochrones> built = builder.build({&facility, 1}, {&position, 1});
    const IsochroneQuality q = checker.check(facility, position, built[0].bands)[0];
    EXPECT_TRUE(q.guarantees_hold()) << cap;
    // Beyond 120 s: nodes 2, 3 (near bank, 144 s and 216 s) and the far
    // bank's 4..7; middles of 2-3, 3-7, 4-5, 5-6, 6-7.
    EXPECT_EQ(q.unreachable_points_sampled, 6u + 5u) << cap;
    // Far (above 180 s): all but node 2 and the middle of 2-3 (144 s).
    EXPECT_EQ(q.far_points_sampled, 9u) << cap;
    if (cap < 50.0) {
      EXPECT_EQ(q.unreachable_points_inside, 0u);  // the far bank is 100 m off
    } else {
      // Widths above the 100 m river: the 150 m walk around the facility,
      // and 112.5 m where 90 s or more are left (x <= 416.67 m). The
      // far-bank node at x = 0 is swallowed (node 5 at x = 1000 has 75 m,
      // the middle of 4-5 at x = 500 too): the cap is wider than the river.
      // Reported, as the share inside.
      EXPECT_EQ(q.unreachable_points_inside, 1u);
      EXPECT_DOUBLE_EQ(q.unreachable_share_inside, 1.0 / 11.0);
      EXPECT_DOUBLE_EQ(q.far_share_inside, 1.0 / 9.0);
    }
  }
}

TEST(IsochroneQuality, CheckAllRunsEveryFacility) {
  const RoadGraph graph = straight_road();
  const IsochroneParameters p = parameters({1.0, 2.0}, TravelDirection::to_facility);
  const IsochroneBuilder builder(graph, p);
  const IsochroneQualityChecker checker(graph, p);
  const std::vector<LonLat> points{graph.node_position[1], wgs84({700.0, 30.0})};
  const std::vector<NetworkPosition> positions{on(graph, 1, 2, 0.0), on(graph, 3, 4, 0.4, 30.0)};
  const std::vector<FacilityIsochrones> built = builder.build(points, positions);
  const auto quality = checker.check_all(points, positions, built);
  ASSERT_EQ(quality.size(), 2u);
  for (const auto& bands : quality) {
    ASSERT_EQ(bands.size(), 2u);
    for (const IsochroneQuality& q : bands) EXPECT_TRUE(q.guarantees_hold());
  }
  EXPECT_THROW((void)checker.check_all(points, positions, {}), std::invalid_argument);
}

TEST(IsochroneQuality, NestedAllowsOnlyFloatingPointSlivers) {
  const GeosGeometry small = rectangle(0, 0, 100, 100);
  const GeosGeometry big = rectangle(-10, -10, 200, 200);
  EXPECT_TRUE(isochrone_band_nested(*small, *big));
  EXPECT_FALSE(isochrone_band_nested(*big, *small));
  // 1 mm out on one side of 100 m: 1e-5 of the area, far above slivers.
  EXPECT_FALSE(isochrone_band_nested(*rectangle(0, 0, 100.001, 100), *rectangle(0, 0, 100, 100)));
}

}  // namespace
}  // namespace couverture
