#include "scenario_runner.hpp"

#include <map>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"
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
  // read_scenario has checked that the profile exists.
  const std::optional<TravelProfile> profile = TravelProfile::by_name(network.profile);
  return read_road_graph(network.path, *profile);
}

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

RunOutcome run_scenario(const Scenario& scenario, const std::filesystem::path& output,
                        bool overwrite, Progress& progress) {
  RunOutcome outcome;
  outcome.scenario = scenario;
  outcome.output = output;
  // Fail on an existing output or a missing folder before the long work.
  check_output_path(output, overwrite);

  progress.stage("reading communes from " + scenario.communes.path.filename().string());
  outcome.communes = read_communes(scenario.communes, outcome.warnings);
  progress.stage("reading facilities from " + scenario.facilities.path.filename().string());
  outcome.facilities = read_facilities(scenario.facilities, outcome.warnings);
  check_service_columns(outcome.facilities, scenario.facilities.path);
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

  // run_info records the stages up to here; it cannot time its own writing.
  outcome.timings = progress.finish();
  outcome.total_seconds = progress.total_seconds();
  progress.stage("writing " + output.filename().string());
  const std::vector<OutputLayer> layers = build_coverage_layers(outcome);
  write_geopackage(output, layers, scenario.output.crs, overwrite);
  progress.finish();
  outcome.total_seconds = progress.total_seconds();
  return outcome;
}

}  // namespace couverture::cli
