#pragma once

#include <nlohmann/json.hpp>

namespace couverture::pipeline {
struct RunOutcome;
}  // namespace couverture::pipeline

namespace couverture::cli {

using pipeline::RunOutcome;

// The demand, coverage-rate, tension and equity part of a run's summary:
// printed as text on stdout, or as the `accessibility` member of --json.
void print_accessibility_summary(const RunOutcome& outcome);
nlohmann::json accessibility_json(const RunOutcome& outcome);

}  // namespace couverture::cli
