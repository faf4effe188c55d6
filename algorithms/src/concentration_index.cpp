#include "couverture/algorithms/concentration_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace couverture {

double concentration_index(std::span<const double> value, std::span<const double> disadvantage,
                           std::span<const double> weight) {
  if (value.size() != weight.size() || disadvantage.size() != weight.size()) {
    throw std::invalid_argument(
        "concentration_index: one value, disadvantage and weight per point");
  }
  std::vector<std::uint32_t> order;
  double total = 0.0;
  double weighted_sum = 0.0;
  for (std::size_t i = 0; i < weight.size(); ++i) {
    if (weight[i] < 0.0) throw std::invalid_argument("concentration_index: negative weight");
    if (!(weight[i] > 0.0) || !std::isfinite(value[i]) || !std::isfinite(disadvantage[i])) {
      continue;
    }
    order.push_back(static_cast<std::uint32_t>(i));
    total += weight[i];
    weighted_sum += weight[i] * value[i];
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (!(total > 0.0)) return kNaN;
  const double mean = weighted_sum / total;
  if (mean == 0.0) return kNaN;
  // Most disadvantaged first.
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return disadvantage[a] > disadvantage[b];
  });
  double before = 0.0;
  double sum = 0.0;
  for (std::size_t start = 0; start < order.size();) {
    // A block of equal disadvantage shares its middle rank.
    std::size_t end = start;
    double block_weight = 0.0;
    double block_deviation = 0.0;
    while (end < order.size() && disadvantage[order[end]] == disadvantage[order[start]]) {
      const std::uint32_t i = order[end];
      block_weight += weight[i];
      block_deviation += weight[i] * (value[i] - mean);
      ++end;
    }
    const double rank = (before + block_weight / 2.0) / total;
    sum += block_deviation * (rank - 0.5);
    before += block_weight;
    start = end;
  }
  return 2.0 * sum / (total * mean);
}

}  // namespace couverture
