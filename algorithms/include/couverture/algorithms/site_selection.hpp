#pragma once

// Choosing k new sites among candidates: the problem, its solutions, and the
// objective of any given set of sites. The solvers are in
// site_selection_exact.hpp (MILP, CBC) and site_selection_greedy.hpp (lazy
// greedy + swap search).

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace couverture {

// Marks a candidate that belongs to no group (no "one per group" constraint).
inline constexpr std::uint32_t kNoSitingGroup = std::numeric_limits<std::uint32_t>::max();

// Demand points i (weight w_i, e.g. the target population they carry),
// candidate sites j, and the travel times between them. Integer ids, no
// coordinates: the caller computed the times.
struct SitingInstance {
  std::vector<double> demand_weight;  // w_i >= 0, finite; one per demand point
  // Time from each demand point to its nearest existing (fixed) facility,
  // +inf when there is none. One per demand point. The existing facilities
  // are always open: a point is never worse off than this.
  std::vector<double> existing_minutes;
  // Candidate -> demand travel times in compressed rows: the entries of
  // candidate j are [row_begin[j], row_begin[j+1]); row_begin has
  // candidate_count + 1 values, starts at 0 and ends at demand.size().
  // A pair absent from the rows is unreachable from that candidate. A pair
  // given twice counts with its smaller time.
  std::vector<std::uint32_t> row_begin;
  std::vector<std::uint32_t> demand;  // demand point of each entry
  std::vector<double> minutes;        // finite, >= 0, one per entry
  // Optional "at most one chosen site per group" (e.g. the commune id of
  // each candidate): empty, or one group id per candidate (kNoSitingGroup for
  // none).
  std::vector<std::uint32_t> candidate_group;
  // Pairs of candidates that may not both be chosen (e.g. closer than a
  // minimum distance, computed by the caller).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> forbidden_pairs;

  std::size_t demand_count() const { return demand_weight.size(); }
  std::size_t candidate_count() const { return row_begin.empty() ? 0 : row_begin.size() - 1; }
};

enum class SitingObjective {
  // Maximal covering (MCLP, Church & ReVelle 1974): maximise the weight of
  // the demand points within coverage_minutes of an existing or chosen site.
  max_covering,
  // p-median: minimise sum_i w_i min(existing_i, min over chosen j of t_ij).
  // Every point that some candidate or an existing facility reaches must be
  // served: a set leaving such a point unserved has objective +inf (to make
  // a point optional, give it a finite existing time equal to the penalty).
  // Points reached by nothing are left out (SitingSolution::unservable_weight).
  p_median,
};

// What to optimise on an instance.
struct SitingProblem {
  SitingObjective objective = SitingObjective::max_covering;
  double coverage_minutes = 0.0;  // max_covering only: T, inclusive (t <= T covers)
  std::size_t site_count = 1;     // k: exactly this many candidates are chosen
};

enum class SitingStatus {
  optimal,                 // exact: proven optimal
  time_limit,              // exact: stopped by the time limit with a feasible solution
  time_limit_no_solution,  // exact: stopped by the time limit before any solution
  infeasible,              // exact: no k candidates satisfy the constraints
  heuristic,               // greedy: k sites, optimality not proven
  incomplete,              // greedy: the constraints stopped it before k sites
};

// "optimal", "time limit", "time limit (no solution)", "infeasible",
// "heuristic", "incomplete".
std::string to_string(SitingStatus status);

struct SitingSolution {
  std::vector<std::uint32_t> chosen;  // candidate ids, ascending
  // Objective of `chosen` as evaluate_sites computes it (MCLP: covered weight,
  // existing coverage included; p-median: weighted minutes). NaN when
  // nothing was chosen (infeasible, no solution).
  double objective = std::numeric_limits<double>::quiet_NaN();
  // Bound on the optimum: MCLP an upper bound, p-median a lower bound. Exact:
  // the solver's best bound. Greedy: f(S) plus the k best marginal gains
  // w.r.t. the final S (valid for submodular objectives, constraints or not).
  double bound = std::numeric_limits<double>::quiet_NaN();
  // |objective - bound| / max(|objective|, 1e-9): 0 when proven optimal.
  double gap = std::numeric_limits<double>::quiet_NaN();
  SitingStatus status = SitingStatus::infeasible;
  double seconds = 0.0;  // wall-clock time of the solve
  // Weight no choice can serve: MCLP, points within T of no candidate and no
  // existing facility; p-median, points reached by no candidate and no
  // existing facility (left out of the objective).
  double unservable_weight = 0.0;
  std::size_t swaps = 0;  // greedy: improving swaps the local search accepted
};

// Throws std::invalid_argument unless the instance is well formed (shapes,
// ranges, finite non-negative weights and times, existing times >= 0 or
// +inf), has at least one demand point and one candidate, and 1 <= k <=
// candidate_count (and T finite >= 0 for max_covering).
void validate_siting(const SitingInstance& instance, const SitingProblem& problem);

// Objective of choosing `sites` (any number, constraints not checked; see
// respects_siting_constraints): MCLP covered weight, p-median weighted
// minutes (+inf when a servable point is left unserved). Throws
// std::invalid_argument on a bad instance or a site id out of range or
// repeated (k is not checked: ranking single candidates is a use).
double evaluate_sites(const SitingInstance& instance, const SitingProblem& problem,
                      std::span<const std::uint32_t> sites);

// True when `sites` has at most one per group and no forbidden pair.
bool respects_siting_constraints(const SitingInstance& instance,
                                 std::span<const std::uint32_t> sites);

// The weight no choice can serve (see SitingSolution::unservable_weight).
double unservable_weight(const SitingInstance& instance, const SitingProblem& problem);

}  // namespace couverture
