#include "couverture/algorithms/site_search.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace couverture {

namespace {

constexpr std::uint32_t kNoGroup = std::numeric_limits<std::uint32_t>::max();

// The checks of the constraints for one candidate against a set, with each
// candidate's forbidden partners listed once.
class Admissibility {
 public:
  Admissibility(std::size_t candidate_count, const SetSearchConstraints& constraints)
      : group_(constraints.candidate_group), partners_(candidate_count) {
    if (!group_.empty() && group_.size() != candidate_count) {
      throw std::invalid_argument("greedy_swap_search: " + std::to_string(group_.size()) +
                                  " groups for " + std::to_string(candidate_count) + " candidates");
    }
    for (const auto& [a, b] : constraints.forbidden_pairs) {
      if (a >= candidate_count || b >= candidate_count) {
        throw std::invalid_argument("greedy_swap_search: forbidden pair (" + std::to_string(a) +
                                    ", " + std::to_string(b) + ") out of range");
      }
      partners_[a].push_back(b);
      partners_[b].push_back(a);
    }
  }

  // May `candidate` join `set` (which it is not part of), ignoring `left_out`?
  bool allowed(std::uint32_t candidate, std::span<const std::uint32_t> set,
               std::uint32_t left_out) const {
    for (std::uint32_t member : set) {
      if (member == left_out) continue;
      if (member == candidate) return false;
      if (!group_.empty() && group_[candidate] != kNoGroup && group_[member] == group_[candidate]) {
        return false;
      }
      const auto& partners = partners_[candidate];
      if (std::find(partners.begin(), partners.end(), member) != partners.end()) return false;
    }
    return true;
  }

 private:
  const std::vector<std::uint32_t>& group_;
  std::vector<std::vector<std::uint32_t>> partners_;
};

// Scores sets for the search: larger is better once the sign is set, NaN
// worse than anything; counts the evaluations.
class SetScorer {
 public:
  SetScorer(const std::function<double(std::span<const std::uint32_t>)>& objective, bool maximise,
            SetSearchResult& result)
      : objective_(objective), maximise_(maximise), result_(result) {}

  double operator()(std::span<const std::uint32_t> set) const {
    ++result_.evaluations;
    const double value = objective_(set);
    if (std::isnan(value)) return -std::numeric_limits<double>::infinity();
    return maximise_ ? value : -value;
  }

 private:
  const std::function<double(std::span<const std::uint32_t>)>& objective_;
  bool maximise_;
  SetSearchResult& result_;
};

// `set` (sorted) without `left_out` (unless kNoGroup) and with `added`, sorted.
std::vector<std::uint32_t> sorted_with(std::vector<std::uint32_t> set, std::uint32_t left_out,
                                       std::uint32_t added) {
  if (left_out != kNoGroup) set.erase(std::find(set.begin(), set.end(), left_out));
  set.insert(std::lower_bound(set.begin(), set.end(), added), added);
  return set;
}

// Adds the best admissible candidate until k are chosen or none is
// admissible; `best_score` is the score of the last set chosen.
std::vector<std::uint32_t> greedy_phase(std::size_t candidate_count, std::size_t k,
                                        const Admissibility& admissibility, const SetScorer& score,
                                        double& best_score) {
  std::vector<std::uint32_t> chosen;
  best_score = -std::numeric_limits<double>::infinity();
  while (chosen.size() < k) {
    std::uint32_t best = kNoGroup;
    double best_step = -std::numeric_limits<double>::infinity();
    for (std::uint32_t c = 0; c < candidate_count; ++c) {
      if (!admissibility.allowed(c, chosen, kNoGroup)) continue;
      const double s = score(sorted_with(chosen, kNoGroup, c));
      if (best == kNoGroup || s > best_step) {
        best = c;
        best_step = s;
      }
    }
    if (best == kNoGroup) break;
    chosen = sorted_with(chosen, kNoGroup, best);
    best_score = best_step;
  }
  return chosen;
}

// One pass of best-improvement swaps over the members; whether any was made.
bool swap_round(std::size_t candidate_count, const Admissibility& admissibility,
                const SetScorer& score, std::vector<std::uint32_t>& chosen, double& best_score,
                std::size_t& swaps) {
  bool swapped = false;
  for (std::size_t position = 0; position < chosen.size(); ++position) {
    const std::uint32_t out = chosen[position];
    std::uint32_t best_in = kNoGroup;
    double best_swap = best_score;
    for (std::uint32_t c = 0; c < candidate_count; ++c) {
      if (!admissibility.allowed(c, chosen, out)) continue;
      const double s = score(sorted_with(chosen, out, c));
      if (s > best_swap) {
        best_in = c;
        best_swap = s;
      }
    }
    if (best_in == kNoGroup) continue;
    chosen = sorted_with(chosen, out, best_in);
    best_score = best_swap;
    ++swaps;
    swapped = true;
    // The set was re-sorted: the position now holds another member, so
    // restart this round's pass over the members.
    position = static_cast<std::size_t>(-1);
  }
  return swapped;
}

}  // namespace

SetSearchResult greedy_swap_search(
    std::size_t candidate_count, std::size_t k,
    const std::function<double(std::span<const std::uint32_t>)>& objective, bool maximise,
    const SetSearchConstraints& constraints, std::size_t max_swap_rounds) {
  if (k == 0 || k > candidate_count) {
    throw std::invalid_argument("greedy_swap_search: k = " + std::to_string(k) +
                                " must be between 1 and the " + std::to_string(candidate_count) +
                                " candidates");
  }
  const Admissibility admissibility(candidate_count, constraints);
  SetSearchResult result;
  const SetScorer score(objective, maximise, result);
  double best_score = 0.0;
  std::vector<std::uint32_t> chosen =
      greedy_phase(candidate_count, k, admissibility, score, best_score);
  result.complete = chosen.size() == k;
  result.greedy_objective =
      chosen.empty() ? std::numeric_limits<double>::quiet_NaN() : objective(chosen);
  ++result.evaluations;
  for (std::size_t round = 0; round < max_swap_rounds && !chosen.empty(); ++round) {
    if (!swap_round(candidate_count, admissibility, score, chosen, best_score, result.swaps)) break;
  }
  result.chosen = std::move(chosen);
  const double sign = maximise ? 1.0 : -1.0;
  result.objective =
      result.chosen.empty() ? std::numeric_limits<double>::quiet_NaN() : sign * best_score;
  if (!result.chosen.empty() && std::isinf(best_score) && best_score < 0) {
    result.objective = objective(result.chosen);
    ++result.evaluations;
  }
  return result;
}

}  // namespace couverture
