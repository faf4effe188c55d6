#pragma once

// Heuristic site selection for large instances: greedy with lazy evaluation
// (CELF: a priority queue of stale marginal gains, which only fall as sites
// are added because both objectives are submodular: MCLP's covered weight
// and p-median's saving), then a swap local search.
//
// Both objectives are run as "minimise sum_i w_i min(base_i, min_{j in S}
// c_ij)": MCLP with base 1 (0 if an existing facility covers i) and c_ij = 0
// for t_ij <= T; p-median with base = existing time, or, for a point that
// only candidates reach, a penalty 10 * max time + 1 (larger than any time,
// so the greedy serves such points first).
//
// The swap search tries, for each chosen site in turn, every unchosen
// candidate the constraints allow in its place, takes the best one if it
// improves the objective, and repeats until a full pass finds nothing or
// the swap limit is reached. Each try costs the candidate's row, thanks to
// the best and second-best open option kept per demand point.

#include "couverture/algorithms/site_selection.hpp"

namespace couverture {

struct SitingGreedyOptions {
  bool swap_search = true;          // false: the greedy alone
  std::size_t swap_limit = 10'000;  // accepted swaps at most
};

// Chooses problem.site_count sites greedily, respecting the group and
// forbidden-pair constraints (status incomplete, with fewer sites, when they
// stop it), then improves them by swaps. Throws std::invalid_argument on a
// bad instance (validate_siting).
SitingSolution solve_siting_greedy(const SitingInstance& instance, const SitingProblem& problem,
                                   const SitingGreedyOptions& options = {});

}  // namespace couverture
