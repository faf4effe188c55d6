#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/priority_groups.hpp"
#include "couverture/engine/service_accessibility.hpp"
#include "couverture/io/output_layer.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/isochrone_stage.hpp"
#include "couverture/pipeline/progress.hpp"

namespace couverture::pipeline {

// Everything a finished run knows, for the summary (text or JSON).
struct RunOutcome {
  Scenario scenario;
  std::filesystem::path output;
  std::vector<Commune> communes;
  std::vector<Facility> facilities;
  std::shared_ptr<const RoadGraph> network;  // as loaded, before the scenario's road changes
  // What the run travels: the changes applied; `network` itself (shared,
  // not copied) when the scenario changes no road.
  std::shared_ptr<const RoadGraph> roads;
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

// Whether `kind` draws isochrones for this scenario (they add raster
// surfaces and a style file beside the GeoPackage).
bool draws_isochrones(const Scenario& scenario, RunKind kind);

// The tables and rasters of a finished run, in the order they are written.
struct RunTables {
  std::vector<OutputLayer> layers;
  std::vector<OutputRaster> rasters;
};
RunTables build_run_tables(const RunOutcome& outcome, RunKind kind);

}  // namespace couverture::pipeline
