// engine/equity_summary: the indices of one measure over the weighted
// demand points, checked against a small case worked out by hand.
#include "couverture/engine/equity_summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Six demand points in two communes. Kept: 10 min (weight 1) and 20 min
// (weight 1) in commune 0, 30 min (weight 2) in commune 1. Left out: an
// unreachable point (+inf, weight 2) and one without value (NaN, weight
// 0.5), both counted as excluded; a point of weight 0, ignored altogether.
// Kept weight W = 4, mean mu = (10 + 20 + 2 * 30) / 4 = 22.5.
struct HandCase {
  std::vector<double> values = {10, 20, kInf, std::nan(""), 30, 5};
  std::vector<double> weights = {1, 1, 2, 0.5, 2, 0};
  std::vector<std::uint32_t> groups = {0, 0, 1, 1, 1, 1};
};

TEST(EquitySummary, WeightsAndMeanLeaveOutPointsWithoutValue) {
  const HandCase c;
  const EquitySummary s = summarise_equity("travel_time", false, c.values, c.weights, c.groups, 2);
  EXPECT_EQ(s.measure, "travel_time");
  EXPECT_FALSE(s.higher_is_better);
  EXPECT_DOUBLE_EQ(s.weight, 4.0);
  EXPECT_DOUBLE_EQ(s.excluded_weight, 2.5);
  EXPECT_DOUBLE_EQ(s.mean, 22.5);
}

TEST(EquitySummary, GiniAndAtkinsonMatchTheHandComputation) {
  const HandCase c;
  const EquitySummary s = summarise_equity("travel_time", false, c.values, c.weights, c.groups, 2);
  // Gini = sum_ij w_i w_j |x_i - x_j| / (2 W^2 mu): ordered pairs give
  // 2 * (1*1*10 + 1*2*20 + 1*2*10) = 140, over 2 * 16 * 22.5 = 720.
  EXPECT_NEAR(s.gini, 140.0 / 720.0, 1e-12);
  // Atkinson, epsilon 2: harmonic mean 4 / (1/10 + 1/20 + 2/30) = 240/13,
  // 1 - (240/13) / 22.5 = 7/39.
  EXPECT_NEAR(s.atkinson_2, 7.0 / 39.0, 1e-12);
  // Epsilon 1: geometric mean (10 * 20 * 30^2)^(1/4) = 180000^(1/4).
  EXPECT_NEAR(s.atkinson_1, 1.0 - std::pow(180000.0, 0.25) / 22.5, 1e-12);
  // Epsilon 0.5: mean of order 1/2, ((sqrt 10 + sqrt 20 + 2 sqrt 30) / 4)^2.
  const double root_mean = (std::sqrt(10.0) + std::sqrt(20.0) + 2.0 * std::sqrt(30.0)) / 4.0;
  EXPECT_NEAR(s.atkinson_0_5, 1.0 - root_mean * root_mean / 22.5, 1e-12);
  // Fifths of W = 4 hold 0.8 each: the fastest 0.8 at 10 min (sum 8), the
  // slowest 0.8 at 30 min (sum 24): 24 / 8 = 3.
  EXPECT_NEAR(s.best_to_worst_fifth, 3.0, 1e-12);
}

TEST(EquitySummary, TheilSplitsBetweenAndWithinCommunes) {
  const HandCase c;
  const EquitySummary s = summarise_equity("travel_time", false, c.values, c.weights, c.groups, 2);
  const double mu = 22.5;
  const auto term = [](double x, double mean) { return x / mean * std::log(x / mean); };
  const double total = (term(10, mu) + term(20, mu) + 2.0 * term(30, mu)) / 4.0;
  // Commune 0: weight 2, mean 15, share of the total value 30 / 90 = 1/3;
  // commune 1: weight 2, mean 30, share 60 / 90 = 2/3, no inequality inside.
  const double between_0 = std::log(15.0 / mu) / 3.0;
  const double between_1 = 2.0 / 3.0 * std::log(30.0 / mu);
  const double within_0 = (term(10, 15) + term(20, 15)) / 2.0 / 3.0;
  EXPECT_NEAR(s.theil.total, total, 1e-12);
  ASSERT_EQ(s.theil.between_by_group.size(), 2u);
  ASSERT_EQ(s.theil.within_by_group.size(), 2u);
  EXPECT_NEAR(s.theil.between_by_group[0], between_0, 1e-12);
  EXPECT_NEAR(s.theil.between_by_group[1], between_1, 1e-12);
  EXPECT_NEAR(s.theil.within_by_group[0], within_0, 1e-12);
  EXPECT_NEAR(s.theil.within_by_group[1], 0.0, 1e-12);
  EXPECT_NEAR(s.theil.between, between_0 + between_1, 1e-12);
  EXPECT_NEAR(s.theil.within, within_0, 1e-12);
  EXPECT_NEAR(s.theil.between + s.theil.within, total, 1e-12);
}

TEST(EquitySummary, LorenzCurveFollowsTheSortedPoints) {
  const HandCase c;
  const EquitySummary s = summarise_equity("travel_time", false, c.values, c.weights, c.groups, 2);
  // Vertices: (0, 0), (1/4, 10/90), (1/2, 30/90), (1, 1); 101 samples.
  ASSERT_EQ(s.lorenz.size(), 101u);
  EXPECT_DOUBLE_EQ(s.lorenz.front().population_share, 0.0);
  EXPECT_DOUBLE_EQ(s.lorenz.front().value_share, 0.0);
  EXPECT_NEAR(s.lorenz[25].value_share, 1.0 / 9.0, 1e-12);
  EXPECT_NEAR(s.lorenz[50].value_share, 1.0 / 3.0, 1e-12);
  // Halfway between (1/2, 1/3) and (1, 1).
  EXPECT_NEAR(s.lorenz[75].population_share, 0.75, 1e-12);
  EXPECT_NEAR(s.lorenz[75].value_share, 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.lorenz.back().population_share, 1.0);
  EXPECT_DOUBLE_EQ(s.lorenz.back().value_share, 1.0);
}

TEST(EquitySummary, AScoreWhereTheWorstFifthHasNothingIsInfinitelyUnequal) {
  // Two points of weight 1: scores 0 and 4. Fifths hold 0.4: 0 against 1.6.
  const std::vector<double> values = {0.0, 4.0};
  const std::vector<double> weights = {1.0, 1.0};
  const std::vector<std::uint32_t> groups = {0, 0};
  const EquitySummary s = summarise_equity("e2sfca", true, values, weights, groups, 1);
  EXPECT_TRUE(s.higher_is_better);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_EQ(s.best_to_worst_fifth, kInf);
  // Gini: 2 * 1 * 1 * 4 / (2 * 4 * 2) = 0.5; a zero value makes the
  // Atkinson index 1 for aversions of 1 and more.
  EXPECT_NEAR(s.gini, 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(s.atkinson_1, 1.0);
  EXPECT_DOUBLE_EQ(s.atkinson_2, 1.0);
}

TEST(EquitySummary, NobodyWithAValueGivesEmptyIndicesSizedByCommune) {
  const std::vector<double> values = {kInf, kInf};
  const std::vector<double> weights = {3.0, 4.0};
  const std::vector<std::uint32_t> groups = {0, 2};
  const EquitySummary s = summarise_equity("travel_time", false, values, weights, groups, 3);
  EXPECT_DOUBLE_EQ(s.weight, 0.0);
  EXPECT_DOUBLE_EQ(s.excluded_weight, 7.0);
  EXPECT_DOUBLE_EQ(s.mean, 0.0);
  EXPECT_DOUBLE_EQ(s.gini, 0.0);
  EXPECT_TRUE(s.lorenz.empty());
  EXPECT_EQ(s.theil.between_by_group, std::vector<double>(3, 0.0));
  EXPECT_EQ(s.theil.within_by_group, std::vector<double>(3, 0.0));
}

TEST(EquitySummary, RefusesSpansOfDifferentLengths) {
  const std::vector<double> values = {1.0, 2.0};
  const std::vector<double> weights = {1.0};
  const std::vector<std::uint32_t> groups = {0, 0};
  EXPECT_THROW(summarise_equity("travel_time", false, values, weights, groups, 1),
               std::invalid_argument);
}

}  // namespace
}  // namespace couverture
