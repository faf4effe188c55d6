#pragma once

#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command.hpp"

namespace couverture::cli {

// Prints `warnings` to stderr, one "couverture: warning: " line each,
// unless --quiet.
void print_warnings(const std::vector<std::string>& warnings, const GlobalOptions& global);

// Prints a command's warnings, then its summary on stdout: the JSON with
// --json (even with -q), else the text unless -q. The pipeline words both.
void print_summary(const std::vector<std::string>& warnings, const GlobalOptions& global,
                   const std::function<nlohmann::json()>& json,
                   const std::function<void(std::FILE*)>& text);

}  // namespace couverture::cli
