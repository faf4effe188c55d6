// How the synthetic territory generator (used for scale benchmarks) grows
// with the number of road nodes.
#include <benchmark/benchmark.h>

#include "couverture/demo/synthetic_territory.hpp"

namespace {

void generate(benchmark::State& state) {
  const auto nodes = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    couverture::SyntheticTerritory territory = couverture::make_synthetic_territory(nodes, 7);
    benchmark::DoNotOptimize(territory.nodes.data());
    state.counters["nodes"] = static_cast<double>(territory.nodes.size());
  }
}
BENCHMARK(generate)
    ->Name("SyntheticTerritory/generate")
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
