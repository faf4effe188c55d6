#pragma once

// A generic greedy + swap search for choosing k items (candidate sites) that
// optimise any set function, for the siting objectives that are not
// submodular or not linear (the worst commune's share, a Gini index, a
// floating-catchment shortfall): no lazy evaluation, every candidate's value
// is recomputed at every step.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <utility>
#include <vector>

namespace couverture {

// Which sets are allowed: at most one chosen candidate per group (empty, or
// one group id per candidate, kNoSitingGroup / UINT32_MAX for none), and no
// forbidden pair both chosen.
struct SetSearchConstraints {
  std::vector<std::uint32_t> candidate_group;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> forbidden_pairs;
};

struct SetSearchResult {
  std::vector<std::uint32_t> chosen;                                   // ascending
  double objective = std::numeric_limits<double>::quiet_NaN();         // of `chosen`
  double greedy_objective = std::numeric_limits<double>::quiet_NaN();  // before the swaps
  bool complete = false;        // k candidates chosen (the constraints may stop it before)
  std::size_t swaps = 0;        // improving swaps accepted
  std::size_t evaluations = 0;  // calls of the objective
};

// Greedy: adds, k times, the allowed candidate whose addition gives the best
// objective (ties: the lowest id), even when it does not improve: exactly k
// are chosen unless the constraints leave no allowed candidate. Then swaps:
// each round tries, for each chosen candidate in turn, every unchosen
// candidate the constraints allow in its place, and makes the best swap when
// it strictly improves the objective; rounds stop when one makes no swap or
// after max_swap_rounds. The objective receives the set sorted ascending;
// NaN counts as the worst value. Throws std::invalid_argument when k is 0 or
// larger than candidate_count, or a group list or pair does not match the
// candidates.
SetSearchResult greedy_swap_search(
    std::size_t candidate_count, std::size_t k,
    const std::function<double(std::span<const std::uint32_t>)>& objective, bool maximise,
    const SetSearchConstraints& constraints = {}, std::size_t max_swap_rounds = 100);

}  // namespace couverture
