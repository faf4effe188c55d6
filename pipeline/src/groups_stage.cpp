#include "groups_stage.hpp"

#include <cmath>
#include <limits>
#include <map>

#include "couverture/io/commune_table_reader.hpp"

namespace couverture::pipeline {

std::vector<std::string> grid_group_columns(const Scenario& scenario) {
  std::vector<std::string> columns;
  for (const GroupSource& group : scenario.demand.groups) {
    if (group.column.empty()) continue;
    if (columns.empty()) columns.emplace_back(kHouseholdsColumn);
    columns.push_back(group.column);
  }
  return columns;
}

std::vector<PriorityGroup> build_priority_groups(
    const Scenario& scenario, const std::vector<Commune>& communes, const CoverageResult& coverage,
    const PopulationSources& sources, Progress& progress, std::vector<std::string>& warnings) {
  std::vector<PriorityGroup> groups;
  std::size_t grid_column = 1;  // 0 is the households
  for (const GroupSource& source : scenario.demand.groups) {
    std::string label = source.label.empty() ? default_group_label(source.name) : source.label;
    if (!source.column.empty()) {
      groups.push_back(group_from_grid(source.name, std::move(label), coverage.demand,
                                       sources.grid_cells, grid_column++, 0));
    } else {
      progress.stage("reading the group " + source.name + " from " +
                     source.path.filename().string());
      const std::map<std::string, double> counts =
          read_commune_values({source.path, source.layer, source.code_field, source.count_field,
                               "demand.groups." + source.name},
                              warnings);
      std::vector<double> by_commune(communes.size(), std::numeric_limits<double>::quiet_NaN());
      for (std::size_t c = 0; c < communes.size(); ++c) {
        const auto found = counts.find(communes[c].code);
        if (found != counts.end()) by_commune[c] = found->second;
      }
      groups.push_back(group_from_communes(source.name, std::move(label), coverage.demand, communes,
                                           by_commune));
    }
    // Which communes the group knows nothing of (no grid there, no row).
    std::vector<std::uint8_t> unknown(communes.size(), 0);
    for (std::size_t i = 0; i < coverage.demand.size(); ++i) {
      if (!std::isfinite(groups.back().share[i])) unknown[coverage.demand[i].commune] = 1;
    }
    std::string names;
    for (std::size_t c = 0; c < communes.size(); ++c) {
      if (unknown[c])
        names += (names.empty() ? "" : ", ") + communes[c].code + " " + communes[c].name;
    }
    if (!names.empty()) {
      warnings.push_back(
          "[demand.groups] " + source.name + ": unknown in " + names +
          (source.column.empty() ? " (no row in the table)" : " (not placed by the INSEE grid)") +
          "; their people count in neither the group nor the others");
    }
  }
  return groups;
}

}  // namespace couverture::pipeline
