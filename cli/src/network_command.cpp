#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/network_loader.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "couverture/io/output_preparation.hpp"
#include "couverture/io/road_graph_file.hpp"
#include "couverture/pipeline/network_summary.hpp"
#include "summary_printing.hpp"
#include "terminal_progress.hpp"
#include "usage_error.hpp"

namespace couverture::cli {

namespace {

namespace fs = std::filesystem;

struct BuildOptions {
  fs::path osm;
  std::string profile = "car";
  fs::path output;
  bool overwrite = false;
  fs::path dem;                     // optional elevation raster
  std::vector<std::string> speeds;  // CLASS=KMH
  std::vector<std::string> permit;  // access values
  std::vector<std::string> forbid;
};

// The options as the [network] table of a scenario would give them, so that
// both build the same graph. Throws UsageError for a malformed --speed.
NetworkSource network_source(const BuildOptions& options) {
  NetworkSource source;
  source.path = options.osm;
  source.profile = *travel_profile_kind_from(options.profile);
  source.dem = options.dem;
  for (const std::string& speed : options.speeds) {
    const std::size_t equals = speed.find('=');
    const std::string name = speed.substr(0, equals);
    std::size_t used = 0;
    double kmh = -1.0;
    try {
      if (equals != std::string::npos) kmh = std::stod(speed.substr(equals + 1), &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (equals == std::string::npos || used == 0 || used != speed.size() - equals - 1) {
      throw UsageError("--speed '" + speed + "' must be CLASS=KMH, e.g. --speed residential=20");
    }
    source.speeds_kmh[name] = kmh;
  }
  source.access_permit = options.permit;
  source.access_forbid = options.forbid;
  return source;
}

int build_network(const BuildOptions& options, const GlobalOptions& global) {
  const NetworkSource source = network_source(options);
  TravelProfile profile = TravelProfile::car();
  try {
    profile = network_profile(source);
  } catch (const DataError& error) {
    // Settings typed on the command line: a usage error, not a data one.
    throw UsageError(std::string(error.what()) + " (from --speed, --permit or --forbid)");
  }
  // Refuse before the minutes spent reading the extract, not after.
  std::error_code error;
  if (!options.dem.empty() && !fs::is_regular_file(options.dem, error)) {
    throw DataError(options.dem.string() + ": no such file; check --dem");
  }
  print_warnings(prepare_outputs({options.output}, {options.osm, options.dem}, options.overwrite),
                 global);
  TerminalProgress display(global.quiet || global.json);
  pipeline::Progress progress(&display);
  progress.stage("reading " + options.osm.filename().string());
  RoadGraph road = read_road_graph(options.osm, profile);
  std::vector<std::string> warnings;
  if (!options.dem.empty()) {
    progress.stage("slopes from " + options.dem.filename().string());
    apply_dem(road, options.dem, warnings);
  }
  progress.stage("writing " + options.output.filename().string());
  save_road_graph(road, options.output, options.overwrite);
  progress.finish();
  print_warnings(warnings, global);
  if (global.quiet) return 0;
  if (global.json) {
    nlohmann::json s = pipeline::network_summary_json(road, options.output);
    s["seconds"] = progress.total_seconds();
    s["warnings"] = warnings;
    std::cout << s.dump(2) << '\n';
  } else {
    pipeline::write_network_summary(road, options.output, stdout);
    std::printf("built in    %.1f s\n", progress.total_seconds());
  }
  return 0;
}

int show_network_info(const fs::path& file, const GlobalOptions& global) {
  const RoadGraph road = load_road_graph(file);
  if (global.quiet) return 0;
  if (global.json) {
    std::cout << pipeline::network_summary_json(road, file).dump(2) << '\n';
  } else {
    pipeline::write_network_summary(road, file, stdout);
  }
  return 0;
}

}  // namespace

void add_network_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  CLI::App* network = app.add_subcommand("network", "Build and inspect road graphs");
  network->require_subcommand(1);

  auto build_options = std::make_shared<BuildOptions>();
  CLI::App* build = network->add_subcommand(
      "build", "Build the road graph of a travel profile from an OSM extract");
  build->add_option("--osm", build_options->osm, "OSM extract (.osm.pbf, .osm, .osm.gz, .osm.bz2)")
      ->required();
  build->add_option("--profile", build_options->profile, "Travel profile")
      ->capture_default_str()
      ->check(CLI::IsMember(names_in(kTravelProfileNames)));
  build->add_option("-o,--output", build_options->output, "Graph file to write (.cgraph)")
      ->required();
  build->add_flag("--overwrite", build_options->overwrite, "Replace an existing output");
  build->add_option("--dem", build_options->dem,
                    "Elevation raster (SRTM .hgt/.hgt.zip, GeoTIFF...): slope-aware walk and "
                    "bike times; nothing changes for a car");
  build->add_option("--speed", build_options->speeds,
                    "CLASS=KMH replacing a road class speed, e.g. residential=20 (0 closes the "
                    "class); repeatable");
  build->add_option("--permit", build_options->permit,
                    "Access value to accept, e.g. private; repeatable");
  build->add_option("--forbid", build_options->forbid,
                    "Access value to treat as closed, e.g. destination; repeatable");
  build->callback([&global, &action, build_options] {
    action = [&global, build_options] { return build_network(*build_options, global); };
  });

  auto info_file = std::make_shared<fs::path>();
  CLI::App* info = network->add_subcommand("info", "Describe a road graph file");
  info->add_option("graph", *info_file, "Graph file (.cgraph)")->required();
  info->callback([&global, &action, info_file] {
    action = [&global, info_file] { return show_network_info(*info_file, global); };
  });
}

}  // namespace couverture::cli
