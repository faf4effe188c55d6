#include "couverture/engine/equity_summary.hpp"

#include <cmath>
#include <stdexcept>

namespace couverture {

EquitySummary summarise_equity(std::string measure, bool higher_is_better,
                               std::span<const double> values, std::span<const double> weights,
                               std::span<const std::uint32_t> groups, std::size_t group_count) {
  if (values.size() != weights.size() || values.size() != groups.size()) {
    throw std::invalid_argument("summarise_equity: values, weights and groups differ in length");
  }
  EquitySummary summary;
  summary.measure = std::move(measure);
  summary.higher_is_better = higher_is_better;
  std::vector<double> kept_values;
  std::vector<double> kept_weights;
  std::vector<std::uint32_t> kept_groups;
  double weighted_sum = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(weights[i] > 0.0)) continue;
    if (!std::isfinite(values[i])) {
      summary.excluded_weight += weights[i];
      continue;
    }
    kept_values.push_back(values[i]);
    kept_weights.push_back(weights[i]);
    kept_groups.push_back(groups[i]);
    summary.weight += weights[i];
    weighted_sum += weights[i] * values[i];
  }
  if (summary.weight <= 0.0) {
    summary.theil.between_by_group.assign(group_count, 0.0);
    summary.theil.within_by_group.assign(group_count, 0.0);
    return summary;
  }
  summary.mean = weighted_sum / summary.weight;
  summary.gini = weighted_gini(kept_values, kept_weights);
  summary.lorenz = lorenz_curve(kept_values, kept_weights);
  summary.theil = theil_decomposition(kept_values, kept_weights, kept_groups, group_count);
  summary.atkinson_0_5 = atkinson_index(kept_values, kept_weights, 0.5);
  summary.atkinson_1 = atkinson_index(kept_values, kept_weights, 1.0);
  summary.atkinson_2 = atkinson_index(kept_values, kept_weights, 2.0);
  // Highest fifth over lowest: best over worst for a score; for times the
  // slowest over the fastest, which is the same comparison of service levels.
  summary.best_to_worst_fifth = top_bottom_ratio(kept_values, kept_weights, 0.2);
  return summary;
}

}  // namespace couverture
