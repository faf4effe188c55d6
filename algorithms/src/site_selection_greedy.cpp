#include "couverture/algorithms/site_selection_greedy.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <stdexcept>

namespace couverture {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Both objectives as "minimise sum_i w_i min(base_i, min_{j in S} cost_ij)"
// (see the header). Rows keep one entry per pair, only where cost < base.
struct ServiceForm {
  std::vector<double> weight;
  std::vector<double> base;
  std::vector<std::uint32_t> row_begin;
  std::vector<std::uint32_t> point;
  std::vector<double> cost;
};

ServiceForm service_form(const SitingInstance& instance, const SitingProblem& problem) {
  const std::size_t n = instance.demand_count();
  const std::size_t m = instance.candidate_count();
  const bool mclp = problem.objective == SitingObjective::max_covering;
  ServiceForm form;
  form.weight = instance.demand_weight;
  form.base.resize(n);
  if (mclp) {
    for (std::size_t i = 0; i < n; ++i) {
      form.base[i] = instance.existing_minutes[i] <= problem.coverage_minutes ? 0.0 : 1.0;
    }
  } else {
    double max_time = 0.0;
    std::vector<bool> reached(n, false);
    for (std::size_t e = 0; e < instance.demand.size(); ++e) {
      max_time = std::max(max_time, instance.minutes[e]);
      reached[instance.demand[e]] = true;
    }
    for (const double t : instance.existing_minutes) {
      if (std::isfinite(t)) max_time = std::max(max_time, t);
    }
    const double penalty = 10.0 * max_time + 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double t = instance.existing_minutes[i];
      form.base[i] = std::isfinite(t) ? t : (reached[i] ? penalty : 0.0);  // 0: left out
    }
  }
  form.row_begin.assign(m + 1, 0);
  std::vector<std::uint32_t> last_candidate(n, kNone);
  std::vector<std::size_t> last_entry(n, 0);
  for (std::uint32_t j = 0; j < m; ++j) {
    for (std::uint32_t e = instance.row_begin[j]; e < instance.row_begin[j + 1]; ++e) {
      const std::uint32_t i = instance.demand[e];
      const double t = instance.minutes[e];
      if (mclp && t > problem.coverage_minutes) continue;
      const double c = mclp ? 0.0 : t;
      if (c >= form.base[i]) continue;
      if (last_candidate[i] == j) {  // pair given twice: the smaller cost
        form.cost[last_entry[i]] = std::min(form.cost[last_entry[i]], c);
        continue;
      }
      last_candidate[i] = j;
      last_entry[i] = form.point.size();
      form.point.push_back(i);
      form.cost.push_back(c);
    }
    form.row_begin[j + 1] = static_cast<std::uint32_t>(form.point.size());
  }
  return form;
}

// Gain of opening j when point i currently costs current(i).
template <class Current>
double gain_of(const ServiceForm& form, std::uint32_t j, Current current) {
  double gain = 0.0;
  for (std::uint32_t e = form.row_begin[j]; e < form.row_begin[j + 1]; ++e) {
    const std::uint32_t i = form.point[e];
    const double saving = current(i) - form.cost[e];
    if (saving > 0.0) gain += form.weight[i] * saving;
  }
  return gain;
}

// Constraints as dense lists: group index per candidate, neighbours that
// may not be chosen with it.
struct Constraints {
  std::vector<std::uint32_t> group;  // dense group index or kNone
  std::size_t group_count = 0;
  std::vector<std::vector<std::uint32_t>> group_members;
  std::vector<std::vector<std::uint32_t>> forbidden;  // sorted, unique
};

Constraints constraints_of(const SitingInstance& instance) {
  const std::size_t m = instance.candidate_count();
  Constraints c;
  c.group.assign(m, kNone);
  if (!instance.candidate_group.empty()) {
    std::vector<std::uint32_t> ids;
    for (const std::uint32_t g : instance.candidate_group) {
      if (g != kNoSitingGroup) ids.push_back(g);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    c.group_count = ids.size();
    c.group_members.resize(ids.size());
    for (std::uint32_t j = 0; j < m; ++j) {
      const std::uint32_t g = instance.candidate_group[j];
      if (g == kNoSitingGroup) continue;
      c.group[j] =
          static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), g) - ids.begin());
      c.group_members[c.group[j]].push_back(j);
    }
  }
  c.forbidden.resize(m);
  for (const auto& [a, b] : instance.forbidden_pairs) {
    c.forbidden[a].push_back(b);
    c.forbidden[b].push_back(a);
  }
  for (auto& list : c.forbidden) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return c;
}

// Best and second-best open option per point (the base is always open).
struct Assignment {
  std::vector<double> first, second;
  std::vector<std::uint32_t> best;  // candidate giving `first`, kNone for the base
};

Assignment assign(const ServiceForm& form, const std::vector<std::uint32_t>& chosen) {
  Assignment a;
  a.first = form.base;
  a.second.assign(form.base.size(), std::numeric_limits<double>::infinity());
  a.best.assign(form.base.size(), kNone);
  for (const std::uint32_t j : chosen) {
    for (std::uint32_t e = form.row_begin[j]; e < form.row_begin[j + 1]; ++e) {
      const std::uint32_t i = form.point[e];
      const double c = form.cost[e];
      if (c < a.first[i]) {
        a.second[i] = a.first[i];
        a.first[i] = c;
        a.best[i] = j;
      } else if (c < a.second[i]) {
        a.second[i] = c;
      }
    }
  }
  return a;
}

double cost_of(const ServiceForm& form, const std::vector<double>& first) {
  double total = 0.0;
  for (std::size_t i = 0; i < first.size(); ++i) total += form.weight[i] * first[i];
  return total;
}

// CELF greedy: stale gains are upper bounds of the current ones.
std::vector<std::uint32_t> lazy_greedy(const ServiceForm& form, const Constraints& constraints,
                                       std::size_t k) {
  const std::size_t m = form.row_begin.size() - 1;
  std::vector<double> current = form.base;
  const auto now = [&current](std::uint32_t i) { return current[i]; };
  struct Entry {
    double gain;
    std::uint32_t candidate;
    std::size_t round;                          // number of sites chosen when the gain was computed
    bool operator<(const Entry& other) const {  // largest gain, then smallest id, on top
      if (gain != other.gain) return gain < other.gain;
      return candidate > other.candidate;
    }
  };
  std::priority_queue<Entry> queue;
  for (std::uint32_t j = 0; j < m; ++j) queue.push({gain_of(form, j, now), j, 0});
  std::vector<bool> blocked(m, false);
  std::vector<std::uint32_t> chosen;
  while (chosen.size() < k && !queue.empty()) {
    const Entry top = queue.top();
    queue.pop();
    if (blocked[top.candidate]) continue;
    if (top.round != chosen.size()) {
      queue.push({gain_of(form, top.candidate, now), top.candidate, chosen.size()});
      continue;
    }
    const std::uint32_t j = top.candidate;
    chosen.push_back(j);
    blocked[j] = true;
    for (std::uint32_t e = form.row_begin[j]; e < form.row_begin[j + 1]; ++e) {
      current[form.point[e]] = std::min(current[form.point[e]], form.cost[e]);
    }
    if (constraints.group[j] != kNone) {
      for (const std::uint32_t other : constraints.group_members[constraints.group[j]]) {
        blocked[other] = true;
      }
    }
    for (const std::uint32_t other : constraints.forbidden[j]) blocked[other] = true;
  }
  return chosen;
}

// Swap search (see the header); returns the number of accepted swaps.
std::size_t swap_search(const ServiceForm& form, const Constraints& constraints,
                        std::size_t swap_limit, std::vector<std::uint32_t>& chosen) {
  const std::size_t m = form.row_begin.size() - 1;
  std::vector<bool> in_set(m, false);
  std::vector<std::size_t> group_used(constraints.group_count, 0);
  std::vector<std::size_t> forbidden_chosen(m, 0);  // chosen neighbours of each candidate
  const auto enter = [&](std::uint32_t j) {
    in_set[j] = true;
    if (constraints.group[j] != kNone) ++group_used[constraints.group[j]];
    for (const std::uint32_t other : constraints.forbidden[j]) ++forbidden_chosen[other];
  };
  const auto leave = [&](std::uint32_t j) {
    in_set[j] = false;
    if (constraints.group[j] != kNone) --group_used[constraints.group[j]];
    for (const std::uint32_t other : constraints.forbidden[j]) --forbidden_chosen[other];
  };
  for (const std::uint32_t j : chosen) enter(j);
  std::vector<bool> neighbour_of_removed(m, false);
  std::size_t swaps = 0;
  Assignment a = assign(form, chosen);
  bool improved = true;
  while (improved && swaps < swap_limit) {
    improved = false;
    for (std::size_t p = 0; p < chosen.size() && swaps < swap_limit; ++p) {
      const std::uint32_t r = chosen[p];
      // Removing r sends the points it serves best to their second option.
      double loss = 0.0;
      for (std::size_t i = 0; i < a.best.size(); ++i) {
        if (a.best[i] == r) loss += form.weight[i] * (a.second[i] - a.first[i]);
      }
      for (const std::uint32_t other : constraints.forbidden[r]) neighbour_of_removed[other] = true;
      const auto without_r = [&a, r](std::uint32_t i) {
        return a.best[i] == r ? a.second[i] : a.first[i];
      };
      double best_delta = 0.0;
      std::uint32_t best_c = kNone;
      for (std::uint32_t c = 0; c < m; ++c) {
        if (in_set[c]) continue;
        const std::uint32_t g = constraints.group[c];
        if (g != kNone && group_used[g] - (constraints.group[r] == g ? 1 : 0) > 0) continue;
        if (forbidden_chosen[c] - (neighbour_of_removed[c] ? 1 : 0) > 0) continue;
        const double delta = gain_of(form, c, without_r) - loss;
        if (delta > best_delta) {
          best_delta = delta;
          best_c = c;
        }
      }
      for (const std::uint32_t other : constraints.forbidden[r]) {
        neighbour_of_removed[other] = false;
      }
      // Strictly better beyond rounding, so the search ends.
      const double tolerance = 1e-9 * std::max(1.0, cost_of(form, a.first));
      if (best_c == kNone || best_delta <= tolerance) continue;
      leave(r);
      enter(best_c);
      chosen[p] = best_c;
      a = assign(form, chosen);
      ++swaps;
      improved = true;
    }
  }
  return swaps;
}

}  // namespace

SitingSolution solve_siting_greedy(const SitingInstance& instance, const SitingProblem& problem,
                                   const SitingGreedyOptions& options) {
  validate_siting(instance, problem);
  const auto start = std::chrono::steady_clock::now();
  const bool mclp = problem.objective == SitingObjective::max_covering;
  const ServiceForm form = service_form(instance, problem);
  const Constraints constraints = constraints_of(instance);
  std::vector<std::uint32_t> chosen = lazy_greedy(form, constraints, problem.site_count);

  SitingSolution solution;
  solution.status =
      chosen.size() == problem.site_count ? SitingStatus::heuristic : SitingStatus::incomplete;
  if (options.swap_search)
    solution.swaps = swap_search(form, constraints, options.swap_limit, chosen);
  std::sort(chosen.begin(), chosen.end());
  solution.chosen = chosen;
  solution.objective = evaluate_sites(instance, problem, chosen);
  solution.unservable_weight = unservable_weight(instance, problem);

  // Bound: no k sites gain more than the k best single gains from S.
  const std::vector<double> current = assign(form, chosen).first;
  const auto now = [&current](std::uint32_t i) { return current[i]; };
  std::vector<double> gains(instance.candidate_count());
  for (std::uint32_t j = 0; j < gains.size(); ++j) gains[j] = gain_of(form, j, now);
  std::sort(gains.begin(), gains.end(), std::greater<>());
  double top_gains = 0.0;
  for (std::size_t j = 0; j < problem.site_count; ++j) top_gains += gains[j];
  const double cost = cost_of(form, current);
  if (mclp) {
    double total = 0.0;
    for (const double w : instance.demand_weight) total += w;
    // Covered weight is total - cost; it cannot exceed what is servable.
    solution.bound = std::min(total - cost + top_gains, total - solution.unservable_weight);
  } else {
    // Nor can any set do better than opening every candidate.
    std::vector<std::uint32_t> all(instance.candidate_count());
    for (std::uint32_t j = 0; j < all.size(); ++j) all[j] = j;
    solution.bound = std::max(cost - top_gains, cost_of(form, assign(form, all).first));
  }
  solution.gap = std::isfinite(solution.objective)
                     ? std::abs(solution.objective - solution.bound) /
                           std::max(std::abs(solution.objective), 1e-9)
                     : std::numeric_limits<double>::infinity();
  solution.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return solution;
}

}  // namespace couverture
