#include "couverture/algorithms/site_selection_exact.hpp"

#include <Cbc_C_Interface.h>

#include <ClpSimplex.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include "couverture/algorithms/site_selection_greedy.hpp"

namespace couverture {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A y_j within this of 0 or 1 counts as integral (CBC's default).
constexpr double kIntegerTolerance = 1e-6;

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

// A demand point's p-median options: the candidates strictly faster than its
// existing facility (no other can ever serve it), one per candidate (the
// smaller time of a pair given twice), sorted by time then candidate.
struct PMedianOption {
  double minutes;
  std::uint32_t candidate;
  auto operator<=>(const PMedianOption&) const = default;
};

// Demand points with identical (existing time, options) profiles merged into
// one by adding their weights: each contributes w_i * f(y) with the same f,
// so the sum is (sum w_i) * f(y) and the optimum does not change. Points
// without options add a constant (w_i * existing_i, or nothing when nothing
// reaches them).
struct PMedianProfiles {
  std::vector<double> weight, existing;
  std::vector<std::uint32_t> option_begin{0};  // profile p: [option_begin[p], option_begin[p + 1])
  std::vector<PMedianOption> options;
  double constant = 0.0;

  std::size_t size() const { return weight.size(); }
  std::span<const PMedianOption> options_of(std::size_t p) const {
    return std::span(options).subspan(option_begin[p], option_begin[p + 1] - option_begin[p]);
  }
};

PMedianProfiles p_median_profiles(const SitingInstance& instance) {
  const std::size_t n = instance.demand_count();
  const std::size_t m = instance.candidate_count();
  // Transpose the candidate rows into per-point option lists.
  std::vector<std::uint32_t> begin(n + 1, 0);
  for (std::size_t e = 0; e < instance.demand.size(); ++e) {
    const std::uint32_t i = instance.demand[e];
    if (instance.minutes[e] < instance.existing_minutes[i]) ++begin[i + 1];
  }
  for (std::size_t i = 0; i < n; ++i) begin[i + 1] += begin[i];
  std::vector<PMedianOption> all(begin[n]);
  {
    std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
    for (std::uint32_t j = 0; j < m; ++j) {
      for (std::uint32_t e = instance.row_begin[j]; e < instance.row_begin[j + 1]; ++e) {
        const std::uint32_t i = instance.demand[e];
        if (instance.minutes[e] < instance.existing_minutes[i]) {
          all[fill[i]++] = {instance.minutes[e], j};
        }
      }
    }
  }
  std::vector<std::uint32_t> end(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto first = all.begin() + begin[i];
    const auto last = all.begin() + begin[i + 1];
    // One option per candidate, its smaller time; then by time.
    std::sort(first, last, [](const PMedianOption& a, const PMedianOption& b) {
      return std::pair(a.candidate, a.minutes) < std::pair(b.candidate, b.minutes);
    });
    const auto unique_end = std::unique(
        first, last, [](const auto& a, const auto& b) { return a.candidate == b.candidate; });
    std::sort(first, unique_end);
    end[i] = static_cast<std::uint32_t>(unique_end - all.begin());
  }
  PMedianProfiles profiles;
  std::vector<std::uint32_t> points;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (end[i] > begin[i]) {
      points.push_back(i);
    } else if (std::isfinite(instance.existing_minutes[i])) {
      profiles.constant += instance.demand_weight[i] * instance.existing_minutes[i];
    }
  }
  const auto options_of = [&](std::uint32_t i) {
    return std::span(all).subspan(begin[i], end[i] - begin[i]);
  };
  const auto profile_less = [&](std::uint32_t a, std::uint32_t b) {
    if (instance.existing_minutes[a] != instance.existing_minutes[b]) {
      return instance.existing_minutes[a] < instance.existing_minutes[b];
    }
    const auto oa = options_of(a), ob = options_of(b);
    return std::lexicographical_compare(oa.begin(), oa.end(), ob.begin(), ob.end());
  };
  std::sort(points.begin(), points.end(), profile_less);
  for (std::size_t a = 0; a < points.size();) {
    std::size_t b = a + 1;
    double weight = instance.demand_weight[points[a]];
    while (b < points.size() && !profile_less(points[a], points[b])) {
      weight += instance.demand_weight[points[b++]];
    }
    const auto options = options_of(points[a]);
    profiles.weight.push_back(weight);
    profiles.existing.push_back(instance.existing_minutes[points[a]]);
    profiles.options.insert(profiles.options.end(), options.begin(), options.end());
    profiles.option_begin.push_back(static_cast<std::uint32_t>(profiles.options.size()));
    a = b;
  }
  return profiles;
}

// p-median, assignment form. Returns the constant part of the objective.
double build_p_median_assignment(const PMedianProfiles& profiles, MilpModel& model) {
  for (std::size_t p = 0; p < profiles.size(); ++p) {
    const double w = profiles.weight[p];
    const int assign_row = model.add_row(1.0, 1.0);  // served exactly once
    for (const PMedianOption& option : profiles.options_of(p)) {
      const int x = model.add_column(0.0, 1.0, w * option.minutes, false);
      model.add_entry(assign_row, x, 1.0);
      const int link = model.add_row(-kInf, 0.0);  // x_ij <= y_j
      model.add_entry(link, x, 1.0);
      model.add_entry(link, static_cast<int>(option.candidate), -1.0);
    }
    if (std::isfinite(profiles.existing[p])) {
      const int e = model.add_column(0.0, 1.0, w * profiles.existing[p], false);
      model.add_entry(assign_row, e, 1.0);
    }
  }
  return profiles.constant;
}

double build_p_median(const SitingInstance& instance, const SitingProblem& problem,
                      MilpModel& model) {
  const std::size_t m = instance.candidate_count();
  for (std::size_t j = 0; j < m; ++j) model.add_column(0.0, 1.0, 0.0, true);
  const PMedianProfiles profiles = p_median_profiles(instance);
  const double constant = build_p_median_assignment(profiles, model);
  add_site_rows(instance, problem.site_count, model);
  return constant;
}

// The MILP in compressed columns, as both Clp and CBC load it.
struct CompressedColumns {
  std::vector<int> start, index;
  std::vector<double> value;
};

CompressedColumns compress(const MilpModel& model) {
  const std::size_t columns = model.column_cost.size();
  CompressedColumns packed;
  packed.start.assign(columns + 1, 0);
  for (const int c : model.entry_column) ++packed.start[static_cast<std::size_t>(c) + 1];
  for (std::size_t c = 0; c < columns; ++c) packed.start[c + 1] += packed.start[c];
  std::vector<int> fill(packed.start.begin(), packed.start.end() - 1);
  packed.index.resize(model.entry_row.size());
  packed.value.resize(model.entry_row.size());
  for (std::size_t e = 0; e < model.entry_row.size(); ++e) {
    const auto at =
        static_cast<std::size_t>(fill[static_cast<std::size_t>(model.entry_column[e])]++);
    packed.index[at] = model.entry_row[e];
    packed.value[at] = model.entry_value[e];
  }
  return packed;
}

enum class RootOutcome { integral, fractional, infeasible, stopped };

struct RootRelaxation {
  RootOutcome outcome = RootOutcome::stopped;
  double objective = 0.0;            // of the MILP's minimisation form, when solved
  std::vector<std::uint32_t> sites;  // when integral: the candidates at 1
  double seconds = 0.0;
};

// The LP relaxation, solved by Clp's dual simplex under a wall-clock limit:
// CBC only checks its own limit after its root LP, which is the bulk of a
// large p-median solve. When the LP's y are already 0/1 the MILP is solved
// (its other variables are continuous) and CBC is not needed at all.
RootRelaxation solve_root(const MilpModel& model, const CompressedColumns& packed,
                          std::size_t candidate_count, double seconds) {
  const auto start = std::chrono::steady_clock::now();
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(static_cast<int>(model.column_cost.size()),
                 static_cast<int>(model.row_lower.size()), packed.start.data(), packed.index.data(),
                 packed.value.data(), model.column_lower.data(), model.column_upper.data(),
                 model.column_cost.data(), model.row_lower.data(), model.row_upper.data());
  lp.setMaximumWallSeconds(seconds);
  lp.initialDualSolve();
  RootRelaxation root;
  root.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (lp.isProvenPrimalInfeasible()) {
    root.outcome = RootOutcome::infeasible;
  } else if (lp.isProvenOptimal()) {
    root.objective = lp.objectiveValue();
    const double* y = lp.primalColumnSolution();
    root.outcome = RootOutcome::integral;
    for (std::uint32_t j = 0; j < candidate_count; ++j) {
      if (y[j] > 1.0 - kIntegerTolerance) {
        root.sites.push_back(j);
      } else if (y[j] > kIntegerTolerance) {
        root.outcome = RootOutcome::fractional;
      }
    }
  }
  return root;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// |objective - bound| / max(|objective|, 1e-9).
double relative_gap(double objective, double bound) {
  return std::abs(objective - bound) / std::max(std::abs(objective), 1e-9);
}

}  // namespace

namespace {

using SteadyTime = std::chrono::steady_clock::time_point;

// The greedy warm start, or an empty solution when it has none to offer.
SitingSolution warm_start(const SitingInstance& instance, const SitingProblem& problem) {
  SitingSolution start = solve_siting_greedy(instance, problem);
  if (start.status != SitingStatus::heuristic || !std::isfinite(start.objective)) {
    return SitingSolution{};
  }
  return start;
}

// Completes a solution: a solve stopped by the limit keeps the warm start
// when it found nothing better, and the tighter of the two bounds; the gap
// and the time are filled in.
SitingSolution finish(SitingSolution result, const SitingSolution& start, bool mclp,
                      SteadyTime started) {
  const bool has_start = !start.chosen.empty();
  if (result.status == SitingStatus::time_limit_no_solution && has_start) {
    result.status = SitingStatus::time_limit;
  }
  if (has_start && result.status == SitingStatus::time_limit) {
    const bool start_better =
        mclp ? start.objective > result.objective : start.objective < result.objective;
    if (result.chosen.empty() || start_better) {
      result.chosen = start.chosen;
      result.objective = start.objective;
    }
    // The greedy's bound holds too (submodularity): keep the tighter one.
    if (std::isnan(result.bound)) {
      result.bound = start.bound;
    } else {
      result.bound =
          mclp ? std::min(result.bound, start.bound) : std::max(result.bound, start.bound);
    }
  }
  if (!result.chosen.empty() && !std::isnan(result.bound)) {
    result.gap = relative_gap(result.objective, result.bound);
  }
  result.seconds = seconds_since(started);
  return result;
}

// The model of the objective and the constant that turns the solver's
// minimised value into the siting objective's bound.
struct SitingModel {
  MilpModel model;
  CompressedColumns packed;
  double constant = 0.0;
  bool mclp = false;
  [[nodiscard]] double to_bound(double minimised) const {
    return mclp ? constant - minimised : constant + minimised;
  }
};

SitingModel build_model(const SitingInstance& instance, const SitingProblem& problem) {
  SitingModel built;
  built.mclp = problem.objective == SitingObjective::max_covering;
  built.constant = built.mclp ? build_max_covering(instance, problem, built.model)
                              : build_p_median(instance, problem, built.model);
  built.packed = compress(built.model);
  return built;
}

// The answer when the root relaxation settles it (infeasible, out of time
// or integral); nullopt when it is fractional and CBC must branch.
std::optional<SitingSolution> solution_from_root(const RootRelaxation& root,
                                                 const SitingInstance& instance,
                                                 const SitingProblem& problem,
                                                 const SitingModel& built) {
  SitingSolution solution;
  solution.unservable_weight = unservable_weight(instance, problem);
  switch (root.outcome) {
    case RootOutcome::infeasible:
      solution.status = SitingStatus::infeasible;
      return solution;
    case RootOutcome::stopped:
      solution.status = SitingStatus::time_limit_no_solution;
      return solution;
    case RootOutcome::integral: {
      solution.status = SitingStatus::optimal;
      solution.chosen = root.sites;
      solution.objective = evaluate_sites(instance, problem, solution.chosen);
      // The LP's bound may fall a tolerance short of the optimum it reached.
      const double bound = built.to_bound(root.objective);
      solution.bound =
          built.mclp ? std::max(bound, solution.objective) : std::min(bound, solution.objective);
      return solution;
    }
    case RootOutcome::fractional:
      break;
  }
  return std::nullopt;
}

// CBC loaded with the model, the warm start's sites and `seconds` of
// wall-clock time, solved.
std::unique_ptr<Cbc_Model, CbcModelDeleter> run_cbc(SitingModel& built, std::size_t m,
                                                    const SitingSolution& start, double seconds) {
  MilpModel& model = built.model;
  CompressedColumns& packed = built.packed;
  const std::size_t columns = model.column_cost.size();
  std::unique_ptr<Cbc_Model, CbcModelDeleter> cbc(Cbc_newModel());
  // Cbc_loadProblem takes non-const arrays it does not modify.
  Cbc_loadProblem(cbc.get(), static_cast<int>(columns), static_cast<int>(model.row_lower.size()),
                  packed.start.data(), packed.index.data(), packed.value.data(),
                  model.column_lower.data(), model.column_upper.data(), model.column_cost.data(),
                  model.row_lower.data(), model.row_upper.data());
  for (std::size_t c = 0; c < columns; ++c) {
    if (model.column_integer[c]) Cbc_setInteger(cbc.get(), static_cast<int>(c));
  }
  if (!start.chosen.empty()) {
    // Only the integer y are given: CBC computes the continuous ones.
    std::vector<int> ids(m);
    std::vector<double> values(m, 0.0);
    for (std::size_t j = 0; j < m; ++j) ids[j] = static_cast<int>(j);
    for (const std::uint32_t j : start.chosen) values[j] = 1.0;
    Cbc_setMIPStartI(cbc.get(), static_cast<int>(m), ids.data(), values.data());
  }
  Cbc_setLogLevel(cbc.get(), 0);
  Cbc_setMaximumSeconds(cbc.get(), seconds);
  // Wall-clock seconds ("sec" counts CPU time by default), as the caller's limit is.
  Cbc_setParameter(cbc.get(), "timeMode", "elapsed");
  Cbc_setParameter(cbc.get(), "seconds", std::to_string(seconds).c_str());
  Cbc_setAllowableGap(cbc.get(), 1e-9);
  Cbc_setAllowableFractionGap(cbc.get(), 0.0);
  Cbc_solve(cbc.get());
  return cbc;
}

// What a finished CBC run found: status, sites, objective and bound (never
// looser than the root relaxation's).
SitingSolution read_cbc_solution(Cbc_Model* cbc, const SitingInstance& instance,
                                 const SitingProblem& problem, const SitingModel& built,
                                 double root_bound) {
  SitingSolution solution;
  solution.unservable_weight = unservable_weight(instance, problem);
  const double* values = Cbc_bestSolution(cbc);
  if (Cbc_isProvenOptimal(cbc)) {
    solution.status = SitingStatus::optimal;
    if (values == nullptr) values = Cbc_getColSolution(cbc);
  } else if (Cbc_isSecondsLimitReached(cbc) != 0) {
    // Checked before infeasibility: CBC stopped early may also call the
    // problem infeasible, which it has not proven.
    solution.status =
        values != nullptr ? SitingStatus::time_limit : SitingStatus::time_limit_no_solution;
  } else if (Cbc_isProvenInfeasible(cbc)) {
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
  if (solution.status == SitingStatus::infeasible) return solution;
  const bool mclp = built.mclp;
  const double cbc_bound = built.to_bound(Cbc_getBestPossibleObjValue(cbc));
  // A CBC stopped in its root has no bound of its own: the LP's holds.
  solution.bound = std::isfinite(cbc_bound) && std::abs(cbc_bound) < 1e40
                       ? (mclp ? std::min(cbc_bound, root_bound) : std::max(cbc_bound, root_bound))
                       : root_bound;
  if (solution.status == SitingStatus::optimal) {
    // CBC's bound may fall a tolerance short of the optimum it proved.
    solution.bound = mclp ? std::max(solution.bound, solution.objective)
                          : std::min(solution.bound, solution.objective);
  }
  return solution;
}

}  // namespace

SitingSolution solve_siting_exact(const SitingInstance& instance, const SitingProblem& problem,
                                  const SitingExactOptions& options) {
  validate_siting(instance, problem);
  if (std::isnan(options.time_limit_seconds) || options.time_limit_seconds <= 0.0) {
    throw std::invalid_argument("siting: time_limit_seconds must be > 0");
  }
  const SteadyTime started = std::chrono::steady_clock::now();
  const double limit = std::isfinite(options.time_limit_seconds) ? options.time_limit_seconds : 1e9;
  const std::size_t m = instance.candidate_count();
  // The warm start is kept unless the exact solve finds better, so that a
  // solve stopped by the limit still returns k sites.
  const SitingSolution start =
      options.warm_start ? warm_start(instance, problem) : SitingSolution{};

  SitingModel built = build_model(instance, problem);
  const RootRelaxation root =
      solve_root(built.model, built.packed, m, std::max(limit - seconds_since(started), 1e-3));
  if (auto settled = solution_from_root(root, instance, problem, built)) {
    return finish(std::move(*settled), start, built.mclp, started);
  }
  // CBC re-solves the root (and preprocesses) before it checks its limit,
  // which takes about twice our root LP: with less time left than that, the
  // LP bound and the warm start are the answer.
  const double left = limit - seconds_since(started);
  const double root_bound = built.to_bound(root.objective);
  if (left < 2.0 * root.seconds) {
    SitingSolution solution;
    solution.unservable_weight = unservable_weight(instance, problem);
    solution.status = SitingStatus::time_limit_no_solution;
    solution.bound = root_bound;
    return finish(std::move(solution), start, built.mclp, started);
  }
  const auto cbc = run_cbc(built, m, start, left);
  return finish(read_cbc_solution(cbc.get(), instance, problem, built, root_bound), start,
                built.mclp, started);
}

}  // namespace couverture
