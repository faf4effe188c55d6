// Loading a saved .cgraph against rebuilding the graph from the OSM PBF, on
// the shared Liechtenstein and Porto extracts (skipped when absent). The
// ratio of the two is the point: `network build` once, then reload.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "couverture/io/osm_road_reader.hpp"
#include "couverture/io/road_graph_file.hpp"

namespace {

namespace fs = std::filesystem;
using couverture::RoadGraph;

void build_from_pbf(benchmark::State& state, const fs::path& pbf) {
  for (auto _ : state) {
    RoadGraph graph = couverture::read_road_graph(pbf, couverture::TravelProfile::car());
    benchmark::DoNotOptimize(graph.graph.head.data());
    state.counters["nodes"] = static_cast<double>(graph.node_count());
  }
}

void load_saved(benchmark::State& state, const fs::path& pbf) {
  const fs::path saved =
      fs::temp_directory_path() / ("couverture-bench-" + pbf.stem().stem().string() + ".cgraph");
  couverture::save_road_graph(couverture::read_road_graph(pbf, couverture::TravelProfile::car()),
                              saved, true);
  for (auto _ : state) {
    RoadGraph graph = couverture::load_road_graph(saved);
    benchmark::DoNotOptimize(graph.graph.head.data());
  }
  fs::remove(saved);
}

const bool registered = [] {
  for (const char* name : {"liechtenstein", "porto"}) {
    const fs::path pbf =
        fs::path(COUVERTURE_SHARED_DATA) / "osm" / (std::string(name) + ".osm.pbf");
    if (!fs::exists(pbf)) continue;
    benchmark::RegisterBenchmark(("RoadGraph/build_from_pbf/" + std::string(name)).c_str(),
                                 build_from_pbf, pbf)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("RoadGraph/load_cgraph/" + std::string(name)).c_str(), load_saved,
                                 pbf)
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
