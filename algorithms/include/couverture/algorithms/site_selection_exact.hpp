#pragma once

// Exact site selection: a MILP solved by CBC (COIN-OR branch and cut).
//
// MCLP: binary y_j per candidate, continuous z_i in [0, 1] per demand point
// not covered by an existing facility but within T of some candidate;
// max sum w_i z_i s.t. z_i <= sum_{j covers i} y_j, sum y_j = k.
// p-median (assignment form, only over existing + sparse entries): binary
// y_j, x_ij in [0, 1] per entry with t_ij < existing_i (no other candidate
// can serve i), e_i in [0, 1] ("served by the existing facility") per point
// with a finite existing time; min sum w_i (existing_i e_i + sum_j t_ij x_ij)
// s.t. e_i + sum_j x_ij = 1, x_ij <= y_j, sum y_j = k. Points with the same
// existing time and the same (candidate, time) options are merged into one
// with their weights added (exact: each adds w_i times the same function).
// The radius form (Cornuejols et al. 1980, Elloumi 2010), chained so each
// y_j appears once per point, was tried and left out: with distinct times it
// has the same size and its LP took 5x longer in the benchmark.
// Both: sum_{j in g} y_j <= 1 per group, y_a + y_b <= 1 per forbidden pair.

#include "couverture/algorithms/site_selection.hpp"

namespace couverture {

// The exact solver's wall-clock limit when none is given: the scenario's
// [siting] time_limit_s default (scenario_defaults.hpp) too.
inline constexpr double kDefaultExactTimeLimitSeconds = 60.0;

struct SitingExactOptions {
  // Wall-clock limit on the whole solve, > 0 (+inf: none). The root LP is
  // solved by Clp under this limit (CBC checks its own only after its root,
  // which ran 18 minutes past 120 s on a p-median of ~3 * 10^5 assignment
  // entries); CBC gets what is left, and is skipped when less than twice the
  // root LP's time is left (its root re-solve would overrun).
  double time_limit_seconds = kDefaultExactTimeLimitSeconds;
  // Runs greedy + swap first (site_selection_greedy.hpp) and hands its sites
  // to CBC as the initial incumbent: a solve stopped by the limit then still
  // returns k sites (status time_limit) with a gap to the best bound known.
  bool warm_start = true;
};

// Solves `problem` on `instance` exactly (within Clp's and CBC's
// tolerances) or until the time limit: root LP first (optimal when its y are
// 0/1), CBC only when they are not; the logs are silenced. Throws
// std::invalid_argument on a bad instance (validate_siting).
SitingSolution solve_siting_exact(const SitingInstance& instance, const SitingProblem& problem,
                                  const SitingExactOptions& options = {});

}  // namespace couverture
