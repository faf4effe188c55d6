#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "command.hpp"
#include "couverture/io/scenario.hpp"

namespace couverture::cli {

// Every file a scenario reads: the scenario file and its baseline, the
// communes, facilities, network, elevation model, tables and candidates.
std::vector<std::filesystem::path> scenario_inputs(const Scenario& scenario);

// Checks each of a command's outputs before any work (check_output_path:
// exists without --overwrite, a folder, a missing or read-only folder, a name
// too long), and refuses one that is one of `inputs` (the same file under
// another name included), which --overwrite would replace by the result.
// Then removes the stale temporaries of killed runs from the outputs'
// folders; returns one warning per file removed.
std::vector<std::string> prepare_outputs(const std::vector<std::filesystem::path>& outputs,
                                         const std::vector<std::filesystem::path>& inputs,
                                         bool overwrite);

// Prints `warnings` to stderr, one "couverture: warning: " line each,
// unless --quiet: for commands without a summary of their own warnings.
void print_warnings(const std::vector<std::string>& warnings, const GlobalOptions& global);

}  // namespace couverture::cli
