#pragma once

#include <string>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/priority_groups.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/population_sources.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/progress.hpp"

namespace couverture::pipeline {

// Filosofi's count of households, the base of every grid group's share.
inline constexpr const char* kHouseholdsColumn = "Men";

// The grid columns [demand.groups] needs, households first; empty when no
// group reads the grid. read_population_sources asks the grid for them.
std::vector<std::string> grid_group_columns(const Scenario& scenario);

// The scenario's priority groups on the run's demand points: grid groups
// from the cells' extra columns (as grid_group_columns ordered them),
// table groups read here and spread like the population. Communes a group
// knows nothing of are reported in `warnings`.
std::vector<PriorityGroup> build_priority_groups(
    const Scenario& scenario, const std::vector<Commune>& communes, const CoverageResult& coverage,
    const PopulationSources& sources, Progress& progress, std::vector<std::string>& warnings);

}  // namespace couverture::pipeline
