#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>

#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

// The demand, coverage-rate, tension and equity part of a run's summary
// (then its supply and priority-group parts): as text, or as the
// `accessibility` member of the JSON summary. Nothing without accessibility.
void write_accessibility_summary(const RunOutcome& outcome, std::FILE* out);
nlohmann::json accessibility_json(const RunOutcome& outcome);

}  // namespace couverture::pipeline
