#include "couverture/io/scenario_inputs.hpp"

namespace couverture {

namespace fs = std::filesystem;

std::vector<fs::path> scenario_inputs(const Scenario& scenario) {
  std::vector<fs::path> inputs = {scenario.file,
                                  scenario.baseline,
                                  scenario.communes.path,
                                  scenario.facilities.path,
                                  scenario.network.path,
                                  scenario.network.dem,
                                  scenario.demand.insee_grid,
                                  scenario.demand.osm_buildings};
  if (scenario.communes.population_table)
    inputs.push_back(scenario.communes.population_table->path);
  if (scenario.demand.age_table) inputs.push_back(scenario.demand.age_table->path);
  for (const GroupSource& group : scenario.demand.groups) inputs.push_back(group.path);
  if (scenario.supply) {
    for (const auto& table : scenario.supply->tables) {
      if (table) inputs.push_back(table->path);
    }
  }
  if (scenario.siting.candidates) inputs.push_back(scenario.siting.candidates->path);
  std::erase_if(inputs, [](const fs::path& path) { return path.empty(); });
  return inputs;
}

}  // namespace couverture
