#include "couverture/algorithms/equity_indices.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace couverture {
namespace {

std::string describe(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "+inf" : "-inf";
  return std::to_string(x);
}

// The contract shared by every index: one finite value >= 0 and one finite weight >= 0 per point.
void check_points(const char* function, std::span<const double> values,
                  std::span<const double> weights) {
  if (values.size() != weights.size()) {
    throw std::invalid_argument(std::string(function) + ": " + std::to_string(values.size()) +
                                " values but " + std::to_string(weights.size()) + " weights");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] < 0.0) {
      throw std::invalid_argument(std::string(function) + ": value at index " + std::to_string(i) +
                                  " is " + describe(values[i]) +
                                  "; values must be finite and >= 0 (filter or cap unreachable "
                                  "points before computing an index)");
    }
    if (!std::isfinite(weights[i]) || weights[i] < 0.0) {
      throw std::invalid_argument(std::string(function) + ": weight at index " + std::to_string(i) +
                                  " is " + describe(weights[i]) +
                                  "; weights must be finite and >= 0");
    }
  }
}

struct WeightedValue {
  double value;
  double weight;
};

// The points of positive weight, sorted by increasing value (ties in any order: no index below
// depends on the order of equal values).
std::vector<WeightedValue> sorted_by_value(std::span<const double> values,
                                           std::span<const double> weights) {
  std::vector<WeightedValue> points;
  points.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (weights[i] > 0.0) points.push_back({values[i], weights[i]});
  }
  std::sort(points.begin(), points.end(),
            [](const WeightedValue& a, const WeightedValue& b) { return a.value < b.value; });
  return points;
}

struct Totals {
  double weight = 0.0;
  double value = 0.0;  // sum of weight * value
};

Totals totals_of(std::span<const double> values, std::span<const double> weights) {
  Totals t;
  for (std::size_t i = 0; i < values.size(); ++i) {
    t.weight += weights[i];
    t.value += weights[i] * values[i];
  }
  return t;
}

}  // namespace

double weighted_gini(std::span<const double> values, std::span<const double> weights) {
  check_points("weighted_gini", values, weights);
  const std::vector<WeightedValue> points = sorted_by_value(values, weights);
  Totals t;
  for (const WeightedValue& p : points) {
    t.weight += p.weight;
    t.value += p.weight * p.value;
  }
  if (t.weight <= 0.0 || t.value <= 0.0) return 0.0;
  // With C_k the weight up to and including sorted point k, summing over pairs gives
  //   sum_{i<j} w_i w_j (x_j - x_i) = sum_k w_k x_k (C_{k-1} + C_k - W),
  // and G = that / (W S), S = sum w x. The factors (C_{k-1} + C_k - W) sum, weighted by w_k,
  // to zero, so x_k may be centred on the mean: that keeps the terms small (and the rounding
  // error relative to G) when the values are nearly equal.
  const double mean = t.value / t.weight;
  double cumulative = 0.0;
  double pair_sum = 0.0;
  for (const WeightedValue& p : points) {
    const double before = cumulative;
    cumulative += p.weight;
    pair_sum += p.weight * (p.value - mean) * (before + cumulative - t.weight);
  }
  return std::clamp(pair_sum / (t.weight * t.value), 0.0, 1.0);
}

std::vector<LorenzPoint> lorenz_curve(std::span<const double> values,
                                      std::span<const double> weights, std::size_t samples) {
  check_points("lorenz_curve", values, weights);
  if (samples < 2) {
    throw std::invalid_argument("lorenz_curve: " + std::to_string(samples) +
                                " samples; at least 2 are needed (the two ends)");
  }
  const std::vector<WeightedValue> points = sorted_by_value(values, weights);
  Totals t;
  for (const WeightedValue& p : points) {
    t.weight += p.weight;
    t.value += p.weight * p.value;
  }
  std::vector<LorenzPoint> curve(samples);
  const auto step = static_cast<double>(samples - 1);
  for (std::size_t j = 0; j < samples; ++j) {
    const double share = static_cast<double>(j) / step;
    curve[j] = {share, share};  // the diagonal, kept when there is no weight or no value
  }
  if (t.weight <= 0.0 || t.value <= 0.0) return curve;

  // Walk the exact curve's vertices and the samples together: both increase.
  // Segment [prev, next] of the exact curve is the current point's weight.
  LorenzPoint prev{0.0, 0.0};
  LorenzPoint next{0.0, 0.0};
  double cumulative_weight = 0.0;
  double cumulative_value = 0.0;
  std::size_t k = 0;
  for (std::size_t j = 1; j + 1 < samples; ++j) {
    const double share = curve[j].population_share;
    while (next.population_share < share && k < points.size()) {
      prev = next;
      cumulative_weight += points[k].weight;
      cumulative_value += points[k].weight * points[k].value;
      ++k;
      next = {cumulative_weight / t.weight, cumulative_value / t.value};
    }
    const double width = next.population_share - prev.population_share;
    const double along =
        width > 0.0 ? std::clamp((share - prev.population_share) / width, 0.0, 1.0) : 1.0;
    curve[j].value_share = prev.value_share + along * (next.value_share - prev.value_share);
  }
  curve[0] = {0.0, 0.0};
  curve[samples - 1] = {1.0, 1.0};
  return curve;
}

TheilDecomposition theil_decomposition(std::span<const double> values,
                                       std::span<const double> weights,
                                       std::span<const std::uint32_t> groups,
                                       std::size_t group_count) {
  check_points("theil_decomposition", values, weights);
  if (groups.size() != values.size()) {
    throw std::invalid_argument("theil_decomposition: " + std::to_string(values.size()) +
                                " values but " + std::to_string(groups.size()) + " group ids");
  }
  TheilDecomposition result;
  result.between_by_group.assign(group_count, 0.0);
  result.within_by_group.assign(group_count, 0.0);
  std::vector<Totals> group_totals(group_count);
  Totals t;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (groups[i] >= group_count) {
      throw std::invalid_argument("theil_decomposition: group id at index " + std::to_string(i) +
                                  " is " + std::to_string(groups[i]) + "; ids must be below " +
                                  std::to_string(group_count));
    }
    group_totals[groups[i]].weight += weights[i];
    group_totals[groups[i]].value += weights[i] * values[i];
    t.weight += weights[i];
    t.value += weights[i] * values[i];
  }
  if (t.weight <= 0.0 || t.value <= 0.0) return result;
  const double mean = t.value / t.weight;

  // Summed as sum_i w_i x_i ln(x_i / m) / S, where S = W mu is the total value: the same
  // quantity as (1/W) sum_i w_i (x_i/mu) ln(x_i/mu), and for a group s_g T_g =
  // sum_{i in g} w_i x_i ln(x_i/mu_g) / S. Points of zero value or weight add x ln x -> 0.
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double mass = weights[i] * values[i];
    if (mass <= 0.0) continue;
    const Totals& g = group_totals[groups[i]];
    total += mass * std::log(values[i] / mean);
    result.within_by_group[groups[i]] += mass * std::log(values[i] / (g.value / g.weight));
  }
  result.total = total / t.value;
  for (std::size_t g = 0; g < group_count; ++g) {
    const Totals& gt = group_totals[g];
    result.within_by_group[g] /= t.value;
    if (gt.value > 0.0) {
      const double value_share = gt.value / t.value;
      result.between_by_group[g] = value_share * std::log((gt.value / gt.weight) / mean);
    }
    result.between += result.between_by_group[g];
    result.within += result.within_by_group[g];
  }
  return result;
}

double atkinson_index(std::span<const double> values, std::span<const double> weights,
                      double epsilon) {
  check_points("atkinson_index", values, weights);
  if (!std::isfinite(epsilon) || epsilon <= 0.0) {
    throw std::invalid_argument("atkinson_index: inequality aversion epsilon is " +
                                describe(epsilon) + "; it must be finite and > 0");
  }
  const Totals t = totals_of(values, weights);
  if (t.weight <= 0.0 || t.value <= 0.0) return 0.0;
  const double mean = t.value / t.weight;
  // Values are divided by the mean first: the index is scale invariant, and so the generalised
  // mean is computed near 1 whatever the unit of the values.
  double equivalent = 0.0;  // equally distributed equivalent, over the mean
  if (epsilon == 1.0) {
    double log_sum = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (weights[i] <= 0.0) continue;
      if (values[i] == 0.0) return 1.0;
      log_sum += weights[i] * std::log(values[i] / mean);
    }
    equivalent = std::exp(log_sum / t.weight);
  } else {
    const double order = 1.0 - epsilon;
    double power_sum = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (weights[i] <= 0.0) continue;
      if (values[i] == 0.0) {
        if (epsilon > 1.0) return 1.0;  // 0^(negative order) is infinite: equivalent 0
        continue;                       // 0^(positive order) is 0
      }
      power_sum += weights[i] * std::pow(values[i] / mean, order);
    }
    equivalent = std::pow(power_sum / t.weight, 1.0 / order);
  }
  return std::clamp(1.0 - equivalent, 0.0, 1.0);
}

double top_bottom_ratio(std::span<const double> values, std::span<const double> weights,
                        double share) {
  check_points("top_bottom_ratio", values, weights);
  if (!(share > 0.0 && share <= 0.5)) {
    throw std::invalid_argument("top_bottom_ratio: share is " + describe(share) +
                                "; it must be in (0, 0.5] (e.g. 0.2 for the top and bottom 20 %)");
  }
  const std::vector<WeightedValue> points = sorted_by_value(values, weights);
  if (points.empty() || points.front().value == points.back().value) return 1.0;
  double total_weight = 0.0;
  for (const WeightedValue& p : points) total_weight += p.weight;
  const double cut = share * total_weight;

  // Both ends hold the same weight `cut`, so the ratio of their means is that of their sums.
  const auto sum_of_first = [cut](auto first, auto last) {
    double remaining = cut;
    double sum = 0.0;
    for (; first != last && remaining > 0.0; ++first) {
      const double taken = std::min(first->weight, remaining);
      sum += taken * first->value;
      remaining -= taken;
    }
    return sum;
  };
  const double bottom = sum_of_first(points.begin(), points.end());
  const double top = sum_of_first(points.rbegin(), points.rend());
  if (bottom <= 0.0) return top > 0.0 ? std::numeric_limits<double>::infinity() : 1.0;
  return top / bottom;
}

double weight_share_above(std::span<const double> values, std::span<const double> weights,
                          double threshold) {
  check_points("weight_share_above", values, weights);
  if (std::isnan(threshold)) {
    throw std::invalid_argument("weight_share_above: threshold is NaN");
  }
  double total = 0.0;
  double above = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    total += weights[i];
    if (values[i] > threshold) above += weights[i];
  }
  return total > 0.0 ? above / total : 0.0;
}

}  // namespace couverture
