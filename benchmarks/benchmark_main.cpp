// The one main of couverture_benchmarks; benchmark files only register.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
