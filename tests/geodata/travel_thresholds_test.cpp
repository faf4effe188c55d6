#include "couverture/geodata/travel_thresholds.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace couverture {
namespace {

TEST(TravelThresholds, TheDefaultsAreTheStepsOfADiagnosisAndPassTheCheck) {
  EXPECT_EQ(kDefaultThresholdsMinutes, (std::vector<double>{5, 10, 15, 20}));
  EXPECT_EQ(threshold_problem(kDefaultThresholdsMinutes), "");
}

TEST(TravelThresholds, AThresholdLiesAboveZeroAndWithinOneDay) {
  EXPECT_TRUE(threshold_in_bounds(0.5));
  EXPECT_TRUE(threshold_in_bounds(1440.0));
  EXPECT_FALSE(threshold_in_bounds(1440.0001));
  EXPECT_FALSE(threshold_in_bounds(0.0));
  EXPECT_FALSE(threshold_in_bounds(-5.0));
  EXPECT_FALSE(threshold_in_bounds(std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(threshold_in_bounds(std::nan("")));
}

TEST(TravelThresholds, ThresholdProblemNamesWhatIsWrong) {
  EXPECT_EQ(threshold_problem(std::vector<double>{5, 10, 15, 20}), "");
  EXPECT_EQ(threshold_problem(std::vector<double>{}), "give at least one threshold");
  EXPECT_EQ(threshold_problem(std::vector<double>{10, 5}), "thresholds must increase");
  EXPECT_EQ(threshold_problem(std::vector<double>{10, 10}), "thresholds must increase");
  EXPECT_EQ(threshold_problem(std::vector<double>{5, 2000}),
            "threshold 2000 is not a number of minutes above 0 and at most 1440 (one day)");
  EXPECT_NE(threshold_problem(std::vector<double>{std::numeric_limits<double>::infinity()}), "");
}

}  // namespace
}  // namespace couverture
