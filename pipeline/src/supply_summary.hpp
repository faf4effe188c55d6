#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>

#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

// The taux de couverture global part of a run's summary: the places by kind
// and the global rates beside the EAJE ones (administrative and E2SFCA),
// labelled when the [supply] figures are illustrative, and what zones en
// tension follow; without [supply], that the rates count EAJE places only.
void write_supply_summary(const RunOutcome& outcome, std::FILE* out);
nlohmann::json supply_json(const RunOutcome& outcome);

}  // namespace couverture::pipeline
