#pragma once

// Exact site selection: a MILP solved by CBC (COIN-OR branch and cut).
//
// MCLP: binary y_j per candidate, continuous z_i in [0, 1] per demand point
// not covered by an existing facility but within T of some candidate;
// max sum w_i z_i s.t. z_i <= sum_{j covers i} y_j, sum y_j = k.
// p-median (assignment form, only over existing + sparse entries): binary
// y_j, x_ij in [0, 1] per entry with t_ij < existing_i, e_i in [0, 1]
// ("served by the existing facility") per point with a finite existing time;
// min sum w_i (existing_i e_i + sum_j t_ij x_ij) s.t. e_i + sum_j x_ij = 1,
// x_ij <= y_j, sum y_j = k.
// Both: sum_{j in g} y_j <= 1 per group, y_a + y_b <= 1 per forbidden pair.

#include "couverture/algorithms/site_selection.hpp"

namespace couverture {

struct SitingExactOptions {
  // CBC's seconds limit, > 0. CBC checks it during branch and bound, not
  // while solving the root LP: a p-median LP of ~3 * 10^5 assignment entries
  // ran 18 minutes past a 120 s limit (benchmarks/site_selection_benchmark.cpp).
  double time_limit_seconds = 60.0;
};

// Solves `problem` on `instance` exactly (within CBC's tolerances) or until
// the time limit; CBC's log is silenced. Throws std::invalid_argument on a
// bad instance (validate_siting).
SitingSolution solve_siting_exact(const SitingInstance& instance, const SitingProblem& problem,
                                  const SitingExactOptions& options = {});

}  // namespace couverture
