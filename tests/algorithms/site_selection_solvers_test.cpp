// Exact and greedy site selection against brute-force enumeration of every
// k-subset on small random instances. The brute force evaluates each subset
// with its own naive loops (not evaluate_sites).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "couverture/algorithms/site_selection.hpp"
#include "couverture/algorithms/site_selection_exact.hpp"
#include "couverture/algorithms/site_selection_greedy.hpp"

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct RandomSpec {
  unsigned seed = 1;
  bool existing = true;    // some points have an existing facility
  bool groups = false;     // candidates in 4 groups
  bool forbidden = false;  // 6 random forbidden pairs
  double density = 0.35;   // share of candidate-point pairs present
};

SitingInstance random_instance(const RandomSpec& spec) {
  std::mt19937 random(spec.seed);
  const auto uniform_int = [&random](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(random);
  };
  const auto chance = [&random](double p) { return std::bernoulli_distribution(p)(random); };
  const std::size_t m = static_cast<std::size_t>(uniform_int(8, 12));
  const std::size_t n = static_cast<std::size_t>(uniform_int(30, 60));
  SitingInstance s;
  for (std::size_t i = 0; i < n; ++i) {
    s.demand_weight.push_back(uniform_int(0, 100));
    // Integer minutes make ties (and the inclusive threshold) common.
    // p-median must serve every point some candidate reaches: with most
    // points already served by an existing facility it stays feasible.
    s.existing_minutes.push_back(spec.existing && chance(0.85) ? uniform_int(2, 40) : kInf);
  }
  s.row_begin.push_back(0);
  for (std::size_t j = 0; j < m; ++j) {
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!chance(spec.density)) continue;
      s.demand.push_back(i);
      s.minutes.push_back(uniform_int(0, 30));
      if (chance(0.05)) {  // the same pair again, with another time
        s.demand.push_back(i);
        s.minutes.push_back(uniform_int(0, 30));
      }
    }
    s.row_begin.push_back(static_cast<std::uint32_t>(s.demand.size()));
  }
  if (spec.groups) {
    for (std::size_t j = 0; j < m; ++j) {
      s.candidate_group.push_back(chance(0.2) ? kNoSitingGroup
                                              : static_cast<std::uint32_t>(uniform_int(0, 3)));
    }
  }
  if (spec.forbidden) {
    while (s.forbidden_pairs.size() < 6) {
      const auto a = static_cast<std::uint32_t>(uniform_int(0, static_cast<int>(m) - 1));
      const auto b = static_cast<std::uint32_t>(uniform_int(0, static_cast<int>(m) - 1));
      if (a != b) s.forbidden_pairs.emplace_back(a, b);
    }
  }
  return s;
}

// Naive objective of a subset, straight from the definition: per point, scan
// every entry of every chosen candidate. p-median: NaN when a point that some
// candidate or existing facility reaches is left unserved.
double naive_objective(const SitingInstance& s, const SitingProblem& p,
                       const std::vector<std::uint32_t>& subset) {
  double total = 0.0;
  for (std::uint32_t i = 0; i < s.demand_weight.size(); ++i) {
    double nearest = s.existing_minutes[i];
    bool reachable = std::isfinite(nearest);
    for (std::uint32_t j = 0; j + 1 < s.row_begin.size(); ++j) {
      const bool open = std::find(subset.begin(), subset.end(), j) != subset.end();
      for (std::uint32_t e = s.row_begin[j]; e < s.row_begin[j + 1]; ++e) {
        if (s.demand[e] != i) continue;
        reachable = true;
        if (open) nearest = std::min(nearest, s.minutes[e]);
      }
    }
    if (p.objective == SitingObjective::max_covering) {
      if (nearest <= p.coverage_minutes) total += s.demand_weight[i];
    } else if (reachable) {
      if (!std::isfinite(nearest)) return std::numeric_limits<double>::quiet_NaN();
      total += s.demand_weight[i] * nearest;
    }
  }
  return total;
}

bool naive_allowed(const SitingInstance& s, const std::vector<std::uint32_t>& subset) {
  for (std::size_t a = 0; a < subset.size(); ++a) {
    for (std::size_t b = a + 1; b < subset.size(); ++b) {
      const std::uint32_t x = subset[a], y = subset[b];
      if (!s.candidate_group.empty() && s.candidate_group[x] != kNoSitingGroup &&
          s.candidate_group[x] == s.candidate_group[y]) {
        return false;
      }
      for (const auto& [u, v] : s.forbidden_pairs) {
        if ((u == x && v == y) || (u == y && v == x)) return false;
      }
    }
  }
  return true;
}

struct BruteForce {
  bool feasible = false;
  double best = 0.0;
};

BruteForce brute_force(const SitingInstance& s, const SitingProblem& p) {
  const std::size_t m = s.row_begin.size() - 1;
  const bool maximise = p.objective == SitingObjective::max_covering;
  BruteForce result;
  // Every k-subset, as the positions of k ones in a bit mask of m bits.
  std::vector<bool> mask(m, false);
  std::fill(mask.begin(), mask.begin() + static_cast<std::ptrdiff_t>(p.site_count), true);
  do {
    std::vector<std::uint32_t> subset;
    for (std::uint32_t j = 0; j < m; ++j) {
      if (mask[j]) subset.push_back(j);
    }
    if (!naive_allowed(s, subset)) continue;
    const double value = naive_objective(s, p, subset);
    if (std::isnan(value)) continue;
    if (!result.feasible || (maximise ? value > result.best : value < result.best)) {
      result.best = value;
    }
    result.feasible = true;
  } while (std::prev_permutation(mask.begin(), mask.end()));
  return result;
}

std::string describe(const RandomSpec& spec, const SitingProblem& p) {
  return "seed " + std::to_string(spec.seed) + (spec.existing ? " existing" : "") +
         (spec.groups ? " groups" : "") + (spec.forbidden ? " forbidden" : "") +
         (p.objective == SitingObjective::max_covering ? " mclp" : " p-median") + " k " +
         std::to_string(p.site_count);
}

std::vector<RandomSpec> specs() {
  std::vector<RandomSpec> all;
  unsigned seed = 11;
  for (const bool existing : {false, true}) {
    for (const bool constrained : {false, true}) {
      for (int repeat = 0; repeat < 3; ++repeat) {
        RandomSpec spec;
        spec.seed = seed++;
        spec.existing = existing;
        spec.groups = constrained && repeat != 1;
        spec.forbidden = constrained && repeat != 2;
        // Sparse rows leave p-median infeasible for small k without existing
        // sites; a denser matrix half the time keeps both cases.
        spec.density = repeat == 0 ? 0.35 : 0.6;
        all.push_back(spec);
      }
    }
  }
  return all;
}

constexpr double kTolerance = 1e-6;

TEST(SitingExact, EqualsBruteForceOnRandomInstances) {
  int infeasible = 0, feasible = 0;
  for (const RandomSpec& spec : specs()) {
    const SitingInstance s = random_instance(spec);
    for (const SitingObjective objective :
         {SitingObjective::max_covering, SitingObjective::p_median}) {
      for (std::size_t k = 1; k <= 3; ++k) {
        const SitingProblem p{objective, 12.0, k};
        SCOPED_TRACE(describe(spec, p));
        const BruteForce expected = brute_force(s, p);
        // Cold: Clp's root then CBC alone; warm: CBC from the greedy's sites.
        const bool warm_start = (spec.seed + k) % 2 == 0;
        const SitingSolution exact = solve_siting_exact(s, p, {60.0, warm_start});
        if (!expected.feasible) {
          ++infeasible;
          EXPECT_EQ(exact.status, SitingStatus::infeasible);
          EXPECT_TRUE(exact.chosen.empty());
          continue;
        }
        ++feasible;
        ASSERT_EQ(exact.status, SitingStatus::optimal);
        ASSERT_EQ(exact.chosen.size(), k);
        EXPECT_TRUE(naive_allowed(s, exact.chosen));
        EXPECT_NEAR(exact.objective, expected.best, kTolerance * std::max(1.0, expected.best));
        EXPECT_NEAR(naive_objective(s, p, exact.chosen), expected.best,
                    kTolerance * std::max(1.0, expected.best));
        EXPECT_NEAR(exact.bound, expected.best, 1e-4 * std::max(1.0, expected.best));
        EXPECT_LT(exact.gap, 1e-4);
      }
    }
  }
  // The random family must exercise both outcomes, or half the test is idle.
  EXPECT_GT(feasible, 50);
  EXPECT_GT(infeasible, 5);
}

TEST(SitingGreedy, NeverBeatsTheOptimumAndBracketsIt) {
  for (const RandomSpec& spec : specs()) {
    const SitingInstance s = random_instance(spec);
    for (const SitingObjective objective :
         {SitingObjective::max_covering, SitingObjective::p_median}) {
      const bool maximise = objective == SitingObjective::max_covering;
      for (std::size_t k = 1; k <= 3; ++k) {
        const SitingProblem p{objective, 12.0, k};
        SCOPED_TRACE(describe(spec, p));
        const BruteForce expected = brute_force(s, p);
        for (const bool swap : {false, true}) {
          const SitingSolution greedy = solve_siting_greedy(s, p, {swap, 10'000});
          EXPECT_TRUE(naive_allowed(s, greedy.chosen));
          EXPECT_LE(greedy.chosen.size(), k);
          const bool complete = greedy.chosen.size() == k;
          EXPECT_EQ(greedy.status, complete ? SitingStatus::heuristic : SitingStatus::incomplete);
          if (!complete) continue;
          const double naive = naive_objective(s, p, greedy.chosen);
          if (std::isnan(naive)) {  // p-median: a reachable point left unserved
            EXPECT_EQ(greedy.objective, kInf);
            continue;
          }
          EXPECT_NEAR(greedy.objective, naive, kTolerance * std::max(1.0, naive));
          ASSERT_TRUE(expected.feasible);  // the greedy found a feasible set
          const double slack = kTolerance * std::max(1.0, expected.best);
          if (maximise) {
            EXPECT_LE(greedy.objective, expected.best + slack);
            EXPECT_GE(greedy.bound, expected.best - slack);
          } else {
            EXPECT_GE(greedy.objective, expected.best - slack);
            EXPECT_LE(greedy.bound, expected.best + slack);
          }
        }
      }
    }
  }
}

TEST(SitingGreedy, MaxCoveringKeepsItsOneMinusOneOverEGuarantee) {
  // The (1 - 1/e) guarantee holds without side constraints, on the
  // greedy alone (no swap search to help it).
  for (const RandomSpec& base : specs()) {
    RandomSpec spec = base;
    spec.groups = spec.forbidden = false;
    const SitingInstance s = random_instance(spec);
    for (std::size_t k = 1; k <= 3; ++k) {
      const SitingProblem p{SitingObjective::max_covering, 12.0, k};
      SCOPED_TRACE(describe(spec, p));
      const double optimum = brute_force(s, p).best;
      const SitingSolution greedy = solve_siting_greedy(s, p, {false, 0});
      EXPECT_GE(greedy.objective, (1.0 - 1.0 / std::exp(1.0)) * optimum - kTolerance);
      EXPECT_EQ(greedy.chosen.size(), k);
    }
  }
}

TEST(SitingGreedy, SwapSearchNeverWorsensTheGreedy) {
  int improved = 0;
  for (const RandomSpec& spec : specs()) {
    const SitingInstance s = random_instance(spec);
    for (const SitingObjective objective :
         {SitingObjective::max_covering, SitingObjective::p_median}) {
      for (std::size_t k = 2; k <= 4; ++k) {
        const SitingProblem p{objective, 12.0, k};
        SCOPED_TRACE(describe(spec, p));
        const SitingSolution alone = solve_siting_greedy(s, p, {false, 0});
        const SitingSolution swapped = solve_siting_greedy(s, p);
        EXPECT_EQ(alone.swaps, 0u);
        EXPECT_TRUE(naive_allowed(s, swapped.chosen));
        EXPECT_EQ(swapped.chosen.size(), alone.chosen.size());
        if (!std::isfinite(alone.objective)) continue;
        if (objective == SitingObjective::max_covering) {
          EXPECT_GE(swapped.objective, alone.objective - kTolerance);
          if (swapped.objective > alone.objective + kTolerance) ++improved;
        } else {
          EXPECT_LE(swapped.objective, alone.objective + kTolerance);
          if (swapped.objective < alone.objective - kTolerance) ++improved;
        }
        if (swapped.objective != alone.objective) {
          EXPECT_GT(swapped.swaps, 0u);
        }
      }
    }
  }
  // Some instance must give the search something to do.
  EXPECT_GT(improved, 0);
}

TEST(SitingGreedy, SwapLimitStopsTheSearch) {
  // Where the full search makes two swaps or more, a limit of one stops it
  // after exactly one, between the greedy alone and the full search.
  int searched = 0;
  for (unsigned seed = 1; seed <= 40; ++seed) {
    RandomSpec spec;
    spec.seed = seed;
    spec.existing = seed % 2 == 0;
    spec.density = 0.6;
    const SitingInstance s = random_instance(spec);
    for (const SitingObjective objective :
         {SitingObjective::max_covering, SitingObjective::p_median}) {
      const SitingProblem p{objective, 12.0, 4};
      const SitingSolution full = solve_siting_greedy(s, p);
      if (full.swaps < 2 || !std::isfinite(full.objective)) continue;
      ++searched;
      const SitingSolution alone = solve_siting_greedy(s, p, {false, 0});
      const SitingSolution limited = solve_siting_greedy(s, p, {true, 1});
      EXPECT_EQ(limited.swaps, 1u);
      const double lo = std::min(alone.objective, full.objective);
      const double hi = std::max(alone.objective, full.objective);
      EXPECT_GE(limited.objective, lo - kTolerance);
      EXPECT_LE(limited.objective, hi + kTolerance);
      EXPECT_NE(limited.objective, full.objective);
    }
  }
  EXPECT_GT(searched, 0);
}

TEST(SitingExact, TimeLimitIsReportedOnAHardInstance) {
  // Status only: whether CBC finishes in time depends on the machine, but
  // the status must be one of the exact ones and consistent with the chosen set.
  RandomSpec spec;
  spec.seed = 99;
  const SitingInstance s = random_instance(spec);
  for (const bool warm_start : {false, true}) {
    const SitingSolution solution =
        solve_siting_exact(s, {SitingObjective::max_covering, 12.0, 3}, {1e-3, warm_start});
    if (solution.status == SitingStatus::optimal || solution.status == SitingStatus::time_limit) {
      EXPECT_EQ(solution.chosen.size(), 3u);
    } else {
      EXPECT_FALSE(warm_start);  // the warm start is a solution
      EXPECT_EQ(solution.status, SitingStatus::time_limit_no_solution);
      EXPECT_TRUE(solution.chosen.empty());
    }
  }
}

// A p-median whose root LP alone is far more than a millisecond of work:
// 3000 points, 120 candidates, ~40% of the pairs (~1.4 * 10^5 assignment
// entries, as many x_ij <= y_j rows).
SitingInstance large_p_median() {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> minutes(0.0, 30.0);
  std::bernoulli_distribution present(0.4);
  SitingInstance s;
  for (int i = 0; i < 3000; ++i) {
    s.demand_weight.push_back(1.0 + i % 7);
    s.existing_minutes.push_back(35.0);
  }
  s.row_begin.push_back(0);
  for (int j = 0; j < 120; ++j) {
    for (std::uint32_t i = 0; i < 3000; ++i) {
      if (!present(random)) continue;
      s.demand.push_back(i);
      s.minutes.push_back(minutes(random));
    }
    s.row_begin.push_back(static_cast<std::uint32_t>(s.demand.size()));
  }
  return s;
}

TEST(SitingExact, TimeLimitCutsTheRootLp) {
  // Before, CBC solved the whole root LP before it looked at its limit. A
  // 1 ms limit now stops inside the root LP: no solution of its own, so
  // either nothing (no warm start) or the greedy's k sites, with the greedy's
  // objective (checked with the naive loop) and a bound below it.
  const SitingInstance s = large_p_median();
  const SitingProblem p{SitingObjective::p_median, 0.0, 5};
  const SitingSolution cold = solve_siting_exact(s, p, {1e-3, false});
  EXPECT_EQ(cold.status, SitingStatus::time_limit_no_solution);
  EXPECT_TRUE(cold.chosen.empty());
  EXPECT_TRUE(std::isnan(cold.objective));

  const SitingSolution warm = solve_siting_exact(s, p, {1e-3, true});
  ASSERT_EQ(warm.status, SitingStatus::time_limit);
  ASSERT_EQ(warm.chosen.size(), 5u);
  const SitingSolution greedy = solve_siting_greedy(s, p);
  EXPECT_EQ(warm.chosen, greedy.chosen);
  const double naive = naive_objective(s, p, warm.chosen);
  EXPECT_NEAR(warm.objective, naive, kTolerance * naive);
  EXPECT_LE(warm.bound, warm.objective);
  EXPECT_GT(warm.gap, 0.0);  // not proven: the greedy's bound is loose
  EXPECT_NEAR(warm.gap, (warm.objective - warm.bound) / warm.objective, 1e-12);
}

TEST(SitingExact, MergedDuplicatePointsKeepTheBruteForceOptimum) {
  // Copies of demand points (same existing time, same candidates at the
  // same times, entries in another order, weights split or zero) are merged
  // by the p-median model; the optimum must not move. Points that differ in
  // one time or in the existing time must stay apart (a wrong merge would
  // change the objective the brute force computes).
  int compared = 0;
  for (unsigned seed = 200; seed < 206; ++seed) {
    RandomSpec spec;
    spec.seed = seed;
    spec.existing = seed % 3 != 0;
    spec.density = 0.6;
    const SitingInstance base = random_instance(spec);
    std::mt19937 random(seed);
    const std::size_t n = base.demand_count();
    const std::size_t m = base.row_begin.size() - 1;
    // copy_of[c] = the original point copy c repeats; variant 1 shifts one
    // time by +1, variant 2 the existing time by +1 (near-duplicates).
    std::vector<std::uint32_t> copy_of;
    std::vector<int> variant;
    for (std::uint32_t i = 0; i < n; i += 3) {
      for (int v = 0; v < 3; ++v) {
        copy_of.push_back(i);
        variant.push_back(v == 2 ? static_cast<int>(random() % 3) : 0);
      }
    }
    SitingInstance s;
    s.demand_weight = base.demand_weight;
    s.existing_minutes = base.existing_minutes;
    for (std::size_t c = 0; c < copy_of.size(); ++c) {
      s.demand_weight.push_back(c % 4 == 0 ? 0.0 : static_cast<double>(random() % 50));
      s.existing_minutes.push_back(base.existing_minutes[copy_of[c]] + (variant[c] == 2 ? 1 : 0));
    }
    s.row_begin.push_back(0);
    for (std::size_t j = 0; j < m; ++j) {
      // Copies first, then the originals: another order than the original's.
      std::vector<bool> shifted_one(copy_of.size(), false);
      for (std::size_t c = 0; c < copy_of.size(); ++c) {
        for (std::uint32_t e = base.row_begin[j]; e < base.row_begin[j + 1]; ++e) {
          if (base.demand[e] != copy_of[c]) continue;
          const bool shift = variant[c] == 1 && !shifted_one[c];
          shifted_one[c] = shifted_one[c] || shift;
          s.demand.push_back(static_cast<std::uint32_t>(n + c));
          s.minutes.push_back(base.minutes[e] + (shift ? 1.0 : 0.0));
        }
      }
      for (std::uint32_t e = base.row_begin[j]; e < base.row_begin[j + 1]; ++e) {
        s.demand.push_back(base.demand[e]);
        s.minutes.push_back(base.minutes[e]);
      }
      s.row_begin.push_back(static_cast<std::uint32_t>(s.demand.size()));
    }
    for (std::size_t k = 1; k <= 3; ++k) {
      const SitingProblem p{SitingObjective::p_median, 0.0, k};
      SCOPED_TRACE("seed " + std::to_string(seed) + " k " + std::to_string(k));
      const BruteForce expected = brute_force(s, p);
      for (const bool warm_start : {false, true}) {
        const SitingSolution exact = solve_siting_exact(s, p, {60.0, warm_start});
        if (!expected.feasible) {
          EXPECT_EQ(exact.status, SitingStatus::infeasible);
          continue;
        }
        ++compared;
        ASSERT_EQ(exact.status, SitingStatus::optimal);
        EXPECT_NEAR(naive_objective(s, p, exact.chosen), expected.best,
                    kTolerance * std::max(1.0, expected.best));
        EXPECT_NEAR(exact.bound, expected.best, 1e-4 * std::max(1.0, expected.best));
      }
    }
  }
  EXPECT_GT(compared, 15);
}

}  // namespace
}  // namespace couverture
