#pragma once

#include <filesystem>

#include "command.hpp"

namespace couverture::pipeline {
struct RunOutcome;
struct SitingOutcome;
}  // namespace couverture::pipeline

namespace couverture::cli {

using pipeline::RunOutcome;
using pipeline::SitingOutcome;

// The plain answer of `couverture site`, in English then French (or JSON
// with --json; nothing with -q): the solvers' result, the evaluated or
// chosen site's effect, its ranks and the best alternative.
void print_siting_summary(const SitingOutcome& outcome, const std::filesystem::path& output,
                          double seconds, const GlobalOptions& global);

}  // namespace couverture::cli
