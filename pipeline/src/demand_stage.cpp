#include "demand_stage.hpp"

#include "couverture/engine/age_structure.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/age_table_reader.hpp"
#include "couverture/io/population_grid_reader.hpp"
#include "couverture/io/residential_reader.hpp"
#include "groups_stage.hpp"

namespace couverture::pipeline {

namespace {

DistanceDecay e2sfca_decay(const AccessibilitySettings& settings) {
  const double catchment = settings.catchment_minutes;
  if (settings.decay == DecayKind::exponential) {
    return DistanceDecay::exponential(catchment, settings.exponential_beta_per_minute);
  }
  if (settings.decay == DecayKind::step) {
    if (settings.decay_steps.empty()) return DistanceDecay::luo_qi_steps(catchment);
    DistanceDecay decay = DistanceDecay::plain(catchment);
    decay.zones = settings.decay_steps;
    return decay;
  }
  return DistanceDecay::gaussian(catchment);
}

}  // namespace

void assign_scenario_age_bands(const Scenario& scenario, std::vector<Commune>& communes,
                               Progress& progress, std::vector<std::string>& warnings) {
  std::map<std::string, BandPopulation> ages;
  const auto& table = scenario.demand.age_table;
  if (table) {
    progress.stage("reading age bands from " + table->path.filename().string());
    ages = read_age_table(*table, warnings);
  }
  with_data_context({.file = (table ? table->path : scenario.file).string()}, [&] {
    assign_age_bands(communes, table ? &ages : nullptr, scenario.demand.band_shares, warnings);
  });
}

PopulationSources read_population_sources(const Scenario& scenario, Progress& progress,
                                          std::vector<std::string>& warnings) {
  const DemandSettings& demand = scenario.demand;
  PopulationSources sources;
  const bool any = demand.source == DemandSourceChoice::automatic;
  if (!demand.insee_grid.empty() && (any || demand.source == DemandSourceChoice::insee_grid)) {
    progress.stage("reading the population grid " + demand.insee_grid.filename().string());
    sources.grid_cells = read_population_grid(demand.insee_grid, demand.insee_grid_layer, warnings,
                                              grid_group_columns(scenario));
  }
  const std::filesystem::path pbf = osm_buildings_source(scenario);
  if (!pbf.empty() && (any || demand.source == DemandSourceChoice::buildings ||
                       demand.source == DemandSourceChoice::landuse)) {
    progress.stage("reading residential buildings and land use from " + pbf.filename().string());
    ResidentialPlaces places = read_residential_places(pbf, demand.min_building_m2, warnings);
    sources.buildings = std::move(places.buildings);
    sources.residential_areas = std::move(places.residential_areas);
  }
  return sources;
}

AccessibilityParameters accessibility_parameters(const Scenario& scenario) {
  AccessibilityParameters p;
  p.thresholds_minutes = scenario.analysis.thresholds_minutes;
  p.catchment_minutes = scenario.accessibility.catchment_minutes;
  p.e2sfca_decay = e2sfca_decay(scenario.accessibility);
  p.gravity_beta_per_minute = scenario.accessibility.gravity_beta_per_minute;
  p.tension_max_minutes = scenario.tension.max_minutes;
  p.tension_min_places_per_100 = scenario.tension.min_places_per_100;
  p.equity_measure = scenario.equity.measure;
  for (const auto& [type, settings] : scenario.services) p.targets[type] = settings.target;
  p.network = scenario.network.access;
  return p;
}

}  // namespace couverture::pipeline
