#include "couverture/algorithms/site_selection_exact.hpp"

#include <Cbc_C_Interface.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

namespace couverture {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A minimisation MILP gathered as columns and row triplets, handed to CBC
// in one compressed-column load (adding rows one by one is slow in Clp).
struct MilpModel {
  std::vector<double> column_lower, column_upper, column_cost;
  std::vector<bool> column_integer;
  std::vector<double> row_lower, row_upper;
  std::vector<int> entry_row, entry_column;
  std::vector<double> entry_value;

  int add_column(double lower, double upper, double cost, bool integer) {
    column_lower.push_back(lower);
    column_upper.push_back(upper);
    column_cost.push_back(cost);
    column_integer.push_back(integer);
    return static_cast<int>(column_cost.size() - 1);
  }
  int add_row(double lower, double upper) {
    row_lower.push_back(lower);
    row_upper.push_back(upper);
    return static_cast<int>(row_lower.size() - 1);
  }
  void add_entry(int row, int column, double value) {
    entry_row.push_back(row);
    entry_column.push_back(column);
    entry_value.push_back(value);
  }
};

struct CbcModelDeleter {
  void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};

// Rows shared by both formulations: sum y = k, one per group, forbidden pairs.
void add_site_rows(const SitingInstance& instance, std::size_t k, MilpModel& model) {
  const std::size_t m = instance.candidate_count();
  const int count_row = model.add_row(static_cast<double>(k), static_cast<double>(k));
  for (std::size_t j = 0; j < m; ++j) model.add_entry(count_row, static_cast<int>(j), 1.0);
  if (!instance.candidate_group.empty()) {
    // Only groups of two or more candidates constrain anything.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> members;  // (group, candidate)
    for (std::size_t j = 0; j < m; ++j) {
      if (instance.candidate_group[j] != kNoSitingGroup) {
        members.emplace_back(instance.candidate_group[j], static_cast<std::uint32_t>(j));
      }
    }
    std::sort(members.begin(), members.end());
    for (std::size_t a = 0; a < members.size();) {
      std::size_t b = a;
      while (b < members.size() && members[b].first == members[a].first) ++b;
      if (b - a >= 2) {
        const int row = model.add_row(-kInf, 1.0);
        for (std::size_t c = a; c < b; ++c) {
          model.add_entry(row, static_cast<int>(members[c].second), 1.0);
        }
      }
      a = b;
    }
  }
  for (const auto& [a, b] : instance.forbidden_pairs) {
    const int row = model.add_row(-kInf, 1.0);
    model.add_entry(row, static_cast<int>(a), 1.0);
    model.add_entry(row, static_cast<int>(b), 1.0);
  }
}

// MCLP. Returns the weight covered whatever is chosen (existing coverage).
double build_max_covering(const SitingInstance& instance, const SitingProblem& problem,
                          MilpModel& model) {
  const std::size_t n = instance.demand_count();
  const std::size_t m = instance.candidate_count();
  const double t = problem.coverage_minutes;
  double fixed_covered = 0.0;
  std::vector<int> z_row(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (instance.existing_minutes[i] <= t) fixed_covered += instance.demand_weight[i];
  }
  for (std::size_t j = 0; j < m; ++j) model.add_column(0.0, 1.0, 0.0, true);
  std::vector<std::uint32_t> last_candidate(n, std::numeric_limits<std::uint32_t>::max());
  for (std::uint32_t j = 0; j < m; ++j) {
    for (std::uint32_t e = instance.row_begin[j]; e < instance.row_begin[j + 1]; ++e) {
      const std::uint32_t i = instance.demand[e];
      if (instance.minutes[e] > t || instance.existing_minutes[i] <= t) continue;
      if (last_candidate[i] == j) continue;  // pair given twice
      last_candidate[i] = j;
      if (z_row[i] < 0) {
        // z_i - sum_{j covers i} y_j <= 0, maximise w_i z_i (minimise -w_i z_i).
        z_row[i] = model.add_row(-kInf, 0.0);
        const int z = model.add_column(0.0, 1.0, -instance.demand_weight[i], false);
        model.add_entry(z_row[i], z, 1.0);
      }
      model.add_entry(z_row[i], static_cast<int>(j), -1.0);
    }
  }
  add_site_rows(instance, problem.site_count, model);
  return fixed_covered;
}

// p-median. Returns the constant part of the objective (points that no
// candidate improves on their existing facility).
double build_p_median(const SitingInstance& instance, const SitingProblem& problem,
                      MilpModel& model) {
  const std::size_t n = instance.demand_count();
  const std::size_t m = instance.candidate_count();
  for (std::size_t j = 0; j < m; ++j) model.add_column(0.0, 1.0, 0.0, true);
  std::vector<int> assign_row(n, -1);
  std::vector<std::uint32_t> last_candidate(n, std::numeric_limits<std::uint32_t>::max());
  std::vector<int> last_column(n, -1);
  for (std::uint32_t j = 0; j < m; ++j) {
    for (std::uint32_t e = instance.row_begin[j]; e < instance.row_begin[j + 1]; ++e) {
      const std::uint32_t i = instance.demand[e];
      const double time = instance.minutes[e];
      if (time >= instance.existing_minutes[i]) continue;  // never better than existing
      const double cost = instance.demand_weight[i] * time;
      if (last_candidate[i] == j) {  // pair given twice: the smaller time
        double& c = model.column_cost[static_cast<std::size_t>(last_column[i])];
        c = std::min(c, cost);
        continue;
      }
      if (assign_row[i] < 0) assign_row[i] = model.add_row(1.0, 1.0);  // served exactly once
      const int x = model.add_column(0.0, 1.0, cost, false);
      last_candidate[i] = j;
      last_column[i] = x;
      model.add_entry(assign_row[i], x, 1.0);
      const int link = model.add_row(-kInf, 0.0);  // x_ij <= y_j
      model.add_entry(link, x, 1.0);
      model.add_entry(link, static_cast<int>(j), -1.0);
    }
  }
  double constant = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double existing = instance.existing_minutes[i];
    if (!std::isfinite(existing)) continue;
    const double cost = instance.demand_weight[i] * existing;
    if (assign_row[i] < 0) {
      constant += cost;
    } else {
      const int e = model.add_column(0.0, 1.0, cost, false);
      model.add_entry(assign_row[i], e, 1.0);
    }
  }
  add_site_rows(instance, problem.site_count, model);
  return constant;
}

}  // namespace

SitingSolution solve_siting_exact(const SitingInstance& instance, const SitingProblem& problem,
                                  const SitingExactOptions& options) {
  validate_siting(instance, problem);
  if (std::isnan(options.time_limit_seconds) || options.time_limit_seconds <= 0.0) {
    throw std::invalid_argument("siting: time_limit_seconds must be > 0");
  }
  const auto start = std::chrono::steady_clock::now();
  const bool mclp = problem.objective == SitingObjective::max_covering;
  MilpModel model;
  const double constant = mclp ? build_max_covering(instance, problem, model)
                               : build_p_median(instance, problem, model);

  // Compressed columns from the row triplets.
  const std::size_t columns = model.column_cost.size();
  std::vector<int> start_of(columns + 1, 0);
  for (const int c : model.entry_column) ++start_of[static_cast<std::size_t>(c) + 1];
  for (std::size_t c = 0; c < columns; ++c) start_of[c + 1] += start_of[c];
  std::vector<int> fill(start_of.begin(), start_of.end() - 1);
  std::vector<int> index(model.entry_row.size());
  std::vector<double> value(model.entry_row.size());
  for (std::size_t e = 0; e < model.entry_row.size(); ++e) {
    const auto at =
        static_cast<std::size_t>(fill[static_cast<std::size_t>(model.entry_column[e])]++);
    index[at] = model.entry_row[e];
    value[at] = model.entry_value[e];
  }

  std::unique_ptr<Cbc_Model, CbcModelDeleter> cbc(Cbc_newModel());
  Cbc_loadProblem(cbc.get(), static_cast<int>(columns), static_cast<int>(model.row_lower.size()),
                  start_of.data(), index.data(), value.data(), model.column_lower.data(),
                  model.column_upper.data(), model.column_cost.data(), model.row_lower.data(),
                  model.row_upper.data());
  for (std::size_t c = 0; c < columns; ++c) {
    if (model.column_integer[c]) Cbc_setInteger(cbc.get(), static_cast<int>(c));
  }
  Cbc_setLogLevel(cbc.get(), 0);
  Cbc_setMaximumSeconds(
      cbc.get(), std::isfinite(options.time_limit_seconds) ? options.time_limit_seconds : 1e9);
  Cbc_setAllowableGap(cbc.get(), 1e-9);
  Cbc_setAllowableFractionGap(cbc.get(), 0.0);
  Cbc_solve(cbc.get());

  SitingSolution solution;
  solution.unservable_weight = unservable_weight(instance, problem);
  const double* values = Cbc_bestSolution(cbc.get());
  if (Cbc_isProvenOptimal(cbc.get())) {
    solution.status = SitingStatus::optimal;
    if (values == nullptr) values = Cbc_getColSolution(cbc.get());
  } else if (Cbc_isSecondsLimitReached(cbc.get()) != 0) {
    // Checked before infeasibility: CBC stopped early may also call the
    // problem infeasible, which it has not proven.
    solution.status =
        values != nullptr ? SitingStatus::time_limit : SitingStatus::time_limit_no_solution;
  } else if (Cbc_isProvenInfeasible(cbc.get())) {
    solution.status = SitingStatus::infeasible;
    values = nullptr;
  } else {
    solution.status =
        values != nullptr ? SitingStatus::time_limit : SitingStatus::time_limit_no_solution;
  }
  if (values != nullptr) {
    for (std::uint32_t j = 0; j < instance.candidate_count(); ++j) {
      if (values[j] > 0.5) solution.chosen.push_back(j);
    }
    solution.objective = evaluate_sites(instance, problem, solution.chosen);
  }
  if (solution.status != SitingStatus::infeasible) {
    const double best_possible = Cbc_getBestPossibleObjValue(cbc.get());
    solution.bound = mclp ? constant - best_possible : constant + best_possible;
    if (solution.status == SitingStatus::optimal) {
      // CBC's bound may fall a tolerance short of the optimum it proved.
      solution.bound = mclp ? std::max(solution.bound, solution.objective)
                            : std::min(solution.bound, solution.objective);
    }
    if (values != nullptr) {
      solution.gap = std::abs(solution.objective - solution.bound) /
                     std::max(std::abs(solution.objective), 1e-9);
    }
  }
  solution.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return solution;
}

}  // namespace couverture
