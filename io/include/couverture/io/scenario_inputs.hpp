#pragma once

#include <filesystem>
#include <vector>

#include "couverture/io/scenario.hpp"

namespace couverture {

// Every file a scenario reads: the scenario file and its baseline, the
// communes, facilities, network, elevation model, population sources,
// tables and candidates (the paths it leaves empty omitted).
std::vector<std::filesystem::path> scenario_inputs(const Scenario& scenario);

}  // namespace couverture
