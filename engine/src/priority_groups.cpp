#include "couverture/engine/priority_groups.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "couverture/algorithms/concentration_index.hpp"
#include "couverture/algorithms/group_accessibility.hpp"

namespace couverture {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double clamped_share(double count, double base) {
  if (!(base > 0.0)) return 0.0;
  return std::clamp(count / base, 0.0, 1.0);
}

double weighted_mean(std::span<const double> weight, std::span<const double> value) {
  double sum = 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < weight.size(); ++i) {
    if (!(weight[i] > 0.0) || !std::isfinite(value[i])) continue;
    sum += weight[i] * value[i];
    total += weight[i];
  }
  return total > 0.0 ? sum / total : kNaN;
}

// Time statistics of one weighting of the points (the group's or the others').
void summarise_times(std::span<const double> weight, std::span<const double> minutes,
                     std::span<const double> thresholds, double& mean,
                     std::vector<double>& share_beyond) {
  const std::vector<std::uint32_t> one_group(weight.size(), 0);
  const GroupAccessibility summary =
      summarise_accessibility_by_group(one_group, weight, minutes, 1, thresholds).front();
  mean = summary.reachable_weight > 0.0 ? summary.mean : kNaN;
  share_beyond.clear();
  for (double within : summary.share_within) {
    share_beyond.push_back(summary.weight > 0.0 ? 1.0 - within : kNaN);
  }
}

}  // namespace

std::string default_group_label(const std::string& name) {
  if (name == "poor_households") return "familles sous le seuil de pauvreté";
  if (name == "single_parent_families") return "familles monoparentales";
  if (name == "large_families") return "familles nombreuses (5 personnes ou plus)";
  if (name == "social_housing") return "familles en logement social";
  return name;
}

PriorityGroup group_from_grid(std::string name, std::string label,
                              std::span<const DemandPoint> points,
                              std::span<const PopulationCell> cells, std::size_t column,
                              std::size_t households) {
  PriorityGroup group;
  group.name = std::move(name);
  group.label = std::move(label);
  group.share.assign(points.size(), kNaN);
  group.count.assign(points.size(), kNaN);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::uint32_t c = points[i].grid_cell;
    if (c == kNoGridCell) continue;
    if (c >= cells.size() || column >= cells[c].extra.size() ||
        households >= cells[c].extra.size()) {
      throw std::invalid_argument("group_from_grid: a grid cell lacks the group's columns");
    }
    group.count[i] = cells[c].extra[column];
    group.share[i] = clamped_share(cells[c].extra[column], cells[c].extra[households]);
  }
  return group;
}

PriorityGroup group_from_communes(std::string name, std::string label,
                                  std::span<const DemandPoint> points,
                                  std::span<const Commune> communes,
                                  std::span<const double> count_by_commune) {
  PriorityGroup group;
  group.name = std::move(name);
  group.label = std::move(label);
  group.share.assign(points.size(), kNaN);
  group.count.assign(points.size(), kNaN);
  // The points' own population sums, so that the spread counts add up per
  // commune whatever the commune's stated population.
  std::vector<double> population(communes.size(), 0.0);
  for (const DemandPoint& point : points) population[point.commune] += point.population;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::uint32_t c = points[i].commune;
    const double count = count_by_commune[c];
    if (!std::isfinite(count)) continue;
    group.count[i] = population[c] > 0.0 ? count * points[i].population / population[c] : 0.0;
    group.share[i] = clamped_share(count, population[c]);
  }
  return group;
}

std::vector<GroupComparison> compare_priority_groups(std::span<const ServiceCoverage> coverage,
                                                     std::span<const ServiceAccessibility> services,
                                                     std::span<const PriorityGroup> groups,
                                                     std::span<const double> thresholds_minutes) {
  if (coverage.size() != services.size()) {
    throw std::invalid_argument("compare_priority_groups: one coverage per service");
  }
  std::vector<GroupComparison> result;
  for (std::size_t s = 0; s < services.size(); ++s) {
    const ServiceAccessibility& service = services[s];
    const std::vector<double>& minutes = coverage[s].demand_minutes;
    const std::vector<double>& target = service.target_population;
    const std::vector<double>& measured = service.equity.measure == "e2sfca"
                                              ? service.e2sfca_per_100
                                          : service.equity.measure == "gravity" ? service.gravity
                                                                                : minutes;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const PriorityGroup& group = groups[g];
      GroupComparison comparison;
      comparison.service = s;
      comparison.group = g;
      comparison.measure = service.equity.measure;
      std::vector<double> in(target.size(), 0.0);
      std::vector<double> out(target.size(), 0.0);
      for (std::size_t i = 0; i < target.size(); ++i) {
        if (!(target[i] > 0.0)) continue;
        if (!std::isfinite(group.share[i])) {
          comparison.unknown_target += target[i];
          continue;
        }
        in[i] = group.share[i] * target[i];
        out[i] = target[i] - in[i];
        comparison.group_target += in[i];
        comparison.others_target += out[i];
      }
      summarise_times(in, minutes, thresholds_minutes, comparison.group_mean_minutes,
                      comparison.group_share_beyond);
      summarise_times(out, minutes, thresholds_minutes, comparison.others_mean_minutes,
                      comparison.others_share_beyond);
      comparison.group_e2sfca =
          service.has_capacity ? weighted_mean(in, service.e2sfca_per_100) : kNaN;
      comparison.others_e2sfca =
          service.has_capacity ? weighted_mean(out, service.e2sfca_per_100) : kNaN;
      comparison.group_global_e2sfca =
          service.global ? weighted_mean(in, service.global->e2sfca_per_100) : kNaN;
      comparison.others_global_e2sfca =
          service.global ? weighted_mean(out, service.global->e2sfca_per_100) : kNaN;
      comparison.concentration_index = concentration_index(measured, group.share, target);
      result.push_back(std::move(comparison));
    }
  }
  return result;
}

std::vector<double> group_weight_factor(std::span<const PriorityGroup> groups,
                                        std::span<const double> weights, std::size_t point_count) {
  if (weights.size() != groups.size()) {
    throw std::invalid_argument("group_weight_factor: one weight per group");
  }
  std::vector<double> factor(point_count, 1.0);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].share.size() != point_count) {
      throw std::invalid_argument("group_weight_factor: one share per demand point");
    }
    for (std::size_t i = 0; i < point_count; ++i) {
      const double share = groups[g].share[i];
      if (std::isfinite(share)) factor[i] += (weights[g] - 1.0) * share;
    }
  }
  return factor;
}

}  // namespace couverture
