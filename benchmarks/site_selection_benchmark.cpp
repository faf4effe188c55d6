// Exact (CBC MILP) vs greedy (+ swap search) site selection on synthetic
// instances, for MCLP and p-median.
//
// Names: SiteSelection/<objective>/<instance>/<solver>, objective =
// max_covering | p_median, instance = n2000 | n10000 (demand points),
// solver = exact | greedy | greedy_swap. Each runs once (a solve is the unit
// of work). Instance: demand points (weights 1-50) and 300 candidates
// uniformly at random in a 30 km square, 6 existing facilities, times =
// straight-line distance / 40 km/h, pairs kept within 9 minutes; k = 10, MCLP
// threshold 6 minutes. Exact solves stop at 120 s wall clock, root LP
// included (it used not to be: p-median's assignment LP on n10000, ~3 * 10^5
// x_ij <= y_j rows, ran 18 minutes inside CBC's root), and start from the
// greedy + swap sites, so a stopped run still reports objective and gap.
//
// Counters: objective, bound (solver's: CBC's best bound, or the greedy's
// f(S) + k best gains), gap (relative, to that bound), gap_to_exact (greedy
// only: |greedy - exact| / |exact|, the exact solution computed once and
// shared; NaN without an exact solution), swaps; label: the status. Numbers
// are reported, never asserted.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "couverture/algorithms/site_selection.hpp"
#include "couverture/algorithms/site_selection_exact.hpp"
#include "couverture/algorithms/site_selection_greedy.hpp"

namespace couverture {
namespace {

constexpr double kSideKm = 30.0;
constexpr double kMinutesPerKm = 60.0 / 40.0;  // 40 km/h
constexpr double kCutoffMinutes = 9.0;
constexpr double kCoverageMinutes = 6.0;
constexpr std::size_t kSites = 10;
constexpr double kTimeLimitSeconds = 120.0;

struct Point {
  double x, y;
};

SitingInstance build_instance(std::size_t n) {
  const std::size_t m = 300;
  std::mt19937 random(20260);
  std::uniform_real_distribution<double> coordinate(0.0, kSideKm);
  std::uniform_int_distribution<int> weight(1, 50);
  const auto point = [&] { return Point{coordinate(random), coordinate(random)}; };
  const auto minutes = [](Point a, Point b) {
    return std::hypot(a.x - b.x, a.y - b.y) * kMinutesPerKm;
  };
  std::vector<Point> demand(n), candidate(m), existing(6);
  for (Point& p : demand) p = point();
  for (Point& p : candidate) p = point();
  for (Point& p : existing) p = point();
  SitingInstance s;
  for (const Point& d : demand) {
    s.demand_weight.push_back(weight(random));
    double nearest = std::numeric_limits<double>::infinity();
    for (const Point& e : existing) nearest = std::min(nearest, minutes(d, e));
    s.existing_minutes.push_back(nearest);
  }
  s.row_begin.push_back(0);
  for (const Point& c : candidate) {
    for (std::uint32_t i = 0; i < n; ++i) {
      const double t = minutes(c, demand[i]);
      if (t > kCutoffMinutes) continue;
      s.demand.push_back(i);
      s.minutes.push_back(t);
    }
    s.row_begin.push_back(static_cast<std::uint32_t>(s.demand.size()));
  }
  return s;
}

const SitingInstance& instance(std::size_t n) {
  static std::map<std::size_t, SitingInstance> built;
  auto found = built.find(n);
  if (found == built.end()) found = built.emplace(n, build_instance(n)).first;
  return found->second;
}

SitingProblem problem(SitingObjective objective) { return {objective, kCoverageMinutes, kSites}; }

// The exact solutions, shared with the greedy runs for gap_to_exact.
using ExactKey = std::pair<SitingObjective, std::size_t>;  // objective, demand points

std::map<ExactKey, SitingSolution>& exact_solutions() {
  static std::map<ExactKey, SitingSolution> solutions;
  return solutions;
}

// Solved here only when the exact benchmark did not run (filtered out).
const SitingSolution* exact_solution(SitingObjective objective, std::size_t n) {
  auto& solutions = exact_solutions();
  auto found = solutions.find({objective, n});
  if (found == solutions.end()) {
    found = solutions
                .emplace(ExactKey{objective, n},
                         solve_siting_exact(instance(n), problem(objective), {kTimeLimitSeconds}))
                .first;
  }
  return &found->second;
}

void report(benchmark::State& state, const SitingInstance& s, const SitingSolution& solution) {
  state.counters["objective"] = solution.objective;
  state.counters["bound"] = solution.bound;
  state.counters["gap"] = solution.gap;
  state.counters["solve_s"] = solution.seconds;
  state.counters["swaps"] = static_cast<double>(solution.swaps);
  state.counters["demand_points"] = static_cast<double>(s.demand_count());
  state.counters["candidates"] = static_cast<double>(s.candidate_count());
  state.counters["entries"] = static_cast<double>(s.demand.size());
  state.SetLabel(to_string(solution.status));
}

void exact(benchmark::State& state, SitingObjective objective, std::size_t n) {
  const SitingInstance& s = instance(n);
  SitingSolution solution;
  for (auto _ : state) {
    solution = solve_siting_exact(s, problem(objective), {kTimeLimitSeconds});
    benchmark::DoNotOptimize(solution.chosen.data());
  }
  report(state, s, solution);
  exact_solutions()[{objective, n}] = solution;
}

void greedy(benchmark::State& state, SitingObjective objective, std::size_t n, bool swap) {
  const SitingInstance& s = instance(n);
  const SitingSolution* reference = exact_solution(objective, n);  // outside the timing
  SitingSolution solution;
  for (auto _ : state) {
    solution = solve_siting_greedy(s, problem(objective), {swap, 10'000});
    benchmark::DoNotOptimize(solution.chosen.data());
  }
  report(state, s, solution);
  state.counters["gap_to_exact"] = reference != nullptr && std::isfinite(reference->objective)
                                       ? std::abs(solution.objective - reference->objective) /
                                             std::max(std::abs(reference->objective), 1e-9)
                                       : std::numeric_limits<double>::quiet_NaN();
}

bool register_all() {
  for (const std::size_t n : {std::size_t{2000}, std::size_t{10'000}}) {
    for (const auto& [name, objective] :
         {std::pair<std::string, SitingObjective>{"max_covering", SitingObjective::max_covering},
          {"p_median", SitingObjective::p_median}}) {
      const std::string prefix = "SiteSelection/" + name + "/n" + std::to_string(n) + "/";
      benchmark::RegisterBenchmark((prefix + "exact").c_str(), exact, objective, n)
          ->Unit(benchmark::kMillisecond)
          ->Iterations(1)
          ->UseRealTime();
      for (const bool swap : {false, true}) {
        benchmark::RegisterBenchmark((prefix + (swap ? "greedy_swap" : "greedy")).c_str(), greedy,
                                     objective, n, swap)
            ->Unit(benchmark::kMillisecond)
            ->Iterations(1)
            ->UseRealTime();
      }
    }
  }
  return true;
}

const bool registered = register_all();

}  // namespace
}  // namespace couverture
