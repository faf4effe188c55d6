// Isochrone polygons: milliseconds per facility for 4 thresholds (5, 10, 15,
// 20 min, to_facility), on the Liechtenstein car graph (when
// ../shared/data is present) and on a synthetic territory of about 20 000
// road nodes written to PBF and read back like a real extract.
//
// Names: Isochrone/<graph>/serial (one facility per iteration, the calling
// thread), Isochrone/<graph>/sweep (the 16 facilities one after another on
// the calling thread, so that every run averages the same facilities;
// counter ms_per_facility divides the wall time) and
// Isochrone/<graph>/parallel (all 16 facilities per iteration on every
// core, oneTBB; counter ms_per_facility divides the wall time).
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "couverture/engine/isochrone_builder.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/synthetic_territory.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/osm_pbf_writer.hpp"
#include "couverture/io/osm_road_reader.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kFacilityCount = 16;

struct Setup {
  RoadGraph graph;
  std::vector<LonLat> points;
  std::vector<NetworkPosition> positions;
  std::unique_ptr<IsochroneBuilder> builder;
};

std::unique_ptr<Setup> make_setup(RoadGraph graph) {
  auto setup = std::make_unique<Setup>();
  setup->graph = std::move(graph);
  const NetworkSnapper snapper(setup->graph);
  for (std::size_t i = 0; i < kFacilityCount; ++i) {
    // Near nodes spread over the id range, 25 m off them.
    const LonLat node =
        setup->graph.node_position[(2 * i + 1) * setup->graph.node_count() / (2 * kFacilityCount)];
    setup->points.push_back({node.lon + 0.00024, node.lat + 0.00016});
    setup->positions.push_back(snapper.snap(setup->points.back()));
  }
  IsochroneParameters parameters;
  parameters.thresholds_minutes = {5, 10, 15, 20};
  setup->builder = std::make_unique<IsochroneBuilder>(setup->graph, parameters);
  return setup;
}

RoadGraph synthetic_graph() {
  const SyntheticTerritory territory = make_synthetic_territory(20'000, 11);
  const fs::path pbf = fs::temp_directory_path() / "couverture-bench-isochrone.osm.pbf";
  write_osm_pbf(pbf, territory.nodes, territory.ways);
  RoadGraph graph = read_road_graph(pbf, TravelProfile::car());
  fs::remove(pbf);
  return graph;
}

// Graphs are built on first use (not while benchmarks register: file
// readers register their formats during static initialisation too) and kept
// for the run.
const Setup& liechtenstein() {
  static const std::unique_ptr<Setup> setup = make_setup(read_road_graph(
      fs::path(COUVERTURE_SHARED_DATA) / "osm/liechtenstein.osm.pbf", TravelProfile::car()));
  return *setup;
}

const Setup& synthetic() {
  static const std::unique_ptr<Setup> setup = make_setup(synthetic_graph());
  return *setup;
}

using SetupOf = const Setup& (*)();

void serial(benchmark::State& state, SetupOf setup_of) {
  const Setup& setup = setup_of();
  std::size_t next = 0;
  for (auto _ : state) {
    const std::size_t i = next++ % kFacilityCount;
    const auto result = setup.builder->build({&setup.points[i], 1}, {&setup.positions[i], 1});
    benchmark::DoNotOptimize(result.data());
  }
  state.counters["nodes"] = static_cast<double>(setup.graph.node_count());
}

void sweep(benchmark::State& state, SetupOf setup_of) {
  const Setup& setup = setup_of();
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < kFacilityCount; ++i) {
      const auto result = setup.builder->build({&setup.points[i], 1}, {&setup.positions[i], 1});
      benchmark::DoNotOptimize(result.data());
    }
    const std::chrono::duration<double, std::milli> wall = std::chrono::steady_clock::now() - start;
    state.counters["ms_per_facility"] = wall.count() / kFacilityCount;
  }
}

void parallel(benchmark::State& state, SetupOf setup_of) {
  const Setup& setup = setup_of();
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const auto result = setup.builder->build(setup.points, setup.positions);
    benchmark::DoNotOptimize(result.data());
    const std::chrono::duration<double, std::milli> wall = std::chrono::steady_clock::now() - start;
    state.counters["ms_per_facility"] = wall.count() / kFacilityCount;
  }
}

void register_graph(const std::string& name, SetupOf setup_of) {
  benchmark::RegisterBenchmark(("Isochrone/" + name + "/serial").c_str(), serial, setup_of)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("Isochrone/" + name + "/sweep").c_str(), sweep, setup_of)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1);
  benchmark::RegisterBenchmark(("Isochrone/" + name + "/parallel").c_str(), parallel, setup_of)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

const bool registered = [] {
  if (fs::exists(fs::path(COUVERTURE_SHARED_DATA) / "osm/liechtenstein.osm.pbf")) {
    register_graph("liechtenstein_car", liechtenstein);
  }
  register_graph("synthetic_20k", synthetic);
  return true;
}();

}  // namespace
}  // namespace couverture
