#pragma once

#include <nlohmann/json.hpp>

namespace couverture::pipeline {
struct RunOutcome;
}  // namespace couverture::pipeline

namespace couverture::cli {

using pipeline::RunOutcome;

// The taux de couverture global part of a run's summary: the places by kind
// and the global rates beside the EAJE ones (administrative and E2SFCA),
// labelled when the [supply] figures are illustrative, and what zones en
// tension follow; without [supply], that the rates count EAJE places only.
void print_supply_summary(const RunOutcome& outcome);
nlohmann::json supply_json(const RunOutcome& outcome);

}  // namespace couverture::cli
