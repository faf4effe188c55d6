#include "couverture/pipeline/comparison_run.hpp"

#include "couverture/geodata/data_error.hpp"

namespace couverture::pipeline {

namespace {

// Differences are taken commune by commune in file order: both runs must
// read the same communes, in the same order.
void check_same_communes(const RunOutcome& baseline, const RunOutcome& variant) {
  bool same = baseline.communes.size() == variant.communes.size();
  for (std::size_t c = 0; same && c < baseline.communes.size(); ++c) {
    same = baseline.communes[c].code == variant.communes[c].code;
  }
  if (!same) {
    throw DataError(variant.scenario.file.string() + ": its communes (" +
                    variant.scenario.communes.path.string() + ", " +
                    std::to_string(variant.communes.size()) + ") are not those of the baseline (" +
                    baseline.scenario.communes.path.string() + ", " +
                    std::to_string(baseline.communes.size()) +
                    "), code for code: compare scenarios of one territory");
  }
}

}  // namespace

ComparisonOutcome run_comparison(const Scenario& baseline, const Scenario& variant,
                                 Progress& progress) {
  ComparisonOutcome outcome;
  outcome.baseline = analyse_scenario(baseline, progress, RunKind::indicators);
  outcome.variant = analyse_scenario(variant, progress, RunKind::indicators, &outcome.baseline);
  progress.stage("comparing the two runs");
  check_same_communes(outcome.baseline, outcome.variant);
  outcome.comparison = compare_outcomes(outcome.baseline, outcome.variant);
  return outcome;
}

ScenarioComparison compare_outcomes(const RunOutcome& baseline, const RunOutcome& variant) {
  return compare_runs(
      {baseline.coverage, baseline.accessibility, baseline.scenario.analysis.thresholds_minutes},
      {variant.coverage, variant.accessibility, variant.scenario.analysis.thresholds_minutes});
}

}  // namespace couverture::pipeline
