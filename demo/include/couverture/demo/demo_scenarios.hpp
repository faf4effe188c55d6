#pragma once

#include <filesystem>

#include "couverture/demo/demo_inputs.hpp"
#include "couverture/demo/synthetic_territory.hpp"

namespace couverture {

// The scenario files `couverture demo` writes beside its inputs, so that a
// planner can edit them and re-run them with `couverture run`, `compare`
// and `site`.
struct DemoScenarios {
  std::filesystem::path scenario;        // scenario.toml: coverage on the demo inputs
  std::filesystem::path without_eloyes;  // sans-eloyes.toml: variant before Éloyes (2021)
  std::filesystem::path site_eaje;       // site-eaje.toml: siting one 10-place micro-crèche
};

// Writes into `folder` (where `inputs` were written) scenario.toml, running
// the car profile and the whole childcare offer (the ILLUSTRATIVE
// supply-illustrative.csv figures) on `inputs` with its output at `output`,
// and its two variants sans-eloyes.toml and site-eaje.toml, whose outputs
// sit beside `output`. Paths inside are relative to `folder`, so the folder
// can be moved. Each file appears complete or not at all; existing files
// are refused unless `overwrite`. Throws DataError naming the file.
DemoScenarios write_demo_scenarios(const SyntheticTerritory& territory, const DemoInputs& inputs,
                                   const std::filesystem::path& folder,
                                   const std::filesystem::path& output, bool overwrite);

}  // namespace couverture
