#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/priority_groups.hpp"
#include "couverture/engine/service_accessibility.hpp"
#include "couverture/io/scenario.hpp"
#include "isochrone_stage.hpp"
#include "progress.hpp"

namespace couverture::cli {

// Everything a finished run knows, for the summary (text or JSON).
struct RunOutcome {
  Scenario scenario;
  std::filesystem::path output;
  std::vector<Commune> communes;
  std::vector<Facility> facilities;
  std::shared_ptr<const RoadGraph> network;  // as loaded, before the scenario's road changes
  RoadGraph roads;                           // what the run travels: the changes applied
  std::shared_ptr<const PopulationSources> population_sources;
  CoverageResult coverage;
  std::vector<DemandSource> demand_sources;         // by commune
  std::vector<ServiceAccessibility> accessibility;  // by service, as coverage.services
  std::vector<PriorityGroup> groups;                // [demand.groups], per demand point
  std::vector<GroupComparison> group_comparisons;   // each service × group
  IsochroneOutcome isochrones;
  std::vector<std::string> warnings;
  std::vector<std::pair<std::string, double>> timings;
  double total_seconds = 0.0;
};

// What a run computes and writes: `coverage` is everything the scenario asks
// for (travel times, accessibility and equity, and isochrones unless
// [isochrones] enabled = false); `isochrones` is the facilities and their
// isochrones only; `indicators` is coverage without isochrones (compare,
// site).
enum class RunKind { coverage, isochrones, indicators };

// Reads the scenario's inputs, applies its [changes] and computes what
// `kind` asks, writing nothing. With `reuse`, the road network and the
// population sources `reuse` loaded are shared when the scenario reads the
// same ones (a variant against its baseline).
RunOutcome analyse_scenario(const Scenario& scenario, Progress& progress, RunKind kind,
                            const RunOutcome* reuse = nullptr);

// Reads the scenario's inputs, runs the analysis and writes the GeoPackage
// (atomically) to `output`.
RunOutcome run_scenario(const Scenario& scenario, const std::filesystem::path& output,
                        bool overwrite, Progress& progress, RunKind kind = RunKind::coverage);

}  // namespace couverture::cli
