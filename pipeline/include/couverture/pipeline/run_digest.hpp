#pragma once

#include <string>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/isochrone_analysis.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

// The few figures a run's summary quotes beyond the engine's results.

// The accessibility of `service_type` in a run (spellings of one type
// match), or null.
const ServiceAccessibility* find_accessibility(const RunOutcome& run,
                                               const std::string& service_type);

// The communes' population.
double total_population(const std::vector<Commune>& communes);

// The commune with the highest population-weighted mean time, a commune
// with unreachable population counting as the worst of all; communes
// without population are skipped (0 when every commune is empty).
std::size_t worst_commune(const ServiceCoverage& service);

// Per service type and threshold: the population inside its isochrone and
// the population within that travel time (bands as they are, rings added
// up from the first).
struct ServiceReach {
  std::string service_type;
  std::vector<double> inside;
  std::vector<double> within;
};
std::vector<ServiceReach> service_reach(const IsochroneOutcome& isochrones);

}  // namespace couverture::pipeline
