#pragma once

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "couverture/pipeline/siting_stage.hpp"

namespace couverture::pipeline {

// The plain answer of `couverture site`, in English then French: the
// solvers' result, the evaluated or chosen site's effect ("A micro-crèche of
// 10 places at Éloyes would bring N more children aged 0-2 within T
// minutes; …"), its ranks and the best alternative, and the output written
// in `seconds`.
void write_siting_summary(const SitingOutcome& outcome, const std::filesystem::path& output,
                          double seconds, std::FILE* out);

// The same for --json.
[[nodiscard]] nlohmann::json siting_summary_json(const SitingOutcome& outcome,
                                                 const std::filesystem::path& output,
                                                 double seconds);

}  // namespace couverture::pipeline
