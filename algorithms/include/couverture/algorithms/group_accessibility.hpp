#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace couverture {

// Accessibility of one group of weighted points (e.g. the demand points of a
// commune, weighted by the population they carry) to its nearest service.
struct GroupAccessibility {
  double weight = 0.0;               // total weight of the group
  double reachable_weight = 0.0;     // weight with a finite time
  double mean = 0.0;                 // weight-averaged time over the reachable weight
  double max = 0.0;                  // largest finite time among points of positive weight
  std::vector<double> share_within;  // per threshold: weight with time <= threshold / weight
};

// Summarises `times` (one per point, +inf when unreachable) by group.
// `group[i]` < group_count, `weight[i]` >= 0; thresholds in the unit of times.
// A group of zero weight gets zero shares and means.
std::vector<GroupAccessibility> summarise_accessibility_by_group(
    std::span<const std::uint32_t> group, std::span<const double> weight,
    std::span<const double> times, std::size_t group_count, std::span<const double> thresholds);

}  // namespace couverture
