#pragma once

#include "command.hpp"
#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::cli {

using pipeline::RunOutcome;

// The short human summary of a run on stdout (or JSON with --json; nothing
// with -q). Warnings go to stderr unless quiet.
void print_run_summary(const RunOutcome& outcome, const GlobalOptions& global);

}  // namespace couverture::cli
