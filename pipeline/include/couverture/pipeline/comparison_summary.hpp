#pragma once

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "couverture/pipeline/comparison_run.hpp"

namespace couverture::pipeline {

// What a variant changes, service by service, in a few lines (English, then
// French: mean time before and after, Gini, E2SFCA, who gains and who loses
// more than 30 s, communes en tension), and the output written in
// `seconds`.
void write_comparison_summary(const ComparisonOutcome& run, const std::filesystem::path& output,
                              double seconds, std::FILE* out);

// The same for --json.
[[nodiscard]] nlohmann::json comparison_summary_json(const ComparisonOutcome& run,
                                                     const std::filesystem::path& output,
                                                     double seconds);

}  // namespace couverture::pipeline
