#pragma once

#include <vector>

#include "couverture/engine/scenario_comparison.hpp"
#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

struct RunOutcome;

// The GeoPackage content of `couverture compare`: `communes_diff` (per
// commune and service, variant − baseline of every indicator, styled in
// diverging colours), `demand_points_diff` (per point, when both runs share
// their demand points), `equity_diff` (each index before, after and its
// change), `facilities_diff` (every facility of either run, marked added,
// removed, capacity changed or unchanged) and `run_info`.
std::vector<OutputLayer> build_comparison_layers(const RunOutcome& baseline,
                                                 const RunOutcome& variant,
                                                 const ScenarioComparison& comparison);

}  // namespace couverture::pipeline
