#pragma once

#include <string>
#include <vector>

#include "couverture/engine/service_accessibility.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/population_sources.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/progress.hpp"

namespace couverture::pipeline {

// Fills every commune's age bands: from the scenario's age table when given
// (read here), otherwise from its band shares.
void assign_scenario_age_bands(const Scenario& scenario, std::vector<Commune>& communes,
                               Progress& progress, std::vector<std::string>& warnings);

// Reads what the scenario's [demand] source needs: the INSEE grid, and the
// residential buildings and land use of its OSM extract (the network's PBF
// unless osm_buildings names another).
PopulationSources read_population_sources(const Scenario& scenario, Progress& progress,
                                          std::vector<std::string>& warnings);

// The engine's accessibility parameters from the scenario's [analysis],
// [network], [services], [accessibility], [tension] and [equity].
AccessibilityParameters accessibility_parameters(const Scenario& scenario);

}  // namespace couverture::pipeline
