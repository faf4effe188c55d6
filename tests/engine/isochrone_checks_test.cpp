#include "couverture/engine/isochrone_checks.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "couverture/geodata/geos_operations.hpp"

namespace couverture {
namespace {

// Bands drawn by hand: the square [0, 100]² for 10 minutes inside
// [0, 200]² for 20 minutes; one cell is 10 m (diagonal 14.1 m, walked in
// 0.19 min at 1.25 m/s).
struct Bands {
  std::vector<GeosGeometry> bands;
  std::vector<double> minutes{10.0, 20.0};
  Bands() {
    bands.push_back(geos_from_wkt("POLYGON((0 0, 100 0, 100 100, 0 100, 0 0))"));
    bands.push_back(geos_from_wkt("POLYGON((0 0, 200 0, 200 200, 0 200, 0 0))"));
  }
  BandCheckInputs inputs() const {
    BandCheckInputs in;
    in.thresholds_minutes = minutes;
    in.tolerance_m = 14.142;
    in.tolerance_minutes = 14.142 / 1.25 / 60.0;
    return in;
  }
};

TEST(IsochroneChecks, DemandPointsOnTheSideTheirTimeSaysOrNearTheEdge) {
  const Bands b;
  const std::vector<TimedPlace> demand = {
      {{50, 50}, 5.0, 10.0, true},     // inside both, time within both
      {{150, 150}, 15.0, 10.0, true},  // inside 20 only, as its time says
      {{105, 50}, 9.0, 10.0, true},    // outside 10 but 5 m from its edge: near
      {{150, 50}, 9.0, 10.0, true},    // outside 10 by 50 m with 9 min: misplaced
      {{50, 50}, 10.1, 10.0, true},    // inside 10 at 10.1 min: within the walk of a cell
  };
  BandCheckInputs in = b.inputs();
  in.demand = demand;
  const std::vector<IsochroneQuality> q = check_bands(b.bands, in);
  EXPECT_EQ(q[0].demand_points_checked, 5u);
  EXPECT_EQ(q[0].demand_points_near_boundary, 2u);
  EXPECT_EQ(q[0].demand_points_misplaced, 1u);
  EXPECT_FALSE(q[0].guarantees_hold());
  EXPECT_EQ(q[1].demand_points_misplaced, 0u);
  EXPECT_TRUE(q[1].nested_in_next_band);
  EXPECT_TRUE(q[0].nested_in_next_band);
}

TEST(IsochroneChecks, RoadPointsReachedMustBeInsideAndTheOthersAreMeasured) {
  const Bands b;
  const std::vector<TimedPlace> road = {
      {{10, 10}, 3.0, 0.0, true},      // reached, inside
      {{300, 300}, 8.0, 0.0, true},    // reached in 8 min, far outside: a failure
      {{150, 150}, 25.0, 0.0, true},   // not reached in 20, inside the 20 band: swallowed
      {{180, 20}, 40.0, 0.0, true},    // beyond 1.5 × 20, inside: far and swallowed
      {{500, 500}, 18.0, 0.0, false},  // only bounded below by 18: unknown for 20, out of 10
  };
  BandCheckInputs in = b.inputs();
  in.road_points = road;
  const std::vector<IsochroneQuality> q = check_bands(b.bands, in);
  EXPECT_EQ(q[0].reachable_points_checked, 2u);
  EXPECT_EQ(q[0].reachable_points_outside, 1u);
  EXPECT_EQ(q[1].reachable_points_checked, 2u);
  EXPECT_EQ(q[1].unreachable_points_sampled, 2u);  // 25 and 40 min
  EXPECT_EQ(q[1].unreachable_points_inside, 2u);
  EXPECT_DOUBLE_EQ(q[1].unreachable_share_inside, 1.0);
  EXPECT_EQ(q[1].far_points_sampled, 1u);
  EXPECT_DOUBLE_EQ(q[1].far_share_inside, 1.0);
  EXPECT_EQ(q[0].unreachable_points_sampled, 3u);  // 25, 40 and the bound 18 > 10
}

TEST(IsochroneChecks, OriginRequiredInsideOnlyWhenItsOwnTimeIsWithin) {
  const Bands b;
  const std::vector<GridXY> origins = {{150, 150}};
  const std::vector<double> own = {12.0};  // its own place: 12 minutes
  BandCheckInputs in = b.inputs();
  in.origins = origins;
  in.origin_own_minutes = own;
  const std::vector<IsochroneQuality> q = check_bands(b.bands, in);
  EXPECT_TRUE(q[0].origin_inside);  // not required within 10 minutes
  EXPECT_TRUE(q[1].origin_inside);  // required, and inside
  const std::vector<double> quick = {1.0};
  in.origin_own_minutes = quick;
  EXPECT_FALSE(check_bands(b.bands, in)[0].origin_inside);  // required, 50 m outside
}

TEST(IsochroneChecks, BandsOutOfOrderAreNotNested) {
  Bands b;
  std::swap(b.bands[0], b.bands[1]);
  const std::vector<IsochroneQuality> q = check_bands(b.bands, b.inputs());
  EXPECT_FALSE(q[0].nested_in_next_band);
}

TEST(IsochroneChecks, PopulationInsideAndWithinTime) {
  const GeosGeometry square = geos_from_wkt("POLYGON((0 0, 100 0, 100 100, 0 100, 0 0))");
  const std::vector<TimedPlace> places = {
      {{50, 50}, 4.0, 10.0, true}, {{100, 50}, 12.0, 5.0, true}, {{150, 50}, 25.0, 7.0, true}};
  EXPECT_DOUBLE_EQ(weight_inside(*square, places), 15.0);  // boundary included
  const std::vector<double> minutes = {5.0, 15.0, 30.0};
  EXPECT_EQ(weight_within(places, minutes, false), (std::vector<double>{10.0, 15.0, 22.0}));
  EXPECT_EQ(weight_within(places, minutes, true), (std::vector<double>{10.0, 5.0, 7.0}));
}

}  // namespace
}  // namespace couverture
