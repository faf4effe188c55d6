#pragma once

#include "command.hpp"
#include "couverture/engine/scenario_comparison.hpp"

namespace couverture::pipeline {
struct RunOutcome;
}  // namespace couverture::pipeline

namespace couverture::cli {

using pipeline::RunOutcome;

// What a variant changes, service by service, in a few lines (English, then
// French), or as JSON with --json; nothing with -q.
void print_comparison_summary(const RunOutcome& baseline, const RunOutcome& variant,
                              const ScenarioComparison& comparison,
                              const std::filesystem::path& output, double seconds,
                              const GlobalOptions& global);

}  // namespace couverture::cli
