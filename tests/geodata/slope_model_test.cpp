#include "couverture/geodata/slope_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace couverture {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Tobler's hiking function in km/h, restated from the paper.
double tobler_kmh(double slope) { return 6.0 * std::exp(-3.5 * std::abs(slope + 0.05)); }

// The steady-power speed of the cycling model, found here by Newton's method
// on P = v·(m·g·(s + Crr) + ½·ρ·CdA·v²) from a fast start (the code bisects).
double power_speed_ms(double slope) {
  const double a = 0.5 * 1.2 * 0.6;
  const double b = 90.0 * 9.81 * (slope + 0.008);
  double v = 30.0;  // above the root: f is increasing and convex there
  for (int i = 0; i < 200; ++i) v -= (a * v * v * v + b * v - 150.0) / (3 * a * v * v + b);
  return v;
}

TEST(SlopeModel, ProfilesPickTheirModel) {
  EXPECT_EQ(slope_model_for_profile("walk"), SlopeModel::walking);
  EXPECT_EQ(slope_model_for_profile("bike"), SlopeModel::cycling);
  EXPECT_EQ(slope_model_for_profile("car"), SlopeModel::none);
  EXPECT_DOUBLE_EQ(slope_speed_factor(SlopeModel::none, 0.3), 1.0);
}

TEST(SlopeModel, WalkingFollowsTobler) {
  for (const double slope : {-0.3, -0.1, -0.05, -0.02, 0.0, 0.03, 0.1, 0.25, 0.4}) {
    EXPECT_NEAR(walking_speed_factor(slope), tobler_kmh(slope) / tobler_kmh(0.0), 1e-12) << slope;
    EXPECT_DOUBLE_EQ(slope_speed_factor(SlopeModel::walking, slope), walking_speed_factor(slope));
  }
  // Hand-worked: +10 % gives exp(−3.5·0.15) / exp(−3.5·0.05) = exp(−0.35) ≈ 0.7047.
  EXPECT_NEAR(walking_speed_factor(0.1), 0.7047, 1e-4);
  // The fastest walk is a 5 % descent: exp(0.175) ≈ 1.1912.
  EXPECT_NEAR(walking_speed_factor(-0.05), 1.1912, 1e-4);
  // Beyond ±40 % the slope is DEM noise: clamped.
  EXPECT_DOUBLE_EQ(walking_speed_factor(1.5), walking_speed_factor(kMaxSlope));
  EXPECT_DOUBLE_EQ(walking_speed_factor(-2.0), walking_speed_factor(-kMaxSlope));
}

TEST(SlopeModel, CyclingIsPowerLimitedUphillAndCappedDownhill) {
  const double flat = power_speed_ms(0.0);
  // 150 W on the flat: about 23.8 km/h of cruising speed.
  EXPECT_NEAR(flat * 3.6, 23.75, 0.01);
  for (const double slope : {0.01, 0.02, 0.05, 0.08, 0.1, -0.005, -0.01, -0.02}) {
    const double expected = std::clamp(power_speed_ms(slope) / flat, 0.2, 1.5);
    EXPECT_NEAR(cycling_speed_factor(slope), expected, 1e-9) << slope;
    EXPECT_DOUBLE_EQ(slope_speed_factor(SlopeModel::cycling, slope), cycling_speed_factor(slope));
  }
  EXPECT_DOUBLE_EQ(cycling_speed_factor(0.0), 1.0);
  EXPECT_NEAR(cycling_speed_factor(0.05), 0.421, 1e-3);
  // Pushing on steep climbs, capped gain on descents.
  EXPECT_DOUBLE_EQ(cycling_speed_factor(0.2), kMinCyclingFactor);
  EXPECT_DOUBLE_EQ(cycling_speed_factor(-0.05), kMaxCyclingDownhillGain);
  EXPECT_DOUBLE_EQ(cycling_speed_factor(-3.0), kMaxCyclingDownhillGain);
}

// Two nodes 100 m apart, one arc each way, walked at 4.5 km/h on the flat:
// 100 m / 1.25 m/s = 80 s each way.
RoadGraph two_node_road(const char* profile) {
  RoadGraph roads;
  roads.profile = profile;
  const std::vector<ArcTriple> arcs = {{0, 1, 80000}, {1, 0, 80000}};
  roads.graph = build_csr_graph(2, arcs);
  roads.node_position = {{6.60, 48.0}, {6.60, 48.0009}};
  roads.arc_length_m = {100.0f, 100.0f};
  roads.arc_class = {RoadClass::footway, RoadClass::footway};
  roads.arc_way_id = {7, 7};
  return roads;
}

TEST(SlopeModel, WalkingUpIsSlowerThanDown) {
  RoadGraph roads = two_node_road("walk");
  const std::vector<double> elevation = {300.0, 305.0};  // 5 m over 100 m: ±5 %
  const SlopeAdjustment adjustment = apply_slopes(roads, SlopeModel::walking, elevation);
  EXPECT_EQ(adjustment.arcs_rescaled, 2u);
  EXPECT_EQ(adjustment.arcs_without_elevation, 0u);
  // Up +5 %: factor exp(−3.5·0.10) / exp(−3.5·0.05) = exp(−0.175) = 0.83946;
  // 80 000 / 0.83946 = 95 299 ms. Down −5 %: factor exp(0.175) = 1.19125;
  // 80 000 / 1.19125 = 67 157 ms.
  const double up = 80000.0 / (tobler_kmh(0.05) / tobler_kmh(0.0));
  const double down = 80000.0 / (tobler_kmh(-0.05) / tobler_kmh(0.0));
  EXPECT_NEAR(roads.graph.weight[roads.find_arc(0, 1)], up, 0.5);
  EXPECT_NEAR(roads.graph.weight[roads.find_arc(1, 0)], down, 0.5);
  EXPECT_NEAR(up, 95299, 1);
  EXPECT_NEAR(down, 67157, 1);
}

TEST(SlopeModel, CarIsUnchangedAndMissingElevationKeepsTheArcFlat) {
  RoadGraph car = two_node_road("car");
  const std::vector<double> elevation = {300.0, 330.0};
  EXPECT_EQ(apply_slopes(car, SlopeModel::none, elevation).arcs_rescaled, 0u);
  EXPECT_EQ(car.graph.weight, (std::vector<Millis>{80000, 80000}));

  RoadGraph bike = two_node_road("bike");
  const std::vector<double> half_known = {300.0, kNaN};
  const SlopeAdjustment adjustment = apply_slopes(bike, SlopeModel::cycling, half_known);
  EXPECT_EQ(adjustment.arcs_rescaled, 0u);
  EXPECT_EQ(adjustment.arcs_without_elevation, 2u);
  EXPECT_EQ(bike.graph.weight, (std::vector<Millis>{80000, 80000}));

  const std::vector<double> too_few = {300.0};
  EXPECT_THROW(apply_slopes(bike, SlopeModel::cycling, too_few), std::invalid_argument);
}

TEST(SlopeModel, CyclingTimesFollowTheFactor) {
  RoadGraph bike = two_node_road("bike");
  const std::vector<double> elevation = {300.0, 302.0};  // ±2 %
  apply_slopes(bike, SlopeModel::cycling, elevation);
  const double flat = power_speed_ms(0.0);
  EXPECT_NEAR(bike.graph.weight[bike.find_arc(0, 1)], 80000.0 * flat / power_speed_ms(0.02), 0.5);
  // −2 %: 1.33 times the flat speed, under the 1.5 cap.
  EXPECT_NEAR(bike.graph.weight[bike.find_arc(1, 0)], 80000.0 * flat / power_speed_ms(-0.02), 0.5);
}

}  // namespace
}  // namespace couverture
