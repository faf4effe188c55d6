#include "scenario_runner.hpp"

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/geopackage_writer.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "couverture/io/road_graph_file.hpp"
#include "coverage_layers.hpp"

namespace couverture::cli {

namespace {

RoadGraph load_network(const NetworkSource& network) {
  if (network.path.extension() == ".cgraph") {
    RoadGraph roads = load_road_graph(network.path);
    if (roads.profile != network.profile) {
      throw DataError(network.path.string() + ": this graph was built for the '" + roads.profile +
                      "' profile but the scenario asks for '" + network.profile +
                      "'; rebuild it with `couverture network build --profile " + network.profile +
                      "`");
    }
    return roads;
  }
  const std::optional<TravelProfile> profile = TravelProfile::by_name(network.profile);
  if (!profile) {
    std::string known;
    for (const std::string& name : TravelProfile::names())
      known += (known.empty() ? "" : ", ") + name;
    throw DataError("network.profile '" + network.profile +
                    "' is not a known profile; use one of: " + known);
  }
  return read_road_graph(network.path, *profile);
}

}  // namespace

RunOutcome run_scenario(const Scenario& scenario, const std::filesystem::path& output,
                        bool overwrite, Progress& progress) {
  RunOutcome outcome;
  outcome.scenario = scenario;
  outcome.output = output;
  // Fail on an existing output before the long work, not after it.
  if (!overwrite && std::filesystem::exists(output)) {
    throw DataError(output.string() +
                    ": output exists; pass --overwrite to replace it, or choose another path");
  }

  progress.stage("reading communes from " + scenario.communes.path.filename().string());
  outcome.communes = read_communes(scenario.communes, outcome.warnings);
  progress.stage("reading facilities from " + scenario.facilities.path.filename().string());
  outcome.facilities = read_facilities(scenario.facilities, outcome.warnings);
  progress.stage("loading the road network from " + scenario.network.path.filename().string());
  outcome.roads = load_network(scenario.network);

  CoverageParameters parameters;
  parameters.thresholds_minutes = scenario.analysis.thresholds_minutes;
  parameters.access_speed_kmh = scenario.network.access_speed_kmh;
  parameters.max_snap_distance_m = scenario.network.max_snap_distance_m;
  parameters.demand_spacing_m = scenario.analysis.demand_spacing_m;
  try {
    outcome.coverage =
        analyse_coverage(outcome.roads, outcome.communes, outcome.facilities, parameters,
                         [&progress](const std::string& stage) { progress.stage(stage); });
  } catch (const DataError& error) {
    // The engine knows records, not files: name the facilities file here.
    throw DataError(scenario.facilities.path.string() + ": " + error.what());
  }
  outcome.warnings.insert(outcome.warnings.end(), outcome.coverage.warnings.begin(),
                          outcome.coverage.warnings.end());

  progress.stage("writing " + output.filename().string());
  outcome.timings = progress.finish();
  outcome.total_seconds = progress.total_seconds();
  const std::vector<OutputLayer> layers = build_coverage_layers(outcome);
  write_geopackage(output, layers, scenario.output.crs, overwrite);
  outcome.total_seconds = progress.total_seconds();
  return outcome;
}

}  // namespace couverture::cli
