#include "couverture/algorithms/concentration_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace couverture {
namespace {

// The index as one minus twice the area under the concentration curve
// (cumulative share of the value against cumulative share of the weight,
// most disadvantaged first), by trapezoids: the geometric definition, not
// the covariance form the code uses. Ranks must be distinct.
double by_concentration_curve(const std::vector<double>& value,
                              const std::vector<double>& disadvantage,
                              const std::vector<double>& weight) {
  std::vector<std::size_t> order(value.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return disadvantage[a] > disadvantage[b]; });
  double total_weight = 0.0;
  double total_value = 0.0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    total_weight += weight[i];
    total_value += weight[i] * value[i];
  }
  double p = 0.0;
  double l = 0.0;
  double area = 0.0;
  for (std::size_t i : order) {
    const double next_p = p + weight[i] / total_weight;
    const double next_l = l + weight[i] * value[i] / total_value;
    area += (next_p - p) * (next_l + l) / 2.0;
    p = next_p;
    l = next_l;
  }
  return 1.0 - 2.0 * area;
}

TEST(ConcentrationIndex, MatchesTheConcentrationCurveByHand) {
  // Three points, most disadvantaged first: shares 0.6, 0.3, 0.1 of poor
  // households, weights 1, 2, 1, travel times 20, 10, 5 min. Weighted mean
  // (20 + 20 + 5) / 4 = 11.25; ranks 1/8, 1/2, 7/8:
  // C = 2/(4·11.25) · (8.75·(−3/8) + 2·(−1.25)·0 + (−6.25)·(3/8)) = −0.25.
  const std::vector<double> value = {20, 10, 5};
  const std::vector<double> share = {0.6, 0.3, 0.1};
  const std::vector<double> weight = {1, 2, 1};
  EXPECT_NEAR(concentration_index(value, share, weight), -0.25, 1e-12);
  EXPECT_NEAR(concentration_index(value, share, weight),
              by_concentration_curve(value, share, weight), 1e-12);
}

TEST(ConcentrationIndex, AgreesWithTheCurveOnScatteredPoints) {
  std::vector<double> value, share, weight;
  for (int i = 0; i < 40; ++i) {
    value.push_back(3.0 + std::fmod(i * 7.3, 11.0));
    share.push_back(std::fmod(i * 0.137, 1.0));  // distinct
    weight.push_back(1.0 + (i % 5));
  }
  EXPECT_NEAR(concentration_index(value, share, weight),
              by_concentration_curve(value, share, weight), 1e-12);
  // The order of the input does not matter.
  std::reverse(value.begin(), value.end());
  std::reverse(share.begin(), share.end());
  std::reverse(weight.begin(), weight.end());
  EXPECT_NEAR(concentration_index(value, share, weight),
              by_concentration_curve(value, share, weight), 1e-12);
}

TEST(ConcentrationIndex, TiesShareTheirRankLikeOneMergedPoint) {
  // Two points of equal disadvantage are the same as one point of their
  // summed weight carrying their weighted mean value.
  const std::vector<double> value = {20, 8, 14, 5};
  const std::vector<double> share = {0.6, 0.3, 0.3, 0.1};
  const std::vector<double> weight = {1, 1, 3, 2};
  const std::vector<double> merged_value = {20, (8.0 + 3.0 * 14.0) / 4.0, 5};
  const std::vector<double> merged_share = {0.6, 0.3, 0.1};
  const std::vector<double> merged_weight = {1, 4, 2};
  EXPECT_NEAR(concentration_index(value, share, weight),
              by_concentration_curve(merged_value, merged_share, merged_weight), 1e-12);
}

TEST(ConcentrationIndex, EqualValuesGiveZeroAndEdgesGiveNaN) {
  const std::vector<double> same = {7, 7, 7};
  const std::vector<double> share = {0.1, 0.5, 0.9};
  const std::vector<double> weight = {1, 2, 3};
  EXPECT_NEAR(concentration_index(same, share, weight), 0.0, 1e-12);
  const std::vector<double> zero_weight = {0, 0, 0};
  EXPECT_TRUE(std::isnan(concentration_index(same, share, zero_weight)));
  const std::vector<double> zeros = {0, 0, 0};
  EXPECT_TRUE(std::isnan(concentration_index(zeros, share, weight)));
  // Unreachable points (+inf) are left out: the rest as if alone.
  const std::vector<double> with_inf = {20, 10, INFINITY};
  const std::vector<double> two = {20, 10};
  const std::vector<double> two_share = {0.1, 0.5};
  const std::vector<double> two_weight = {1, 2};
  EXPECT_NEAR(concentration_index(with_inf, share, weight),
              concentration_index(two, two_share, two_weight), 1e-12);
  const std::vector<double> negative = {1, -1, 1};
  EXPECT_THROW(concentration_index(same, share, negative), std::invalid_argument);
  const std::vector<double> short_share = {0.1};
  EXPECT_THROW(concentration_index(same, short_share, weight), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
