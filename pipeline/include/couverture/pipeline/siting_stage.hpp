#pragma once

#include <optional>
#include <string>
#include <vector>

#include "couverture/engine/scenario_comparison.hpp"
#include "couverture/engine/site_planning.hpp"
#include "couverture/pipeline/progress.hpp"
#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

// Everything `couverture site` knows once it has run: the baseline, the
// plan over the candidates, the site whose effect is shown (the evaluated
// one, else the chosen set) and the run with it, compared with the baseline.
struct SitingOutcome {
  RunOutcome baseline;
  SitePlan plan;
  std::optional<SiteEvaluation> evaluation;  // with --evaluate
  std::vector<std::uint32_t> shown_sites;    // candidate indices whose effect is shown
  RunOutcome with_sites;
  ScenarioComparison comparison;
};

// Runs the scenario's [siting]: candidates (its file, or generated), the
// plan for its objective, and the scenario re-run with the chosen sites (or
// with `evaluate`: a candidate's id, name or commune name, or "lon,lat").
SitingOutcome run_siting(const Scenario& scenario, const std::string& evaluate, Progress& progress);

}  // namespace couverture::pipeline
