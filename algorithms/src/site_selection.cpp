#include "couverture/algorithms/site_selection.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace couverture {

namespace {

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument("siting: " + message);
}

bool covers(const SitingProblem& problem, double minutes) {
  return minutes <= problem.coverage_minutes;
}

void validate_shapes(const SitingInstance& instance) {
  const std::size_t n = instance.demand_count();
  require(n > 0, "no demand points");
  require(instance.existing_minutes.size() == n,
          "existing_minutes must have one value per demand point");
  require(instance.row_begin.size() >= 2, "no candidates (row_begin needs candidate_count + 1)");
  require(instance.row_begin.front() == 0, "row_begin must start at 0");
  require(instance.row_begin.back() == instance.demand.size(),
          "row_begin must end at the number of entries");
  require(instance.minutes.size() == instance.demand.size(),
          "demand and minutes must have one value per entry");
  for (std::size_t j = 0; j + 1 < instance.row_begin.size(); ++j) {
    require(instance.row_begin[j] <= instance.row_begin[j + 1], "row_begin must not decrease");
  }
  for (std::size_t i = 0; i < n; ++i) {
    require(std::isfinite(instance.demand_weight[i]) && instance.demand_weight[i] >= 0.0,
            "demand weights must be finite and >= 0");
    const double e = instance.existing_minutes[i];
    require(!std::isnan(e) && e >= 0.0 && (std::isfinite(e) || e > 0.0),
            "existing_minutes must be >= 0 or +inf");
  }
  for (std::size_t e = 0; e < instance.demand.size(); ++e) {
    require(instance.demand[e] < n, "entry demand index out of range");
    require(std::isfinite(instance.minutes[e]) && instance.minutes[e] >= 0.0,
            "entry minutes must be finite and >= 0");
  }
  const std::size_t m = instance.candidate_count();
  require(instance.candidate_group.empty() || instance.candidate_group.size() == m,
          "candidate_group must be empty or have one value per candidate");
  for (const auto& [a, b] : instance.forbidden_pairs) {
    require(a < m && b < m, "forbidden pair candidate out of range");
    require(a != b, "a forbidden pair needs two different candidates");
  }
}

}  // namespace

std::string to_string(SitingStatus status) {
  switch (status) {
    case SitingStatus::optimal:
      return "optimal";
    case SitingStatus::time_limit:
      return "time limit";
    case SitingStatus::time_limit_no_solution:
      return "time limit (no solution)";
    case SitingStatus::infeasible:
      return "infeasible";
    case SitingStatus::heuristic:
      return "heuristic";
    case SitingStatus::incomplete:
      return "incomplete";
  }
  return "unknown";
}

void validate_siting(const SitingInstance& instance, const SitingProblem& problem) {
  validate_shapes(instance);
  require(problem.site_count >= 1, "site_count (k) must be at least 1");
  require(problem.site_count <= instance.candidate_count(),
          "site_count (k) exceeds the number of candidates");
  if (problem.objective == SitingObjective::max_covering) {
    require(std::isfinite(problem.coverage_minutes) && problem.coverage_minutes >= 0.0,
            "coverage_minutes must be finite and >= 0");
  }
}

double evaluate_sites(const SitingInstance& instance, const SitingProblem& problem,
                      std::span<const std::uint32_t> sites) {
  SitingProblem any_count = problem;
  any_count.site_count = 1;
  validate_siting(instance, any_count);
  const std::size_t n = instance.demand_count();
  std::vector<bool> seen(instance.candidate_count(), false);
  for (const std::uint32_t j : sites) {
    require(j < instance.candidate_count(), "site id out of range");
    require(!seen[j], "site id repeated");
    seen[j] = true;
  }
  // Time to the nearest open facility, existing ones included.
  std::vector<double> nearest = instance.existing_minutes;
  for (const std::uint32_t j : sites) {
    for (std::uint32_t e = instance.row_begin[j]; e < instance.row_begin[j + 1]; ++e) {
      double& t = nearest[instance.demand[e]];
      t = std::min(t, instance.minutes[e]);
    }
  }
  double total = 0.0;
  if (problem.objective == SitingObjective::max_covering) {
    for (std::size_t i = 0; i < n; ++i) {
      if (covers(problem, nearest[i])) total += instance.demand_weight[i];
    }
    return total;
  }
  // p-median: a point that something reaches must be served.
  std::vector<bool> servable(n, false);
  for (std::size_t i = 0; i < n; ++i) servable[i] = std::isfinite(instance.existing_minutes[i]);
  for (const std::uint32_t i : instance.demand) servable[i] = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (!servable[i]) continue;
    if (!std::isfinite(nearest[i])) return std::numeric_limits<double>::infinity();
    total += instance.demand_weight[i] * nearest[i];
  }
  return total;
}

bool respects_siting_constraints(const SitingInstance& instance,
                                 std::span<const std::uint32_t> sites) {
  const std::size_t m = instance.candidate_count();
  std::vector<bool> chosen(m, false);
  for (const std::uint32_t j : sites) {
    require(j < m, "site id out of range");
    chosen[j] = true;
  }
  if (!instance.candidate_group.empty()) {
    for (std::size_t a = 0; a < sites.size(); ++a) {
      for (std::size_t b = a + 1; b < sites.size(); ++b) {
        const std::uint32_t g = instance.candidate_group[sites[a]];
        if (g != kNoSitingGroup && g == instance.candidate_group[sites[b]]) return false;
      }
    }
  }
  for (const auto& [a, b] : instance.forbidden_pairs) {
    if (a < m && b < m && chosen[a] && chosen[b]) return false;
  }
  return true;
}

double unservable_weight(const SitingInstance& instance, const SitingProblem& problem) {
  SitingProblem any_count = problem;
  any_count.site_count = 1;
  validate_siting(instance, any_count);
  const std::size_t n = instance.demand_count();
  std::vector<bool> servable(n, false);
  const bool mclp = problem.objective == SitingObjective::max_covering;
  for (std::size_t i = 0; i < n; ++i) {
    const double e = instance.existing_minutes[i];
    servable[i] = mclp ? covers(problem, e) : std::isfinite(e);
  }
  for (std::size_t e = 0; e < instance.demand.size(); ++e) {
    if (!mclp || covers(problem, instance.minutes[e])) servable[instance.demand[e]] = true;
  }
  double weight = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!servable[i]) weight += instance.demand_weight[i];
  }
  return weight;
}

}  // namespace couverture
