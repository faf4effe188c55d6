#pragma once

#include <vector>

#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

struct RunOutcome;

// Adds the issue-4 indicators to the `communes` layer (population by age
// band, demand source, and per service: target population, places, CAF
// administrative and travel-time coverage rates, gravity, target population
// beyond each threshold, zone en tension, Theil contributions).
void add_commune_accessibility_columns(const RunOutcome& outcome, OutputLayer& communes);

// Adds to the `demand_points` layer the population per age band and, per
// service, the target population, facilities and places within each
// threshold, gravity, 2SFCA and E2SFCA places per 100 and the tension flag.
// Counts below the privacy threshold are written NULL and the point is
// flagged `masked` (scenario [privacy]).
void add_demand_point_accessibility_columns(const RunOutcome& outcome, OutputLayer& points);

// `equity` (one row per service: Gini, Theil total/between/within,
// Atkinson 0.5/1/2, best-to-worst fifth, share beyond each threshold),
// `lorenz` (curve points for plotting) and `zones_en_tension` (the communes
// in tension, one feature per commune and service, styled).
std::vector<OutputLayer> build_equity_layers(const RunOutcome& outcome);

}  // namespace couverture::pipeline
