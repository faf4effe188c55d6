#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/service_accessibility.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/demand_point.hpp"
#include "couverture/geodata/population_sources.hpp"

namespace couverture {

// A priority group ([demand.groups]): households below the poverty line,
// single-parent families, large families, social housing (Filosofi's
// Men_pauv, Men_fmp, Men_5ind, Log_soc), or children with a disability
// allowance from a per-commune table.
struct PriorityGroup {
  std::string name;   // the scenario key, e.g. "poor_households"
  std::string label;  // French, plural: "familles sous le seuil de pauvreté"
  // Per demand point, the share of its people (of any service's target
  // population) taken to belong to the group, in [0, 1]; NaN where the
  // group is unknown (a point the grid did not place).
  std::vector<double> share;
  // Per demand point, the group's own count (households from the grid, or
  // people from a table), as published; NaN where unknown.
  std::vector<double> count;
};

// The French label of a well-known group name (poor_households,
// single_parent_families, large_families, social_housing), else the name.
std::string default_group_label(const std::string& name);

// From the grid: a point the grid placed takes its cell's count
// (cell.extra[column]) and the share count / households (cell.extra[
// households], clamped to [0, 1]; 0 when the cell has no household);
// other points are unknown (NaN).
PriorityGroup group_from_grid(std::string name, std::string label,
                              std::span<const DemandPoint> points,
                              std::span<const PopulationCell> cells, std::size_t column,
                              std::size_t households);

// From a per-commune count (NaN where the table has no row): spread like the
// population (count × point population / commune population, so each
// commune's points add up to its count), the share count / population
// (clamped to [0, 1]) on every point of the commune.
PriorityGroup group_from_communes(std::string name, std::string label,
                                  std::span<const DemandPoint> points,
                                  std::span<const Commune> communes,
                                  std::span<const double> count_by_commune);

// One service and one group against everyone else of the service's target
// population: each point's target population splits into share × target
// (the group) and (1 − share) × target (the others); points where the group
// is unknown count in neither.
struct GroupComparison {
  std::size_t service = 0;  // index into the services
  std::size_t group = 0;    // index into the groups
  double group_target = 0.0;
  double others_target = 0.0;
  double unknown_target = 0.0;  // target population where the group is unknown
  // Mean time to the nearest facility over the reachable (NaN when none).
  double group_mean_minutes = 0.0;
  double others_mean_minutes = 0.0;
  // Per threshold: share slower than it, or unreachable.
  std::vector<double> group_share_beyond;
  std::vector<double> others_share_beyond;
  // Target-weighted mean E2SFCA places per 100 (NaN without capacity), and
  // with the [supply] places (NaN without them).
  double group_e2sfca = 0.0;
  double others_e2sfca = 0.0;
  double group_global_e2sfca = 0.0;
  double others_global_e2sfca = 0.0;
  // Concentration index of the service's equity measure (its values per
  // point, target-weighted) by the point's share of the group, most
  // concentrated in the group first: below 0 the measure is concentrated
  // where the group is (for travel times: the group is farther).
  std::string measure;
  double concentration_index = 0.0;
};

// Every service × group comparison, services outer. `coverage` and
// `services` in the same order (analyse_accessibility's).
std::vector<GroupComparison> compare_priority_groups(std::span<const ServiceCoverage> coverage,
                                                     std::span<const ServiceAccessibility> services,
                                                     std::span<const PriorityGroup> groups,
                                                     std::span<const double> thresholds_minutes);

// A per-point weight factor for siting: 1 + Σ (weight_g − 1) × share_g (a
// member of a group weighing 2 counts twice); unknown shares count 0.
// `weights` by group index (1 = no change).
std::vector<double> group_weight_factor(std::span<const PriorityGroup> groups,
                                        std::span<const double> weights, std::size_t point_count);

}  // namespace couverture
