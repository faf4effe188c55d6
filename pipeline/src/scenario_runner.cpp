#include "couverture/pipeline/scenario_runner.hpp"

#include <map>
#include <set>
#include <stdexcept>

#include "accessibility_layers.hpp"
#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/scenario_changes.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/network_loader.hpp"
#include "couverture/pipeline/column_budget.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/isochrone_layers.hpp"
#include "demand_stage.hpp"
#include "groups_stage.hpp"
#include "network_coverage_check.hpp"
#include "supply_stage.hpp"

namespace couverture::pipeline {

namespace {

// Two spellings of one service ("EAJE", "eaje") would collide as column
// names in the output: say so now, naming the file, before any work.
void check_service_columns(const std::vector<Facility>& facilities,
                           const std::filesystem::path& path) {
  std::map<std::string, std::string> type_of_column;
  for (const Facility& facility : facilities) {
    const std::string column = service_column(facility.service_type);
    const auto [it, inserted] = type_of_column.emplace(column, facility.service_type);
    if (!inserted && it->second != facility.service_type) {
      throw DataError(path.string() + ": service types '" + it->second + "' and '" +
                      facility.service_type +
                      "' differ only in case or punctuation; spell them "
                      "the same (facility '" +
                      facility.id + "')");
    }
  }
}

}  // namespace

namespace {

bool same_network(const NetworkSource& a, const NetworkSource& b) {
  return a.path == b.path && a.profile == b.profile && a.dem == b.dem &&
         a.speeds_kmh == b.speeds_kmh && a.access_permit == b.access_permit &&
         a.access_forbid == b.access_forbid;
}

bool same_population_sources(const Scenario& a, const Scenario& b) {
  return a.demand.source == b.demand.source && a.demand.insee_grid == b.demand.insee_grid &&
         grid_group_columns(a) == grid_group_columns(b) &&
         a.demand.insee_grid_layer == b.demand.insee_grid_layer &&
         osm_buildings_source(a) == osm_buildings_source(b) &&
         a.demand.min_building_m2 == b.demand.min_building_m2;
}

}  // namespace

namespace {

// The communes (with their age bands) and the facilities (with the
// scenario's changes), checked for colliding service columns and the
// output's column budget.
void read_places(RunOutcome& outcome, Progress& progress, RunKind kind) {
  const Scenario& scenario = outcome.scenario;
  progress.stage("reading communes from " + scenario.communes.path.filename().string());
  outcome.communes = read_communes(scenario.communes, outcome.warnings);
  assign_scenario_age_bands(scenario, outcome.communes, progress, outcome.warnings);
  progress.stage("reading facilities from " + scenario.facilities.path.filename().string());
  outcome.facilities = read_facilities(scenario.facilities, outcome.warnings);
  if (!scenario.changes.empty()) {
    outcome.facilities = with_data_context(
        {.file = scenario.file.string(), .key = "[changes]"},
        [&] { return apply_facility_changes(outcome.facilities, scenario.changes); });
  }
  check_service_columns(outcome.facilities, scenario.facilities.path);
  {
    std::set<std::string> types;
    for (const Facility& facility : outcome.facilities) types.insert(facility.service_type);
    check_column_budget(scenario, types.size(), kind != RunKind::isochrones);
  }
}

// The road network (the baseline's when a variant reads the same one),
// checked against the communes, and the scenario's road changes.
void load_roads(RunOutcome& outcome, Progress& progress, const RunOutcome* reuse) {
  const Scenario& scenario = outcome.scenario;
  if (reuse != nullptr && reuse->network &&
      same_network(reuse->scenario.network, scenario.network)) {
    outcome.network = reuse->network;
  } else {
    progress.stage("loading the road network from " + scenario.network.path.filename().string());
    outcome.network =
        std::make_shared<const RoadGraph>(load_network(scenario.network, outcome.warnings));
  }
  check_network_covers_communes(*outcome.network, outcome.communes, scenario);
  if (scenario.changes.changes_roads()) {
    progress.stage("applying the road changes");
    if (!scenario.changes.way_speeds.empty() &&
        (!scenario.network.dem.empty() || outcome.network->slope_aware)) {
      outcome.warnings.push_back(
          scenario.file.string() +
          ": [changes] road_speed sets flat speeds: the slopes of the elevation model no longer "
          "apply on those ways");
    }
    outcome.roads = with_data_context({.file = scenario.file.string(), .key = "[changes]"}, [&] {
      return std::make_shared<const RoadGraph>(
          apply_road_changes(*outcome.network, scenario.changes, outcome.warnings));
    });
  } else {
    outcome.roads = outcome.network;
  }
}

// Where people live (the baseline's sources when they are the same).
void load_population_sources(RunOutcome& outcome, Progress& progress, const RunOutcome* reuse) {
  const Scenario& scenario = outcome.scenario;
  if (reuse != nullptr && reuse->population_sources &&
      same_population_sources(reuse->scenario, scenario)) {
    outcome.population_sources = reuse->population_sources;
  } else {
    outcome.population_sources = std::make_shared<const PopulationSources>(
        read_population_sources(scenario, progress, outcome.warnings));
  }
}

// Demand points, snapping and nearest-facility times; the communes take
// the grid's age bands where it knew them better.
void measure_coverage(RunOutcome& outcome, Progress& progress) {
  const Scenario& scenario = outcome.scenario;
  CoverageParameters parameters;
  parameters.thresholds_minutes = scenario.analysis.thresholds_minutes;
  parameters.network = scenario.network.access;
  parameters.demand_spacing_m = scenario.analysis.demand_spacing_m;
  parameters.demand_source = scenario.demand.source;
  parameters.building_cell_m = scenario.demand.building_cell_m;
  try {
    // The engine knows records, not files: name the facilities file here.
    outcome.coverage = with_data_context({.file = scenario.facilities.path.string()}, [&] {
      return analyse_coverage(*outcome.roads, outcome.communes, outcome.facilities,
                              *outcome.population_sources, parameters,
                              [&progress](const std::string& stage) { progress.stage(stage); });
    });
  } catch (const std::invalid_argument& error) {
    // Bad parameters the reader let through (a library caller's, or a limit
    // only the communes' extent shows): name the scenario's keys.
    throw DataError(
        {.file = scenario.file.string(), .key = "[analysis] thresholds_minutes / demand_spacing_m"},
        error.what());
  }
  outcome.warnings.insert(outcome.warnings.end(), outcome.coverage.warnings.begin(),
                          outcome.coverage.warnings.end());
  outcome.demand_sources = outcome.coverage.demand_source_by_commune;
  // The grid knew these communes' ages better than the national shares.
  for (std::uint32_t c : outcome.coverage.communes_aged_by_grid) {
    outcome.communes[c].population_by_band = outcome.coverage.bands_by_commune[c];
    outcome.communes[c].bands_estimated = false;
  }
}

// Accessibility, coverage rates, equity and priority groups.
void measure_accessibility(RunOutcome& outcome, Progress& progress) {
  const Scenario& scenario = outcome.scenario;
  AccessibilityParameters access = accessibility_parameters(scenario);
  access.supply = read_childcare_supply(scenario, outcome.communes, progress, outcome.warnings);
  progress.stage("accessibility, coverage rates and equity");
  outcome.accessibility = analyse_accessibility(*outcome.roads, outcome.communes,
                                                outcome.facilities, outcome.coverage, access);
  check_supply_used(scenario, outcome.accessibility, outcome.warnings);
  if (!scenario.demand.groups.empty()) {
    outcome.groups = build_priority_groups(scenario, outcome.communes, outcome.coverage,
                                           *outcome.population_sources, progress, outcome.warnings);
    outcome.group_comparisons =
        compare_priority_groups(outcome.coverage.services, outcome.accessibility, outcome.groups,
                                scenario.analysis.thresholds_minutes);
  }
}

}  // namespace

RunOutcome analyse_scenario(const Scenario& scenario, Progress& progress, RunKind kind,
                            const RunOutcome* reuse) {
  RunOutcome outcome;
  outcome.scenario = scenario;
  read_places(outcome, progress, kind);
  load_roads(outcome, progress, reuse);
  load_population_sources(outcome, progress, reuse);
  measure_coverage(outcome, progress);
  if (kind != RunKind::isochrones) measure_accessibility(outcome, progress);
  if (draws_isochrones(scenario, kind)) {
    outcome.isochrones = compute_isochrones(outcome, progress);
  }
  return outcome;
}

bool draws_isochrones(const Scenario& scenario, RunKind kind) {
  return kind == RunKind::isochrones || (kind == RunKind::coverage && scenario.isochrones.enabled);
}

RunTables build_run_tables(const RunOutcome& outcome, RunKind kind) {
  RunTables tables;
  tables.layers =
      kind == RunKind::coverage ? build_coverage_layers(outcome) : build_facility_layers(outcome);
  for (OutputLayer& layer : build_isochrone_layers(outcome))
    tables.layers.push_back(std::move(layer));
  for (OutputLayer& layer : build_equity_layers(outcome)) tables.layers.push_back(std::move(layer));
  tables.rasters = build_surface_rasters(outcome);
  return tables;
}

}  // namespace couverture::pipeline
