#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

// Population-weighted inequality indices of an accessibility indicator over demand points.
//
// Every function takes one value and one weight per point: the weight is the target population
// the point carries, so a point of weight 3 counts as three identical people. Points of zero
// weight are ignored. Contract, checked on every point (std::invalid_argument naming the index
// otherwise): spans of equal length, values finite and >= 0, weights finite and >= 0. Travel
// times of unreachable points (+inf) must therefore be filtered or capped by the caller.
//
// The functions sort by value at most once per call: O(n log n), fit for 10^6 points.

namespace couverture {

// One vertex of a Lorenz curve: the poorest `population_share` of the weight holds
// `value_share` of the total value.
struct LorenzPoint {
  double population_share;
  double value_share;
};

// Weighted Gini coefficient, sum_ij w_i w_j |x_i - x_j| / (2 W^2 mu): 0 when all values are
// equal, towards 1 when one person holds everything. 0 when the total weight or the total value
// is 0.
double weighted_gini(std::span<const double> values, std::span<const double> weights);

// Lorenz curve of the values sorted increasing: cumulative weight share against cumulative value
// share, from (0,0) to (1,1). The exact curve is piecewise linear; it is returned sampled at
// `samples` evenly spaced population shares (0, 1/(samples-1), ..., 1) by linear interpolation,
// so that a plot table stays small whatever the number of points. samples >= 2. When the total
// weight or the total value is 0 the curve is the diagonal (nobody has more than anybody).
std::vector<LorenzPoint> lorenz_curve(std::span<const double> values,
                                      std::span<const double> weights, std::size_t samples = 101);

// Theil T index decomposed by group (e.g. commune): total = between + within (to rounding).
// With W, mu the total weight and mean, W_g, mu_g those of group g and s_g = W_g mu_g / (W mu)
// the group's share of the total value:
//   total  = (1/W) sum_i w_i (x_i/mu) ln(x_i/mu)
//   between = sum_g s_g ln(mu_g/mu),  within = sum_g s_g T_g  (T_g: Theil T inside group g).
// between_by_group[g] and within_by_group[g] (group_count entries each) are group g's terms of
// those sums. Zero values contribute 0 (x ln x -> 0); a group without value contributes 0.
// All zero when the total weight or the total value is 0. groups[i] < group_count.
struct TheilDecomposition {
  double total = 0.0;
  double between = 0.0;
  double within = 0.0;
  std::vector<double> between_by_group;
  std::vector<double> within_by_group;
};
TheilDecomposition theil_decomposition(std::span<const double> values,
                                       std::span<const double> weights,
                                       std::span<const std::uint32_t> groups,
                                       std::size_t group_count);

// Atkinson index 1 - (equally distributed equivalent) / mean, with inequality aversion
// epsilon > 0 (finite). The equivalent is the generalised mean of order 1 - epsilon
// (epsilon = 1: the geometric mean; epsilon = 2: the harmonic mean). For epsilon >= 1 a zero
// value with positive weight makes the equivalent 0, hence the index 1: that aversion treats a
// person with nothing as infinitely badly off. 0 when all values are equal, when the total
// weight is 0 or when every value is 0. Clamped to [0, 1] against rounding.
double atkinson_index(std::span<const double> values, std::span<const double> weights,
                      double epsilon);

// Weighted mean of the highest `share` of the weight over that of the lowest `share`
// (share in (0, 0.5]), a point straddling a cut counted for the fraction of its weight inside:
// e.g. the best-served 20 % against the worst-served 20 % (the caller decides which end is
// "best": for travel times the top is the worst served). +inf when the lower mean is 0 and the
// upper is not; 1 when all values are equal (including all 0) or the total weight is 0.
double top_bottom_ratio(std::span<const double> values, std::span<const double> weights,
                        double share = 0.2);

// Share of the total weight whose value is strictly above `threshold` (e.g. the population
// beyond 15 minutes). 0 when the total weight is 0. threshold must not be NaN.
double weight_share_above(std::span<const double> values, std::span<const double> weights,
                          double threshold);

}  // namespace couverture
