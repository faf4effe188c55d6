#pragma once

#include <cstdint>
#include <limits>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/engine/scenario_comparison.hpp"
#include "couverture/engine/service_accessibility.hpp"
#include "couverture/geodata/age_band.hpp"
#include "couverture/pipeline/siting_stage.hpp"

namespace couverture::pipeline {

// The numbers of the sentence `couverture site` answers with: "<the site>
// would bring N more <target> within T minutes; …; best alternative: …".
struct SitingAnswer {
  // The first candidate whose effect is shown (the evaluated one, else the
  // first chosen), or kInvalidId.
  std::uint32_t shown = kInvalidId;
  // Target population newly within the siting's coverage minutes with every
  // shown site, net of any no longer within: from the full re-run when T is
  // one of the thresholds, else the single site's covering gain.
  double newly_within = std::numeric_limits<double>::quiet_NaN();
  // For the evaluated site, the best other candidate of the plan's
  // objective; otherwise the runner-up (rank 2); kInvalidId when none.
  std::uint32_t alternative = kInvalidId;
  // The service's comparison with the baseline, or null.
  const ServiceComparison* change = nullptr;
  AgeBandSet target;  // the service's public
};

SitingAnswer siting_answer(const SitingOutcome& outcome);

}  // namespace couverture::pipeline
