#include "couverture/pipeline/isochrone_stage.hpp"

#include "couverture/geodata/data_error.hpp"
#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

namespace {

IsochroneParameters isochrone_parameters(const Scenario& scenario) {
  IsochroneParameters parameters;
  parameters.thresholds_minutes = scenario.isochrones.thresholds_minutes.empty()
                                      ? scenario.analysis.thresholds_minutes
                                      : scenario.isochrones.thresholds_minutes;
  parameters.form = scenario.isochrones.form;
  parameters.per_facility = scenario.isochrones.per_facility;
  parameters.by_service = scenario.isochrones.by_service;
  parameters.network = scenario.network.access;
  parameters.cell_m = scenario.isochrones.cell_m;
  parameters.max_offroad_m = scenario.isochrones.max_offroad_m;
  return parameters;
}

}  // namespace

IsochroneOutcome compute_isochrones(const RunOutcome& outcome, Progress& progress) {
  const Scenario& scenario = outcome.scenario;
  IsochroneInputs inputs;
  inputs.roads = outcome.roads.get();
  inputs.communes = outcome.communes;
  inputs.facilities = outcome.facilities;
  inputs.facility_positions = outcome.coverage.facility_positions;
  inputs.demand = outcome.coverage.demand;
  inputs.demand_positions = outcome.coverage.demand_positions;
  inputs.services = outcome.coverage.services;
  inputs.crs = scenario.output.crs;
  try {
    return analyse_isochrones(inputs, isochrone_parameters(scenario),
                              [&progress](const std::string& stage) { progress.stage(stage); });
  } catch (const std::invalid_argument& error) {
    // Parameters the scenario gave (cell size, CRS, grid size): name them.
    throw DataError({.file = scenario.file.string(), .key = "[isochrones] / [output]"},
                    error.what());
  }
}

}  // namespace couverture::pipeline
