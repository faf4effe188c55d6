// couverture_bench_tool: the engine's side of the peer and end-to-end
// benchmark scripts (benchmarks/run-peers.sh, benchmarks/run-end-to-end.sh).
// Each subcommand prints one JSON object on stdout.
#include <charconv>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "edge_list.hpp"
#include "nearest_job.hpp"
#include "query_timing.hpp"
#include "territory_scenario.hpp"

namespace fs = std::filesystem;
using couverture::DataError;
// A wrong command line of this tool (the CLI's own UsageError lives in cli/).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  couverture_bench_tool export-graph PBF PROFILE OUT.csv\n"
    "  couverture_bench_tool time-queries GRAPH.csv LIMIT_MS REPEATS DISTANCE_DIR SOURCE...\n"
    "      (DISTANCE_DIR '-' writes no distances)\n"
    "  couverture_bench_tool make-territory ROAD_NODES SEED DIR [--isochrones]\n"
    "  couverture_bench_tool export-job SCENARIO.toml DIR\n";

template <typename T>
T parse_number(std::string_view text, const char* what) {
  T value{};
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw UsageError(std::string(what) + " must be a whole number, got '" + std::string(text) +
                     "'");
  }
  return value;
}

nlohmann::json export_graph(const std::vector<std::string>& args) {
  if (args.size() != 3) throw UsageError("export-graph takes PBF PROFILE OUT.csv");
  const auto profile = couverture::TravelProfile::by_name(args[1]);
  if (!profile) throw UsageError("unknown profile '" + args[1] + "' (car, walk, bike)");
  const couverture::RoadGraph roads = couverture::read_road_graph(args[0], *profile);
  couverture::bench::write_edge_list(roads.graph, args[2]);
  return {{"graph", args[2]},          {"source", roads.source_description},
          {"profile", args[1]},        {"nodes", roads.node_count()},
          {"arcs", roads.arc_count()}, {"weight_unit", "ms"}};
}

nlohmann::json time_queries(const std::vector<std::string>& args) {
  if (args.size() < 5) {
    throw UsageError("time-queries takes GRAPH.csv LIMIT_MS REPEATS DISTANCE_DIR SOURCE...");
  }
  const couverture::CsrGraph graph = couverture::bench::read_edge_list(args[0]);
  const auto limit = parse_number<couverture::Millis>(args[1], "LIMIT_MS");
  const int repeats = parse_number<int>(args[2], "REPEATS");
  const fs::path folder = args[3] == "-" ? fs::path() : fs::path(args[3]);
  if (!folder.empty()) fs::create_directories(folder);
  std::vector<couverture::NodeId> sources;
  for (std::size_t i = 4; i < args.size(); ++i) {
    sources.push_back(parse_number<couverture::NodeId>(args[i], "SOURCE"));
  }
  const auto timings = couverture::bench::time_queries(graph, sources, limit, repeats, folder);
  const auto rows = [](const std::vector<couverture::bench::QueryTiming>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : list) {
      out.push_back({{"source", t.source}, {"ms", t.best_ms}, {"settled", t.settled}});
    }
    return out;
  };
  return {{"nodes", graph.node_count()}, {"arcs", graph.arc_count()},
          {"limit_ms", limit},           {"repeats", repeats},
          {"full", rows(timings.full)},  {"bounded", rows(timings.bounded)}};
}

nlohmann::json make_territory(const std::vector<std::string>& args) {
  const bool isochrones = args.size() == 4 && args[3] == "--isochrones";
  if (args.size() != 3 && !isochrones) {
    throw UsageError("make-territory takes ROAD_NODES SEED DIR [--isochrones]");
  }
  const auto made = couverture::bench::make_territory_scenario(
      parse_number<std::size_t>(args[0], "ROAD_NODES"),
      parse_number<std::uint64_t>(args[1], "SEED"), args[2], isochrones);
  return {{"scenario", made.scenario_toml.string()},
          {"road_nodes", made.road_nodes},
          {"road_ways", made.road_ways},
          {"communes", made.communes},
          {"facilities", made.facilities},
          {"isochrones", isochrones}};
}

nlohmann::json export_job(const std::vector<std::string>& args) {
  if (args.size() != 2) throw UsageError("export-job takes SCENARIO.toml DIR");
  fs::create_directories(args[1]);
  const auto job = couverture::bench::export_nearest_job(args[0], args[1]);
  return {{"nodes", job.nodes},
          {"arcs", job.arcs},
          {"facilities", job.facilities},
          {"demand_points", job.demand_points},
          {"seeds", job.seeds},
          {"super_source", job.nodes - 1},
          {"ours_nearest_facility_seconds", job.ours_seconds}};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) throw UsageError("no subcommand");
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    nlohmann::json result;
    if (command == "export-graph") {
      result = export_graph(args);
    } else if (command == "time-queries") {
      result = time_queries(args);
    } else if (command == "make-territory") {
      result = make_territory(args);
    } else if (command == "export-job") {
      result = export_job(args);
    } else {
      throw UsageError("unknown subcommand '" + command + "'");
    }
    std::cout << result.dump(2) << '\n';
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "couverture_bench_tool: " << e.what() << '\n' << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "couverture_bench_tool: " << e.what() << '\n';
    return 1;
  }
}
