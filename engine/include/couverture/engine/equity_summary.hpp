#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "couverture/algorithms/equity_indices.hpp"

namespace couverture {

// How unequally one accessibility measure is spread over the target
// population of a service, on the population-weighted demand points.
struct EquitySummary {
  std::string measure;            // "travel_time", "e2sfca" or "gravity"
  bool higher_is_better = false;  // false for travel times
  double weight = 0.0;            // target population the indices cover
  double excluded_weight = 0.0;   // target population left out (no value: unreachable)
  double mean = 0.0;              // weighted mean of the measure
  double gini = 0.0;
  std::vector<LorenzPoint> lorenz;
  TheilDecomposition theil;  // by commune
  double atkinson_0_5 = 0.0;
  double atkinson_1 = 0.0;
  double atkinson_2 = 0.0;
  // How many times better the best-served fifth of the target population is
  // served than the worst-served fifth (>= 1): for a score, the mean of the
  // highest fifth over that of the lowest (+inf when the lowest is 0); for
  // travel times, the slowest fifth's mean time over the fastest fifth's.
  double best_to_worst_fifth = 0.0;
};

// The indices of `values` (one per demand point; NaN or +inf = no value,
// excluded and counted in excluded_weight) weighted by `weights`, Theil
// decomposed by `groups` (commune index per point, < group_count).
EquitySummary summarise_equity(std::string measure, bool higher_is_better,
                               std::span<const double> values, std::span<const double> weights,
                               std::span<const std::uint32_t> groups, std::size_t group_count);

}  // namespace couverture
