#include "couverture/algorithms/equity_indices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace couverture {
namespace {

using Vec = std::vector<double>;

// Random weighted data with ties, zero values and zero weights, as demand points have.
struct RandomPoints {
  Vec values;
  Vec weights;
  std::vector<std::uint32_t> groups;
};

RandomPoints random_points(std::size_t n, std::uint32_t group_count, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> value(0.0, 40.0);
  std::uniform_real_distribution<double> weight(0.0, 30.0);
  std::uniform_int_distribution<std::uint32_t> group(0, group_count - 1);
  std::uniform_int_distribution<int> kind(0, 9);
  RandomPoints p;
  for (std::size_t i = 0; i < n; ++i) {
    const int k = kind(rng);
    // 1 in 10 a tie at 12 minutes, 1 in 10 a weight 0.
    p.values.push_back(k == 0 ? 12.0 : value(rng));
    p.weights.push_back(k == 1 ? 0.0 : weight(rng));
    p.groups.push_back(group(rng));
  }
  return p;
}

// Independent O(n^2) Gini: mean absolute difference over all ordered pairs of people,
// sum_ij w_i w_j |x_i - x_j| / (2 W^2 mu).
double naive_gini(const Vec& x, const Vec& w) {
  double total_weight = 0.0;
  double total_value = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    total_weight += w[i];
    total_value += w[i] * x[i];
  }
  const double mean = total_value / total_weight;
  double sum = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = 0; j < x.size(); ++j) sum += w[i] * w[j] * std::abs(x[i] - x[j]);
  }
  return sum / (2.0 * total_weight * total_weight * mean);
}

// Theil T straight from its definition (1/W) sum w (x/mu) ln(x/mu) over the given points.
double naive_theil(const Vec& x, const Vec& w) {
  double total_weight = 0.0;
  double total_value = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    total_weight += w[i];
    total_value += w[i] * x[i];
  }
  const double mean = total_value / total_weight;
  double sum = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = x[i] / mean;
    if (r > 0.0) sum += w[i] * r * std::log(r);
  }
  return sum / total_weight;
}

// Atkinson straight from its definition: 1 - M_{1-eps} / mean, with M the generalised mean.
double naive_atkinson(const Vec& x, const Vec& w, double epsilon) {
  double total_weight = 0.0;
  double total_value = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    total_weight += w[i];
    total_value += w[i] * x[i];
  }
  const double mean = total_value / total_weight;
  double generalised = 0.0;
  if (epsilon == 1.0) {
    double log_sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) log_sum += w[i] * std::log(x[i]);
    generalised = std::exp(log_sum / total_weight);
  } else {
    double power_sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) power_sum += w[i] * std::pow(x[i], 1.0 - epsilon);
    generalised = std::pow(power_sum / total_weight, 1.0 / (1.0 - epsilon));
  }
  return 1.0 - generalised / mean;
}

// Area under the sampled curve by trapezoids.
double area_under(const std::vector<LorenzPoint>& curve) {
  double area = 0.0;
  for (std::size_t k = 1; k < curve.size(); ++k) {
    area += (curve[k].population_share - curve[k - 1].population_share) *
            (curve[k].value_share + curve[k - 1].value_share) / 2.0;
  }
  return area;
}

// ---------------------------------------------------------------- Gini

TEST(EquityIndicesGini, HandWorkedEqualWeights) {
  // {1,2,3,4}: pair differences (i<j) 1+2+3+1+2+1 = 10; G = 10 / (W S) = 10 / (4 * 10) = 0.25.
  EXPECT_DOUBLE_EQ(weighted_gini(Vec{1, 2, 3, 4}, Vec{1, 1, 1, 1}), 0.25);
  // Order of the input does not matter.
  EXPECT_DOUBLE_EQ(weighted_gini(Vec{3, 1, 4, 2}, Vec{1, 1, 1, 1}), 0.25);
}

TEST(EquityIndicesGini, TwoPointsZeroAndOne) {
  // {0,1}: one pair of difference 1; G = 1 / (W S) = 1 / (2 * 1) = 0.5.
  EXPECT_DOUBLE_EQ(weighted_gini(Vec{0, 1}, Vec{5, 5}), 0.5);
}

TEST(EquityIndicesGini, WeightsActAsMultiplicity) {
  // {1,1,1,3}: 3 pairs (1,3) of difference 2 = 6; W = 4, S = 6: G = 6 / 24 = 0.25.
  EXPECT_DOUBLE_EQ(weighted_gini(Vec{1, 1, 1, 3}, Vec{1, 1, 1, 1}), 0.25);
  EXPECT_DOUBLE_EQ(weighted_gini(Vec{1, 3}, Vec{3, 1}), 0.25);
}

TEST(EquityIndicesGini, MatchesPairwiseMeanAbsoluteDifferenceOnRandomData) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const RandomPoints p = random_points(300, 1, seed);
    EXPECT_NEAR(weighted_gini(p.values, p.weights), naive_gini(p.values, p.weights), 1e-12)
        << "seed " << seed;
  }
}

TEST(EquityIndicesGini, ZeroWeightPointsAreIgnored) {
  // The 100 carried by nobody changes nothing: {1,2,3,4} gives 0.25.
  EXPECT_DOUBLE_EQ(weighted_gini(Vec{1, 100, 2, 3, 4}, Vec{1, 0, 1, 1, 1}), 0.25);
}

TEST(EquityIndicesGini, ZeroWhenNoWeightOrNoValue) {
  EXPECT_EQ(weighted_gini(Vec{}, Vec{}), 0.0);
  EXPECT_EQ(weighted_gini(Vec{1, 2}, Vec{0, 0}), 0.0);
  EXPECT_EQ(weighted_gini(Vec{0, 0}, Vec{1, 2}), 0.0);
}

// ---------------------------------------------------------------- Lorenz

TEST(EquityIndicesLorenz, HandWorkedVerticesAndInterpolation) {
  // {1,2,3,4}, S = 10: vertices (0,0) (.25,.1) (.5,.3) (.75,.6) (1,1).
  const auto at_vertices = lorenz_curve(Vec{4, 2, 3, 1}, Vec{1, 1, 1, 1}, 5);
  ASSERT_EQ(at_vertices.size(), 5u);
  const Vec expected = {0.0, 0.1, 0.3, 0.6, 1.0};
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_DOUBLE_EQ(at_vertices[k].population_share, 0.25 * static_cast<double>(k));
    EXPECT_NEAR(at_vertices[k].value_share, expected[k], 1e-15) << k;
  }
  // Samples every 1/8 fall midway between vertices: (0+.1)/2, (.1+.3)/2, (.3+.6)/2, (.6+1)/2.
  const auto halfway = lorenz_curve(Vec{1, 2, 3, 4}, Vec{1, 1, 1, 1}, 9);
  ASSERT_EQ(halfway.size(), 9u);
  EXPECT_NEAR(halfway[1].value_share, 0.05, 1e-15);
  EXPECT_NEAR(halfway[3].value_share, 0.2, 1e-15);
  EXPECT_NEAR(halfway[5].value_share, 0.45, 1e-15);
  EXPECT_NEAR(halfway[7].value_share, 0.8, 1e-15);
  // On the vertices, 1 - 2 * area is the Gini exactly:
  // area = .25 * (0+.1 + .1+.3 + .3+.6 + .6+1) / 2 = .375, 1 - .75 = .25.
  EXPECT_NEAR(area_under(at_vertices), 0.375, 1e-15);
}

TEST(EquityIndicesLorenz, WeightedPointInterpolatedAcrossItsWeight) {
  // {1,3} weights {3,1}: S = 6, vertices (0,0) (.75,.5) (1,1).
  // Samples at .25 and .5 lie on the first segment of slope .5/.75: 1/6 and 1/3.
  const auto curve = lorenz_curve(Vec{1, 3}, Vec{3, 1}, 5);
  ASSERT_EQ(curve.size(), 5u);
  EXPECT_NEAR(curve[1].value_share, 1.0 / 6.0, 1e-15);
  EXPECT_NEAR(curve[2].value_share, 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(curve[3].value_share, 0.5, 1e-15);
  // Same curve as four people {1,1,1,3}.
  const auto people = lorenz_curve(Vec{1, 1, 1, 3}, Vec{1, 1, 1, 1}, 5);
  for (std::size_t k = 0; k < 5; ++k)
    EXPECT_NEAR(people[k].value_share, curve[k].value_share, 1e-15);
}

TEST(EquityIndicesLorenz, EndpointsMonotoneAndBelowTheDiagonal) {
  const RandomPoints p = random_points(500, 1, 7);
  const auto curve = lorenz_curve(p.values, p.weights);
  ASSERT_EQ(curve.size(), 101u);
  EXPECT_EQ(curve.front().population_share, 0.0);
  EXPECT_EQ(curve.front().value_share, 0.0);
  EXPECT_EQ(curve.back().population_share, 1.0);
  EXPECT_EQ(curve.back().value_share, 1.0);
  for (std::size_t k = 1; k < curve.size(); ++k) {
    EXPECT_GT(curve[k].population_share, curve[k - 1].population_share);
    EXPECT_GE(curve[k].value_share, curve[k - 1].value_share);
    EXPECT_LE(curve[k].value_share, curve[k].population_share + 1e-15);
    // Even spacing: k / 100.
    EXPECT_NEAR(curve[k].population_share, static_cast<double>(k) / 100.0, 1e-15);
  }
}

TEST(EquityIndicesLorenz, GiniIsOneMinusTwiceTheArea) {
  // Sampling finely, the trapezoids under the samples converge to the exact piecewise-linear
  // curve, whose 1 - 2 * area is the Gini (compared with the O(n^2) formula).
  for (unsigned seed = 11; seed <= 13; ++seed) {
    const RandomPoints p = random_points(60, 1, seed);
    const auto curve = lorenz_curve(p.values, p.weights, 20001);
    EXPECT_NEAR(1.0 - 2.0 * area_under(curve), naive_gini(p.values, p.weights), 1e-4)
        << "seed " << seed;
  }
}

TEST(EquityIndicesLorenz, DiagonalWhenNoValueOrNoWeight) {
  for (const auto& curve : {lorenz_curve(Vec{0, 0}, Vec{1, 2}, 3), lorenz_curve(Vec{}, Vec{}, 3)}) {
    ASSERT_EQ(curve.size(), 3u);
    EXPECT_DOUBLE_EQ(curve[1].population_share, 0.5);
    EXPECT_DOUBLE_EQ(curve[1].value_share, 0.5);
  }
}

// ---------------------------------------------------------------- Theil

TEST(EquityIndicesTheil, HandWorkedBetweenAndWithin) {
  // {1,1,3,3}, mu = 2: T = (1/4)(2 * .5 ln .5 + 2 * 1.5 ln 1.5) = .25 ln .5 + .75 ln 1.5
  //   = -0.1732868 + 0.3041100 = 0.1308232.
  const double expected = 0.25 * std::log(0.5) + 0.75 * std::log(1.5);
  const Vec values = {1, 1, 3, 3};
  const Vec weights = {1, 1, 1, 1};
  // Groups {1,1} and {3,3}: each group is equal inside, so within = 0 and between = T, with
  // s_0 = 2*1/(4*2) = .25, s_1 = .75: between = .25 ln(1/2) + .75 ln(3/2).
  const std::vector<std::uint32_t> by_level = {0, 0, 1, 1};
  const auto a = theil_decomposition(values, weights, by_level, 2);
  EXPECT_NEAR(a.total, expected, 1e-15);
  EXPECT_NEAR(a.between, expected, 1e-15);
  EXPECT_NEAR(a.within, 0.0, 1e-15);
  EXPECT_NEAR(a.between_by_group[0], 0.25 * std::log(0.5), 1e-15);
  EXPECT_NEAR(a.between_by_group[1], 0.75 * std::log(1.5), 1e-15);
  // Groups {1,3} and {1,3}: same means, so between = 0 and within = T, half from each group.
  const std::vector<std::uint32_t> mixed = {0, 1, 0, 1};
  const auto b = theil_decomposition(values, weights, mixed, 2);
  EXPECT_NEAR(b.total, expected, 1e-15);
  EXPECT_NEAR(b.between, 0.0, 1e-15);
  EXPECT_NEAR(b.within, expected, 1e-15);
  EXPECT_NEAR(b.within_by_group[0], expected / 2.0, 1e-15);
  EXPECT_NEAR(b.within_by_group[1], expected / 2.0, 1e-15);
}

TEST(EquityIndicesTheil, ZeroValueContributesZero) {
  // {0,2}, mu = 1: T = (1/2)(0 + 2 ln 2) = ln 2.
  const std::vector<std::uint32_t> groups = {0, 0};
  EXPECT_NEAR(theil_decomposition(Vec{0, 2}, Vec{1, 1}, groups, 1).total, std::log(2.0), 1e-15);
}

TEST(EquityIndicesTheil, WeightsActAsMultiplicity) {
  // {1,3} weights {3,1} = {1,1,1,3}: mu = 1.5, T = (1/4)(3 (2/3) ln(2/3) + 2 ln 2).
  const double expected = (2.0 * std::log(2.0 / 3.0) + 2.0 * std::log(2.0)) / 4.0;
  const std::vector<std::uint32_t> two = {0, 0};
  const std::vector<std::uint32_t> four = {0, 0, 0, 0};
  EXPECT_NEAR(theil_decomposition(Vec{1, 3}, Vec{3, 1}, two, 1).total, expected, 1e-15);
  EXPECT_NEAR(theil_decomposition(Vec{1, 1, 1, 3}, Vec{1, 1, 1, 1}, four, 1).total, expected,
              1e-15);
}

TEST(EquityIndicesTheil, DecompositionAddsUpAndMatchesNaiveFormulaOnRandomGroups) {
  constexpr std::uint32_t kGroups = 7;
  for (unsigned seed = 21; seed <= 25; ++seed) {
    const RandomPoints p = random_points(400, kGroups, seed);
    const auto result = theil_decomposition(p.values, p.weights, p.groups, kGroups);
    ASSERT_EQ(result.between_by_group.size(), kGroups);
    ASSERT_EQ(result.within_by_group.size(), kGroups);
    EXPECT_NEAR(result.between + result.within, result.total, 1e-12) << "seed " << seed;

    // Naive: T over everything, then per group W_g, mu_g, T_g and s_g = W_g mu_g / (W mu).
    const double total = naive_theil(p.values, p.weights);
    EXPECT_NEAR(result.total, total, 1e-12);
    double total_weight = 0.0;
    double total_value = 0.0;
    for (std::size_t i = 0; i < p.values.size(); ++i) {
      total_weight += p.weights[i];
      total_value += p.weights[i] * p.values[i];
    }
    const double mean = total_value / total_weight;
    double between = 0.0;
    double within = 0.0;
    for (std::uint32_t g = 0; g < kGroups; ++g) {
      Vec x;
      Vec w;
      for (std::size_t i = 0; i < p.values.size(); ++i) {
        if (p.groups[i] != g) continue;
        x.push_back(p.values[i]);
        w.push_back(p.weights[i]);
      }
      double group_weight = 0.0;
      double group_value = 0.0;
      for (std::size_t i = 0; i < x.size(); ++i) {
        group_weight += w[i];
        group_value += w[i] * x[i];
      }
      const double group_mean = group_value / group_weight;
      const double s = group_weight * group_mean / (total_weight * mean);
      const double group_between = s * std::log(group_mean / mean);
      const double group_within = s * naive_theil(x, w);
      EXPECT_NEAR(result.between_by_group[g], group_between, 1e-12) << "group " << g;
      EXPECT_NEAR(result.within_by_group[g], group_within, 1e-12) << "group " << g;
      between += group_between;
      within += group_within;
    }
    EXPECT_NEAR(result.between, between, 1e-12);
    EXPECT_NEAR(result.within, within, 1e-12);
    EXPECT_NEAR(between + within, total, 1e-12);
  }
}

TEST(EquityIndicesTheil, GroupWithoutPointsOrValueContributesZero) {
  // Group 1 has no point, group 2 only zeros: both contribute 0 and stay in the vectors.
  const std::vector<std::uint32_t> groups = {0, 0, 2};
  const auto result = theil_decomposition(Vec{1, 3, 0}, Vec{1, 1, 2}, groups, 3);
  ASSERT_EQ(result.between_by_group.size(), 3u);
  EXPECT_EQ(result.between_by_group[1], 0.0);
  EXPECT_EQ(result.within_by_group[1], 0.0);
  EXPECT_EQ(result.between_by_group[2], 0.0);
  EXPECT_EQ(result.within_by_group[2], 0.0);
  // Value all in group 0 (s_0 = 1, mu_0 = 2, mu = 1): between = ln 2,
  // within = T of {1,3} = (1/2)(.5 ln .5 + 1.5 ln 1.5).
  EXPECT_NEAR(result.between, std::log(2.0), 1e-15);
  EXPECT_NEAR(result.within, 0.5 * (0.5 * std::log(0.5) + 1.5 * std::log(1.5)), 1e-15);
}

// ---------------------------------------------------------------- Atkinson

TEST(EquityIndicesAtkinson, HandWorkedEpsilonHalfOneTwo) {
  // {1,4}, mean 2.5.
  // eps .5: ((sqrt 1 + sqrt 4) / 2)^2 = 1.5^2 = 2.25 -> 1 - 2.25/2.5 = 0.1.
  // eps 1: geometric mean sqrt(1*4) = 2 -> 1 - 2/2.5 = 0.2.
  // eps 2: harmonic mean 2 / (1 + 1/4) = 1.6 -> 1 - 1.6/2.5 = 0.36.
  const Vec values = {1, 4};
  const Vec weights = {1, 1};
  EXPECT_NEAR(atkinson_index(values, weights, 0.5), 0.1, 1e-15);
  EXPECT_NEAR(atkinson_index(values, weights, 1.0), 0.2, 1e-15);
  EXPECT_NEAR(atkinson_index(values, weights, 2.0), 0.36, 1e-15);
}

TEST(EquityIndicesAtkinson, WeightsActAsMultiplicity) {
  // {1,4} weights {3,1} = {1,1,1,4}: mean 7/4, geometric mean 4^(1/4) = sqrt 2.
  const double expected = 1.0 - std::sqrt(2.0) / 1.75;
  EXPECT_NEAR(atkinson_index(Vec{1, 4}, Vec{3, 1}, 1.0), expected, 1e-15);
  EXPECT_NEAR(atkinson_index(Vec{1, 1, 1, 4}, Vec{1, 1, 1, 1}, 1.0), expected, 1e-15);
}

TEST(EquityIndicesAtkinson, MatchesDirectFormulaOnRandomData) {
  RandomPoints p = random_points(300, 1, 31);
  for (double& v : p.values) v += 0.5;  // no zero: the direct formulas take logs and 1/x
  for (const double epsilon : {0.5, 1.0, 2.0, 3.0}) {
    EXPECT_NEAR(atkinson_index(p.values, p.weights, epsilon),
                naive_atkinson(p.values, p.weights, epsilon), 1e-12)
        << "epsilon " << epsilon;
  }
}

TEST(EquityIndicesAtkinson, ZeroValue) {
  // eps >= 1: someone with 0 makes the index 1 (documented).
  EXPECT_EQ(atkinson_index(Vec{0, 4}, Vec{1, 1}, 1.0), 1.0);
  EXPECT_EQ(atkinson_index(Vec{0, 4}, Vec{1, 1}, 2.0), 1.0);
  // ... unless nobody lives there.
  EXPECT_NEAR(atkinson_index(Vec{0, 1, 4}, Vec{0, 1, 1}, 2.0), 0.36, 1e-15);
  // eps .5: mean 2, ((0 + 2) / 2)^2 = 1 -> 1 - 1/2 = 0.5.
  EXPECT_NEAR(atkinson_index(Vec{0, 4}, Vec{1, 1}, 0.5), 0.5, 1e-15);
  // All zero: all equal.
  EXPECT_EQ(atkinson_index(Vec{0, 0}, Vec{1, 1}, 2.0), 0.0);
}

// ---------------------------------------------------------------- top / bottom

TEST(EquityIndicesTopBottom, HandWorkedWithStraddlingPoints) {
  // {1..6} unit weights, share .25: each end holds 1.5 people.
  //   bottom: 1*1 + 2*.5 = 2, top: 6*1 + 5*.5 = 8.5 -> 8.5/1.5 over 2/1.5 = 4.25.
  EXPECT_DOUBLE_EQ(top_bottom_ratio(Vec{4, 6, 1, 3, 5, 2}, Vec{1, 1, 1, 1, 1, 1}, 0.25), 4.25);
  // {1,2,10} weights {1,2,1}, share .5: each end holds 2 of the 4 people;
  //   the point at 2 straddles both cuts: bottom 1*1 + 2*1 = 3, top 10*1 + 2*1 = 12 -> 4.
  EXPECT_DOUBLE_EQ(top_bottom_ratio(Vec{1, 2, 10}, Vec{1, 2, 1}, 0.5), 4.0);
}

TEST(EquityIndicesTopBottom, DefaultShareIsTwentyPercent) {
  // {1..10} unit weights, 2 people at each end: top 10+9 = 19, bottom 1+2 = 3 -> 19/3.
  const Vec values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const Vec weights(10, 1.0);
  EXPECT_NEAR(top_bottom_ratio(values, weights), 19.0 / 3.0, 1e-14);
}

TEST(EquityIndicesTopBottom, WeightsActAsMultiplicity) {
  // {1,3} weights {3,1} = {1,1,1,3}, share .25: one person each end -> 3 / 1.
  EXPECT_DOUBLE_EQ(top_bottom_ratio(Vec{1, 3}, Vec{3, 1}, 0.25), 3.0);
  EXPECT_DOUBLE_EQ(top_bottom_ratio(Vec{1, 1, 1, 3}, Vec{1, 1, 1, 1}, 0.25), 3.0);
}

TEST(EquityIndicesTopBottom, InfiniteWhenTheBottomHasNothing) {
  EXPECT_EQ(top_bottom_ratio(Vec{0, 0, 0, 0, 5}, Vec{1, 1, 1, 1, 1}),
            std::numeric_limits<double>::infinity());
}

// ---------------------------------------------------------------- share above

TEST(EquityIndicesShareAbove, StrictlyAboveTheThreshold) {
  // weights 1,2,3,4 (W = 10) at 5, 10, 15, 20 minutes.
  const Vec values = {5, 10, 15, 20};
  const Vec weights = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(weight_share_above(values, weights, 10), 0.7);   // 15 and 20: 7/10
  EXPECT_DOUBLE_EQ(weight_share_above(values, weights, 9.5), 0.9);  // 10, 15, 20: 9/10
  EXPECT_DOUBLE_EQ(weight_share_above(values, weights, 20), 0.0);
  EXPECT_DOUBLE_EQ(weight_share_above(values, weights, -1), 1.0);
  EXPECT_EQ(weight_share_above(values, Vec{0, 0, 0, 0}, 10), 0.0);
}

// ---------------------------------------------------------------- all indices together

TEST(EquityIndicesAll, PerfectEquality) {
  const Vec values = {7.5, 7.5, 7.5, 7.5};
  const Vec weights = {1, 30, 2.5, 0.1};
  const std::vector<std::uint32_t> groups = {0, 1, 1, 2};
  EXPECT_NEAR(weighted_gini(values, weights), 0.0, 1e-15);
  const auto theil = theil_decomposition(values, weights, groups, 3);
  EXPECT_NEAR(theil.total, 0.0, 1e-15);
  EXPECT_NEAR(theil.between, 0.0, 1e-15);
  EXPECT_NEAR(theil.within, 0.0, 1e-15);
  for (const double epsilon : {0.5, 1.0, 2.0}) {
    EXPECT_NEAR(atkinson_index(values, weights, epsilon), 0.0, 1e-15) << epsilon;
  }
  EXPECT_EQ(top_bottom_ratio(values, weights), 1.0);
  for (const LorenzPoint& p : lorenz_curve(values, weights, 11)) {
    EXPECT_NEAR(p.value_share, p.population_share, 1e-15);
  }
}

TEST(EquityIndicesAll, ScaleInvariance) {
  // Minutes or seconds: the relative indices do not change.
  const RandomPoints p = random_points(200, 5, 41);
  Vec scaled = p.values;
  for (double& v : scaled) v *= 60.0;
  EXPECT_NEAR(weighted_gini(scaled, p.weights), weighted_gini(p.values, p.weights), 1e-13);
  const auto a = theil_decomposition(p.values, p.weights, p.groups, 5);
  const auto b = theil_decomposition(scaled, p.weights, p.groups, 5);
  EXPECT_NEAR(b.total, a.total, 1e-13);
  EXPECT_NEAR(b.between, a.between, 1e-13);
  EXPECT_NEAR(b.within, a.within, 1e-13);
  for (const double epsilon : {0.5, 1.0, 2.0}) {
    EXPECT_NEAR(atkinson_index(scaled, p.weights, epsilon),
                atkinson_index(p.values, p.weights, epsilon), 1e-13)
        << epsilon;
  }
  // A sanity check that the data is unequal, so that the comparisons above could fail.
  EXPECT_GT(weighted_gini(p.values, p.weights), 0.1);
}

TEST(EquityIndicesAll, ZeroWeightPointsChangeNothing) {
  // The same data with and without its points of zero weight (about 1 in 10), plus one extreme
  // value carried by nobody, at both ends of the order.
  const RandomPoints p = random_points(200, 4, 51);
  RandomPoints kept;
  for (std::size_t i = 0; i < p.values.size(); ++i) {
    if (p.weights[i] == 0.0) continue;
    kept.values.push_back(p.values[i]);
    kept.weights.push_back(p.weights[i]);
    kept.groups.push_back(p.groups[i]);
  }
  ASSERT_LT(kept.values.size(), p.values.size());
  RandomPoints all = p;
  for (const double extreme : {0.0, 1e6}) {
    all.values.push_back(extreme);
    all.weights.push_back(0.0);
    all.groups.push_back(3);
  }
  EXPECT_NEAR(weighted_gini(all.values, all.weights), weighted_gini(kept.values, kept.weights),
              1e-14);
  const auto a = theil_decomposition(all.values, all.weights, all.groups, 4);
  const auto b = theil_decomposition(kept.values, kept.weights, kept.groups, 4);
  EXPECT_NEAR(a.between, b.between, 1e-14);
  EXPECT_NEAR(a.within, b.within, 1e-14);
  for (const double epsilon : {0.5, 1.0, 2.0}) {
    EXPECT_NEAR(atkinson_index(all.values, all.weights, epsilon),
                atkinson_index(kept.values, kept.weights, epsilon), 1e-14);
  }
  EXPECT_NEAR(top_bottom_ratio(all.values, all.weights),
              top_bottom_ratio(kept.values, kept.weights), 1e-12);
  EXPECT_NEAR(weight_share_above(all.values, all.weights, 15.0),
              weight_share_above(kept.values, kept.weights, 15.0), 1e-15);
  const auto curve_all = lorenz_curve(all.values, all.weights, 21);
  const auto curve_kept = lorenz_curve(kept.values, kept.weights, 21);
  for (std::size_t k = 0; k < curve_all.size(); ++k) {
    EXPECT_NEAR(curve_all[k].value_share, curve_kept[k].value_share, 1e-14) << k;
  }
}

// ---------------------------------------------------------------- errors

// Runs `call`, expects std::invalid_argument whose message contains `fragment`.
void expect_invalid(const std::function<void()>& call, const std::string& fragment) {
  try {
    call();
    ADD_FAILURE() << "no exception; expected one mentioning '" << fragment << "'";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(EquityIndicesErrors, BadPointsThrowNamingTheIndex) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const Vec ok = {1, 2, 3};
  const Vec unit = {1, 1, 1};
  expect_invalid([&] { weighted_gini(Vec{1, -2, 3}, unit); }, "value at index 1");
  expect_invalid([&] { lorenz_curve(Vec{1, 2, nan}, unit); }, "value at index 2");
  expect_invalid([&] { atkinson_index(Vec{inf, 2, 3}, unit, 1.0); }, "value at index 0");
  expect_invalid([&] { top_bottom_ratio(ok, Vec{1, -1, 1}); }, "weight at index 1");
  expect_invalid([&] { weight_share_above(ok, Vec{1, 1, nan}, 2); }, "weight at index 2");
  const std::vector<std::uint32_t> groups = {0, 0, 0};
  expect_invalid(
      [&] {
        theil_decomposition(Vec{1, 2, -0.5}, unit, groups, 1);
      },
      "value at index 2");
  // A zero weight does not excuse a bad value: it is a contract violation all the same.
  expect_invalid([&] { weighted_gini(Vec{1, inf}, Vec{1, 0}); }, "value at index 1");
}

TEST(EquityIndicesErrors, MismatchedLengthsThrow) {
  const Vec three = {1, 2, 3};
  const Vec two = {1, 1};
  EXPECT_THROW(weighted_gini(three, two), std::invalid_argument);
  EXPECT_THROW(lorenz_curve(three, two), std::invalid_argument);
  EXPECT_THROW(atkinson_index(three, two, 1.0), std::invalid_argument);
  EXPECT_THROW(top_bottom_ratio(three, two), std::invalid_argument);
  EXPECT_THROW(weight_share_above(three, two, 1.0), std::invalid_argument);
  const std::vector<std::uint32_t> two_groups = {0, 0};
  EXPECT_THROW(theil_decomposition(three, two, two_groups, 1), std::invalid_argument);
  EXPECT_THROW(theil_decomposition(three, three, two_groups, 1), std::invalid_argument);
}

TEST(EquityIndicesErrors, BadParametersThrow) {
  const Vec values = {1, 2, 3};
  const Vec weights = {1, 1, 1};
  const std::vector<std::uint32_t> groups = {0, 1, 2};
  expect_invalid([&] { theil_decomposition(values, weights, groups, 2); }, "group id at index 2");
  expect_invalid([&] { lorenz_curve(values, weights, 1); }, "1 samples");
  for (const double epsilon : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(),
                               std::numeric_limits<double>::infinity()}) {
    EXPECT_THROW(atkinson_index(values, weights, epsilon), std::invalid_argument) << epsilon;
  }
  for (const double share : {0.0, -0.1, 0.51, std::numeric_limits<double>::quiet_NaN()}) {
    EXPECT_THROW(top_bottom_ratio(values, weights, share), std::invalid_argument) << share;
  }
  EXPECT_NO_THROW(top_bottom_ratio(values, weights, 0.5));
  EXPECT_THROW(weight_share_above(values, weights, std::numeric_limits<double>::quiet_NaN()),
               std::invalid_argument);
}

}  // namespace
}  // namespace couverture
