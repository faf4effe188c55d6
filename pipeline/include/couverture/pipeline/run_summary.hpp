#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>

#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

// The short human summary of a run (`couverture run`, `isochrones`, `demo`):
// the network and population, each service's times and worst-served
// commune, the accessibility, supply and priority-group parts, the
// isochrones' checks and reach, and where it was written.
void write_run_summary(const RunOutcome& outcome, std::FILE* out);

// The same for --json, with every figure and the stages' timings.
[[nodiscard]] nlohmann::json run_summary_json(const RunOutcome& outcome);

}  // namespace couverture::pipeline
