#pragma once

#include "couverture/engine/scenario_comparison.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/progress.hpp"
#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

// Two runs of one territory and their differences, variant minus baseline.
struct ComparisonOutcome {
  RunOutcome baseline;
  RunOutcome variant;
  ScenarioComparison comparison;
};

// Variant minus baseline, commune by commune, each run with its own
// thresholds. The runs are those of one territory (check_same_communes).
ScenarioComparison compare_outcomes(const RunOutcome& baseline, const RunOutcome& variant);

// Runs both scenarios' indicators (the variant reusing the baseline's road
// network and population sources when it reads the same ones) and compares
// them commune by commune. Throws DataError when they are not the same
// communes, code for code.
ComparisonOutcome run_comparison(const Scenario& baseline, const Scenario& variant,
                                 Progress& progress);

}  // namespace couverture::pipeline
