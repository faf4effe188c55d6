#include "couverture/engine/isochrone_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "couverture/engine/isochrone_quality.hpp"
#include "isochrone_test_network.hpp"

namespace couverture {
namespace {

using namespace isochrone_test;

// A straight two-way road along y = 0: nodes every 500 m from x = -1000 to
// 1000 (node 2 at x = 0), 36 s per 500 m. A facility on node 2.
RoadGraph straight_road() {
  return network({{-1000, 0}, {-500, 0}, {0, 0}, {500, 0}, {1000, 0}},
                 {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
}

// Where a point of the builder's frame lies in kCentre's frame.
LocalXY in_test_frame(const IsochroneBuilder& builder, LocalXY p) {
  return LocalProjection(kCentre).forward(LocalProjection(builder.frame_centre()).inverse(p));
}

// Hand-worked 1-minute isochrone of the straight road (access 1.25 m/s, cap
// 150 m, 4 levels: widths 37.5 / 75 / 112.5 / 150 m from 30 / 60 / 90 /
// 120 s left, 5 m below 30 s):
//  - x in [0, 500] takes 36 s: the first node each way is left with 24 s;
//    the next arc is travelled 24/36 of its 500 m: reach |x| = 833.33 m.
//  - time left at |x|: 60 - 0.072 |x| s, so 30 s left at |x| = 416.67 m.
//  - |x| <= 416.67: 37.5 m wide; 416.67 < |x| <= 833.33: 5 m wide; and a
//    75 m disc around the facility (60 s of walk).
// Area: the 37.5 m stadium, 833.33 x 75 + pi 37.5^2 = 66918; the disc's two
// caps beyond |y| = 37.5, 2 (75^2 acos(1/2) - 37.5 sqrt(75^2 - 37.5^2)) =
// 6910; the 5 m stadium beyond the 37.5 m round ends, 2 x 416.67 x 10 +
// pi 5^2 - 2 x 37.3 x 10 = 7666: 81494 m^2 in all.
bool hand_worked_inside(double x, double y) {
  const double ax = std::abs(x);
  const auto stadium = [&](double half_length, double width) {
    return ax <= half_length ? std::abs(y) <= width : std::hypot(ax - half_length, y) <= width;
  };
  return std::hypot(x, y) <= 75.0 || stadium(416.6667, 37.5) || stadium(833.3333, 5.0);
}

// The 60 s walk around a facility: a 75 m circle drawn as a regular 24-gon
// (6 segments per quarter), area 12 sin(pi / 12) r^2.
const double kWalkDiscKm2 = 12.0 * std::sin(std::numbers::pi / 12.0) * 75.0 * 75.0 / 1e6;

TEST(IsochroneBuilder, OffroadWidthIsRoundedDownToItsLevel) {
  const RoadGraph graph = straight_road();
  const IsochroneBuilder builder(graph, parameters({1.0}, TravelDirection::from_facility));
  EXPECT_DOUBLE_EQ(builder.offroad_width_m(200.0), 150.0);  // capped
  EXPECT_DOUBLE_EQ(builder.offroad_width_m(120.0), 150.0);
  EXPECT_DOUBLE_EQ(builder.offroad_width_m(119.0), 112.5);  // 148.75 m -> level 3
  EXPECT_DOUBLE_EQ(builder.offroad_width_m(60.0), 75.0);
  EXPECT_DOUBLE_EQ(builder.offroad_width_m(59.0), 37.5);
  EXPECT_DOUBLE_EQ(builder.offroad_width_m(10.0), 5.0);  // the minimum
  EXPECT_DOUBLE_EQ(builder.offroad_width_m(-1.0), 5.0);
}

TEST(IsochroneBuilder, SeedsAreTheLinkedEndNodesPlusTheAccessWalk) {
  const RoadGraph graph = straight_road();
  std::vector<DijkstraSeed> seeds;
  // A quarter along 2->3 (125 m: 9 s), 25 m off the road (20 s at 1.25 m/s).
  isochrone_seeds(graph, on(graph, 2, 3, 0.25, 25.0), TravelDirection::from_facility, 1.25, seeds);
  ASSERT_EQ(seeds.size(), 2u);
  EXPECT_EQ(seeds[0].node, 3u);
  EXPECT_EQ(seeds[0].distance, 27000u + 20000u);  // 3/4 of 36 s, then the walk
  EXPECT_EQ(seeds[1].node, 2u);
  EXPECT_EQ(seeds[1].distance, 9000u + 20000u);
  isochrone_seeds(graph, NetworkPosition{}, TravelDirection::to_facility, 1.25, seeds);
  EXPECT_TRUE(seeds.empty());
}

TEST(IsochroneBuilder, StraightRoadPiecesCoverExactlyTheTravelledLength) {
  const RoadGraph graph = straight_road();
  const IsochroneBuilder builder(graph, parameters({1.0}, TravelDirection::from_facility));
  const std::vector<ReachedPiece> pieces =
      builder.reached_pieces(graph.node_position[2], on(graph, 2, 3, 0.0), 1.0);
  double min_x = 0.0;
  double max_x = 0.0;
  for (const ReachedPiece& piece : pieces) {
    for (const LocalXY end : {piece.start, piece.end}) {
      const LocalXY p = in_test_frame(builder, end);
      min_x = std::min(min_x, p.x);
      max_x = std::max(max_x, p.x);
      EXPECT_NEAR(p.y, 0.0, 0.01);
    }
    EXPECT_GE(piece.start_left_s, piece.end_left_s);
    EXPECT_GE(piece.end_left_s, -1e-9);
  }
  EXPECT_NEAR(max_x, 833.333, 0.02);
  EXPECT_NEAR(min_x, -833.333, 0.02);
  // Arc 2->3 whole: from 60 s left to 24 s left.
  const auto whole = std::find_if(pieces.begin(), pieces.end(), [&](const ReachedPiece& piece) {
    return std::abs(piece.start_left_s - 60.0) < 1e-9 &&
           std::abs(in_test_frame(builder, piece.end).x - 500.0) < 0.02;
  });
  ASSERT_NE(whole, pieces.end());
  EXPECT_NEAR(whole->end_left_s, 24.0, 1e-9);
}

TEST(IsochroneBuilder, StraightRoadPolygonHasTheHandWorkedWidths) {
  const RoadGraph graph = straight_road();
  const IsochroneBuilder builder(graph, parameters({1.0}, TravelDirection::from_facility));
  const LonLat facility = graph.node_position[2];
  const std::vector<FacilityIsochrones> result =
      builder.build({&facility, 1}, std::vector<NetworkPosition>{on(graph, 2, 3, 0.0)});
  ASSERT_EQ(result.size(), 1u);
  ASSERT_EQ(result[0].bands.size(), 1u);
  const GeosGeometry& band = result[0].bands[0];
  EXPECT_TRUE(geos_is_valid(*band));
  // Points 1 m or more from the hand-worked boundary (the buffers' arcs are
  // drawn with chords, 0.65 m short of a 75 m circle at most).
  EXPECT_TRUE(holds(band, {830.0, 0.0}));
  EXPECT_TRUE(holds(band, {-830.0, 3.5}));
  EXPECT_FALSE(holds(band, {840.0, 0.0}));
  EXPECT_FALSE(holds(band, {-840.0, 0.0}));
  EXPECT_TRUE(holds(band, {400.0, 36.0}));
  EXPECT_FALSE(holds(band, {400.0, 39.0}));
  EXPECT_FALSE(holds(band, {460.0, 6.0}));
  EXPECT_TRUE(holds(band, {600.0, -4.0}));
  EXPECT_FALSE(holds(band, {600.0, -6.5}));
  EXPECT_TRUE(holds(band, {0.0, 73.5}));
  EXPECT_FALSE(holds(band, {0.0, 76.0}));

  // Area against the hand-worked shape counted on a 1 m grid (offset so
  // that no grid point falls on a straight edge). The buffers draw circles
  // with inscribed chords (24 per circle), which lose 1.1 % of a disc's area
  // and less of this mostly straight shape: allow 0.5 %.
  double cells = 0.0;
  for (double x = -851.37; x < 851.0; x += 1.0) {
    for (double y = -81.29; y < 81.0; y += 1.0) cells += hand_worked_inside(x, y) ? 1.0 : 0.0;
  }
  EXPECT_NEAR(cells, 81494.0, 10.0);  // the area worked out with formulas
  EXPECT_NEAR(result[0].area_km2[0], cells / 1e6, 0.005 * cells / 1e6);
}

// 0 -> 1 one-way, 1 <-> 2 two-way, 1000 m each (72 s); facility on node 1.
TEST(IsochroneBuilder, OneWayStreetSeparatesToAndFromFacility) {
  const RoadGraph graph =
      network({{-1000, 0}, {0, 0}, {1000, 0}}, {{0, 1, /*two_way=*/false}, {1, 2}});
  const LonLat facility = graph.node_position[1];
  const std::vector<NetworkPosition> position{on(graph, 1, 2, 0.0)};
  const IsochroneBuilder outbound(graph, parameters({1.0}, TravelDirection::from_facility));
  const IsochroneBuilder inbound(graph, parameters({1.0}, TravelDirection::to_facility));
  const GeosGeometry from = std::move(outbound.build({&facility, 1}, position)[0].bands[0]);
  const GeosGeometry to = std::move(inbound.build({&facility, 1}, position)[0].bands[0]);
  // Leaving node 1 westwards is against the one-way: only the walk disc.
  EXPECT_FALSE(holds(from, {-500.0, 0.0}));
  EXPECT_TRUE(holds(to, {-500.0, 0.0}));  // 0 -> 1 leads to the facility
  EXPECT_TRUE(holds(to, {-830.0, 0.0}));  // 60/72 of 1000 m
  EXPECT_FALSE(holds(to, {-840.0, 0.0}));
  // Eastwards the street is two-way: both reach 833 m.
  EXPECT_TRUE(holds(from, {830.0, 0.0}));
  EXPECT_TRUE(holds(to, {830.0, 0.0}));
  EXPECT_FALSE(holds(from, {840.0, 0.0}));
}

// A river: two parallel two-way roads 100 m apart (y = 0 and y = 100) from
// x = 0 to 3000, joined only by the bridge at x = 3000 (216 s per bank). A
// facility at (0, 0): within 2 minutes the near bank is reached to 1666 m;
// the far bank is 432 s away at least.
RoadGraph river() {
  return network(
      {{0, 0}, {1000, 0}, {2000, 0}, {3000, 0}, {0, 100}, {1000, 100}, {2000, 100}, {3000, 100}},
      {{0, 1}, {1, 2}, {2, 3}, {3, 7}, {4, 5}, {5, 6}, {6, 7}});
}

TEST(IsochroneBuilder, FarBankIsNotSwallowedWhenTheWalkCapIsBelowHalfTheRiver) {
  const RoadGraph graph = river();
  IsochroneParameters p = parameters({1.0, 2.0}, TravelDirection::to_facility);
  p.max_offroad_m = 45.0;  // below half of the 100 m between the banks
  const IsochroneBuilder builder(graph, p);
  const LonLat facility = graph.node_position[0];
  const std::vector<FacilityIsochrones> result =
      builder.build({&facility, 1}, std::vector<NetworkPosition>{on(graph, 0, 1, 0.0)});
  for (const GeosGeometry& band : result[0].bands) {
    for (double x = 0.0; x <= 3000.0; x += 50.0) {
      EXPECT_FALSE(holds(band, {x, 100.0})) << "far bank swallowed at x = " << x;
      EXPECT_FALSE(holds(band, {x, 55.0})) << "more than half the river at x = " << x;
    }
    EXPECT_TRUE(holds(band, {800.0, 0.0}));
  }
  EXPECT_TRUE(holds(result[0].bands[1], {1660.0, 0.0}));  // 120 s at 13.89 m/s
  EXPECT_FALSE(holds(result[0].bands[1], {1680.0, 0.0}));
}

TEST(IsochroneBuilder, AccessWalkJoinsTheFacilityToItsRoad) {
  const RoadGraph graph = straight_road();
  const IsochroneBuilder builder(graph, parameters({1.0}, TravelDirection::to_facility));
  // 50 m north of x = 250 (40 s of walk): 20 s left on the road, 277.8 m
  // each way at 13.89 m/s.
  const LonLat near = wgs84({250.0, 50.0});
  // 200 m north of x = 250: 160 s of walk, the road is out of reach; only
  // the 60 s walk (75 m) around the facility remains.
  const LonLat far = wgs84({250.0, 200.0});
  const std::vector<LonLat> points{near, far};
  const std::vector<NetworkPosition> positions{on(graph, 2, 3, 0.5, 50.0),
                                               on(graph, 2, 3, 0.5, 200.0)};
  const std::vector<FacilityIsochrones> result = builder.build(points, positions);
  ASSERT_EQ(result.size(), 2u);
  const GeosGeometry& with_road = result[0].bands[0];
  EXPECT_TRUE(holds(with_road, {250.0, 50.0}));
  EXPECT_TRUE(holds(with_road, {250.0, 25.0}));
  EXPECT_TRUE(holds(with_road, {520.0, 0.0}));
  EXPECT_TRUE(holds(with_road, {-20.0, 0.0}));
  EXPECT_FALSE(holds(with_road, {540.0, 0.0}));
  EXPECT_FALSE(holds(with_road, {-40.0, 0.0}));
  // The disc, and the 5 m wide end of the 75 m walk towards the road, which
  // sticks out of it by less than 10 x 15 m.
  EXPECT_GT(result[1].area_km2[0], kWalkDiscKm2);
  EXPECT_LT(result[1].area_km2[0], kWalkDiscKm2 + 150e-6);
  EXPECT_TRUE(holds(result[1].bands[0], {250.0, 200.0}));
  EXPECT_FALSE(holds(result[1].bands[0], {250.0, 0.0}));
}

TEST(IsochroneBuilder, BandsAreNestedAndGrow) {
  const RoadGraph graph = river();
  const IsochroneBuilder builder(graph,
                                 parameters({1.0, 2.0, 4.0, 8.0}, TravelDirection::from_facility));
  const std::vector<LonLat> points{graph.node_position[0], wgs84({1500.0, 120.0})};
  const std::vector<NetworkPosition> positions{on(graph, 0, 1, 0.0), on(graph, 5, 6, 0.5, 20.0)};
  const std::vector<FacilityIsochrones> result = builder.build(points, positions);
  for (const FacilityIsochrones& facility : result) {
    ASSERT_EQ(facility.bands.size(), 4u);
    for (std::size_t k = 1; k < 4; ++k) {
      // Covered, up to the slivers of floating-point noding.
      const GeosGeometry outside = geos_difference(*facility.bands[k - 1], *facility.bands[k]);
      EXPECT_LT(geos_area(*outside), 1e-9 * geos_area(*facility.bands[k - 1])) << k;
      EXPECT_TRUE(isochrone_band_nested(*facility.bands[k - 1], *facility.bands[k])) << k;
      EXPECT_GT(facility.area_km2[k], facility.area_km2[k - 1]);
    }
  }
}

// A 6 x 6 grid of two-way streets 200 m apart (14.4 s per block at
// 50 km/h), with one diagonal shortcut: junctions of degree 2, 3, 4 and 5,
// so that merged lines chain into trails through every kind of junction.
RoadGraph grid() {
  std::vector<LocalXY> xy;
  std::vector<Road> roads;
  const auto id = [](int i, int j) { return static_cast<NodeId>(6 * j + i); };
  for (int j = 0; j < 6; ++j) {
    for (int i = 0; i < 6; ++i) {
      xy.push_back({200.0 * i - 500.0, 200.0 * j - 500.0});
      if (i > 0) roads.push_back({id(i - 1, j), id(i, j), true});
      if (j > 0) roads.push_back({id(i, j - 1), id(i, j), true});
    }
  }
  roads.push_back({id(0, 0), id(1, 1), true});
  return network(xy, roads);
}

// Band k is band k - 1 united with the buffers of what is new or wider at
// threshold k only: built on its own, threshold k must give the same area
// (up to the chords of the arcs, which may be placed differently when the
// lines chain differently), and every guarantee must hold on every band.
TEST(IsochroneBuilder, EachBandIsWhatItsThresholdGivesOnItsOwn) {
  const RoadGraph graph = grid();
  const std::vector<double> minutes{0.25, 0.5, 1.0, 2.0};
  const IsochroneParameters all = parameters(minutes, TravelDirection::to_facility);
  const IsochroneBuilder builder(graph, all);
  // 10 m south of (-40, -100) on 14 -> 15 and of (200, 300) on 27 -> 28.
  const std::vector<LonLat> points{wgs84({-40.0, -110.0}), wgs84({200.0, 290.0})};
  const std::vector<NetworkPosition> positions{on(graph, 14, 15, 0.3, 10.0),
                                               on(graph, 27, 28, 0.5, 10.0)};
  const std::vector<FacilityIsochrones> result = builder.build(points, positions);
  const IsochroneQualityChecker checker(graph, all);
  for (std::size_t f = 0; f < points.size(); ++f) {
    for (const IsochroneQuality& q : checker.check(points[f], positions[f], result[f].bands)) {
      EXPECT_TRUE(q.guarantees_hold()) << f;
      EXPECT_GT(q.reachable_points_checked, 0u) << f;
    }
    for (std::size_t k = 0; k < minutes.size(); ++k) {
      const IsochroneBuilder alone(graph, parameters({minutes[k]}, TravelDirection::to_facility));
      const std::vector<FacilityIsochrones> built =
          alone.build({&points[f], 1}, {&positions[f], 1});
      const FacilityIsochrones& single = built[0];
      const double area = single.area_km2[0];
      EXPECT_NEAR(result[f].area_km2[k], area, 0.003 * area) << f << ", band " << k;
      const GeosGeometry missing = geos_difference(*single.bands[0], *result[f].bands[k]);
      EXPECT_LT(geos_area(*geos_to_local(*missing, LocalProjection(kCentre))) / 1e6, 0.002 * area)
          << f << ", band " << k;
    }
  }
}

TEST(IsochroneBuilder, InvalidPositionGetsOnlyTheWalkAroundItsPoint) {
  const RoadGraph graph = straight_road();
  const IsochroneBuilder builder(graph, parameters({1.0}, TravelDirection::to_facility));
  const LonLat point = wgs84({0.0, 500.0});
  const std::vector<FacilityIsochrones> result =
      builder.build({&point, 1}, std::vector<NetworkPosition>{NetworkPosition{}});
  EXPECT_NEAR(result[0].area_km2[0], kWalkDiscKm2, 1e-6);
}

TEST(IsochroneBuilder, RejectsBadParametersAndMismatchedInputs) {
  const RoadGraph graph = straight_road();
  EXPECT_THROW(IsochroneBuilder(graph, parameters({}, TravelDirection::to_facility)),
               std::invalid_argument);
  EXPECT_THROW(IsochroneBuilder(graph, parameters({10.0, 5.0}, TravelDirection::to_facility)),
               std::invalid_argument);
  EXPECT_THROW(IsochroneBuilder(graph, parameters({0.0}, TravelDirection::to_facility)),
               std::invalid_argument);
  IsochroneParameters p = parameters({5.0}, TravelDirection::to_facility);
  p.access_speed_mps = 0.0;
  EXPECT_THROW(IsochroneBuilder(graph, p), std::invalid_argument);
  p = parameters({5.0}, TravelDirection::to_facility);
  p.min_offroad_m = 200.0;
  EXPECT_THROW(IsochroneBuilder(graph, p), std::invalid_argument);
  const IsochroneBuilder builder(graph, parameters({5.0}, TravelDirection::to_facility));
  const LonLat point = graph.node_position[0];
  EXPECT_THROW((void)builder.build({&point, 1}, {}), std::invalid_argument);
}

TEST(IsochroneBuilder, SearchGraphFollowsTheDirection) {
  const RoadGraph graph = network({{0, 0}, {1000, 0}}, {{0, 1, false}});
  const IsochroneBuilder outbound(graph, parameters({1.0}, TravelDirection::from_facility));
  const IsochroneBuilder inbound(graph, parameters({1.0}, TravelDirection::to_facility));
  EXPECT_EQ(outbound.search_graph().head, std::vector<NodeId>{1});
  EXPECT_EQ(inbound.search_graph().head, std::vector<NodeId>{0});
  EXPECT_EQ(outbound.parameters().thresholds_minutes, std::vector<double>{1.0});
}

}  // namespace
}  // namespace couverture
