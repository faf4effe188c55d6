#include "couverture/algorithms/group_accessibility.hpp"

#include <cmath>
#include <stdexcept>

namespace couverture {

std::vector<GroupAccessibility> summarise_accessibility_by_group(
    std::span<const std::uint32_t> group, std::span<const double> weight,
    std::span<const double> times, std::size_t group_count, std::span<const double> thresholds) {
  if (group.size() != weight.size() || group.size() != times.size()) {
    throw std::invalid_argument("summarise_accessibility_by_group: arrays differ in length");
  }
  std::vector<GroupAccessibility> result(group_count);
  std::vector<double> weighted_time(group_count, 0.0);
  for (GroupAccessibility& g : result) g.share_within.assign(thresholds.size(), 0.0);
  for (std::size_t i = 0; i < group.size(); ++i) {
    GroupAccessibility& g = result.at(group[i]);
    g.weight += weight[i];
    if (!std::isfinite(times[i])) continue;
    g.reachable_weight += weight[i];
    weighted_time[group[i]] += weight[i] * times[i];
    if (weight[i] > 0.0 && times[i] > g.max) g.max = times[i];
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
      if (times[i] <= thresholds[t]) g.share_within[t] += weight[i];
    }
  }
  for (std::size_t k = 0; k < group_count; ++k) {
    GroupAccessibility& g = result[k];
    if (g.reachable_weight > 0.0) g.mean = weighted_time[k] / g.reachable_weight;
    for (double& share : g.share_within) share = g.weight > 0.0 ? share / g.weight : 0.0;
  }
  return result;
}

}  // namespace couverture
