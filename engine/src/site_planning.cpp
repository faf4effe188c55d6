#include "couverture/engine/site_planning.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "couverture/algorithms/equity_indices.hpp"
#include "couverture/algorithms/site_search.hpp"
#include "couverture/algorithms/site_selection_exact.hpp"
#include "couverture/algorithms/site_selection_greedy.hpp"
#include "couverture/engine/travel_time_matrix.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/service_type.hpp"

namespace couverture {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t index_of(SitePlanObjective objective) { return static_cast<std::size_t>(objective); }

bool maximised(SitePlanObjective objective) {
  return objective == SitePlanObjective::max_covering ||
         objective == SitePlanObjective::equity_maximin;
}

// Every objective of any set of new sites, from the candidates' rows and the
// baseline: one pass over the demand points and the rows of the set.
class SiteObjectives {
 public:
  SiteObjectives(std::vector<double> weight, std::vector<double> existing,
                 std::vector<std::uint32_t> commune, std::size_t commune_count,
                 std::vector<double> baseline_access, const TravelTimeMatrix& matrix,
                 const SitePlanParameters& parameters)
      : weight_(std::move(weight)),
        existing_(std::move(existing)),
        commune_(std::move(commune)),
        commune_count_(commune_count),
        baseline_access_(std::move(baseline_access)),
        row_begin_(matrix.row_begin),
        demand_(matrix.origin),
        coverage_minutes_(parameters.coverage_minutes),
        tension_level_(parameters.tension_min_places_per_100) {
    minutes_.resize(matrix.seconds.size());
    for (std::size_t e = 0; e < minutes_.size(); ++e) minutes_[e] = matrix.seconds[e] / 60.0;
    // E2SFCA: a new site's ratio R_s = capacity / sum_i w(t_si) D_i depends
    // on nothing else, and the existing sites' ratios do not change, so
    // each entry adds w(t_si) R_s to A_i whatever else is chosen.
    contribution_.resize(minutes_.size(), 0.0);
    for (std::size_t s = 0; s + 1 < row_begin_.size(); ++s) {
      double weighted_demand = 0.0;
      for (std::uint64_t e = row_begin_[s]; e < row_begin_[s + 1]; ++e) {
        weighted_demand += parameters.e2sfca_decay.weight(minutes_[e]) * weight_[demand_[e]];
      }
      if (!(weighted_demand > 0.0)) continue;
      const double ratio = parameters.capacity / weighted_demand;
      for (std::uint64_t e = row_begin_[s]; e < row_begin_[s + 1]; ++e) {
        contribution_[e] = parameters.e2sfca_decay.weight(minutes_[e]) * ratio;
      }
    }
    double longest = 0.0;
    for (std::size_t i = 0; i < weight_.size(); ++i) {
      if (weight_[i] > 0.0 && std::isfinite(existing_[i]))
        longest = std::max(longest, existing_[i]);
    }
    for (double m : minutes_) longest = std::max(longest, m);
    penalty_ = longest > 0.0 ? 2.0 * longest : 1.0;
  }

  double penalty() const { return penalty_; }
  const std::vector<double>& minutes() const { return minutes_; }

  PerSiteObjective<double> values(std::span<const std::uint32_t> sites) const {
    std::vector<double> nearest = existing_;
    std::vector<double> access = baseline_access_;
    for (std::uint32_t s : sites) {
      for (std::uint64_t e = row_begin_[s]; e < row_begin_[s + 1]; ++e) {
        nearest[demand_[e]] = std::min(nearest[demand_[e]], minutes_[e]);
        access[demand_[e]] += contribution_[e];
      }
    }
    PerSiteObjective<double> value{};
    double covered = 0.0;
    double weighted_minutes = 0.0;
    double shortfall = 0.0;
    std::vector<double> commune_covered(commune_count_, 0.0);
    std::vector<double> commune_weight(commune_count_, 0.0);
    std::vector<double> gini_values;
    std::vector<double> gini_weights;
    for (std::size_t i = 0; i < weight_.size(); ++i) {
      const double w = weight_[i];
      if (!(w > 0.0)) continue;
      const bool within = nearest[i] <= coverage_minutes_;
      if (within) covered += w;
      weighted_minutes += w * (std::isfinite(nearest[i]) ? nearest[i] : penalty_);
      shortfall += w * std::max(0.0, tension_level_ - 100.0 * access[i]);
      if (commune_[i] < commune_count_) {
        commune_weight[commune_[i]] += w;
        if (within) commune_covered[commune_[i]] += w;
      }
      if (std::isfinite(nearest[i])) {
        gini_values.push_back(nearest[i]);
        gini_weights.push_back(w);
      }
    }
    double worst = kNaN;
    for (std::size_t c = 0; c < commune_count_; ++c) {
      if (!(commune_weight[c] > 0.0)) continue;
      const double share = commune_covered[c] / commune_weight[c];
      worst = std::isnan(worst) ? share : std::min(worst, share);
    }
    value[index_of(SitePlanObjective::max_covering)] = covered;
    value[index_of(SitePlanObjective::p_median)] = weighted_minutes;
    value[index_of(SitePlanObjective::equity_maximin)] = worst;
    value[index_of(SitePlanObjective::equity_gini)] = weighted_gini(gini_values, gini_weights);
    value[index_of(SitePlanObjective::capacity)] = shortfall;
    return value;
  }

 private:
  std::vector<double> weight_;
  std::vector<double> existing_;
  std::vector<std::uint32_t> commune_;
  std::size_t commune_count_;
  std::vector<double> baseline_access_;
  const std::vector<std::uint64_t>& row_begin_;
  const std::vector<std::uint32_t>& demand_;
  std::vector<double> minutes_;
  std::vector<double> contribution_;
  double coverage_minutes_;
  double tension_level_;
  double penalty_ = 1.0;
};

// Gain of `value` over `baseline`, larger is better (maximin: the value itself).
double gain_of(SitePlanObjective objective, double value, double baseline) {
  switch (objective) {
    case SitePlanObjective::max_covering:
      return value - baseline;
    case SitePlanObjective::equity_maximin:
      return value;
    case SitePlanObjective::p_median:
    case SitePlanObjective::equity_gini:
    case SitePlanObjective::capacity:
      return baseline - value;
  }
  return kNaN;
}

// 1 = the largest gain; NaN last; equal gains share their rank.
std::vector<std::uint32_t> ranks_of(const std::vector<double>& gain) {
  std::vector<std::uint32_t> order(gain.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&gain](std::uint32_t a, std::uint32_t b) {
    if (std::isnan(gain[a])) return false;
    if (std::isnan(gain[b])) return true;
    return gain[a] > gain[b];
  });
  // Equal gains share a rank (1, 2, 2, 4): "ranks 2nd" must not hide a tie.
  const auto same = [](double a, double b) {
    return a == b || std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a));
  };
  std::vector<std::uint32_t> rank(gain.size());
  for (std::size_t r = 0; r < order.size(); ++r) {
    const bool tied =
        r > 0 && !std::isnan(gain[order[r]]) && same(gain[order[r]], gain[order[r - 1]]);
    rank[order[r]] = tied ? rank[order[r - 1]] : static_cast<std::uint32_t>(r + 1);
  }
  return rank;
}

template <typename Service>
const Service* find_service(std::span<const Service> services, const std::string& key) {
  for (const Service& service : services) {
    if (service_type_key(service.service_type) == key) return &service;
  }
  return nullptr;
}

void validate(const SitePlanParameters& p) {
  const auto fail = [](const std::string& what) {
    throw std::invalid_argument("plan_sites: " + what);
  };
  if (p.sites == 0) fail("sites must be >= 1");
  if (!(p.coverage_minutes >= 0.0) || !std::isfinite(p.coverage_minutes)) {
    fail("coverage_minutes must be finite and >= 0");
  }
  if (!(p.capacity >= 0.0) || !std::isfinite(p.capacity)) fail("capacity must be finite, >= 0");
  if (!(p.min_distance_m >= 0.0)) fail("min_distance_m must be >= 0");
  if (!(p.time_limit_s > 0.0)) fail("time_limit_s must be > 0");
  if (!(p.network.access_speed_kmh > 0.0)) fail("access_speed_kmh must be > 0");
  if (std::isnan(p.max_snap_distance_m)) fail("max_snap_distance_m must not be NaN");
  p.e2sfca_decay.validate();
}

// Who is served: the target population of each demand point (the
// accessibility's own when it has one and no other target is asked for),
// times the demand factors when given.
std::vector<double> served_weight(const CoverageResult& coverage,
                                  const ServiceAccessibility* access_service,
                                  const std::string& key, const SitePlanParameters& parameters) {
  const std::size_t point_count = coverage.demand.size();
  std::vector<double> weight(point_count);
  if (!parameters.target && access_service &&
      access_service->target_population.size() == point_count) {
    weight = access_service->target_population;
  } else {
    const AgeBandSet target =
        parameters.target
            ? *parameters.target
            : (access_service ? access_service->target : default_service_info(key).target);
    for (std::size_t i = 0; i < point_count; ++i) {
      weight[i] = target.count(coverage.demand[i].by_band);
    }
  }
  if (!parameters.demand_factor.empty()) {
    if (parameters.demand_factor.size() != point_count) {
      throw std::invalid_argument("plan_sites: one demand factor per demand point");
    }
    for (std::size_t i = 0; i < point_count; ++i) weight[i] *= parameters.demand_factor[i];
  }
  return weight;
}

// The E2SFCA places per child each point has before any new site (0 when
// the existing facilities' capacities are unknown, which `plan` is warned of).
std::vector<double> baseline_access_of(std::size_t point_count,
                                       const ServiceCoverage* existing_service,
                                       const ServiceAccessibility* access_service, SitePlan& plan) {
  std::vector<double> baseline_access(point_count, 0.0);
  if (access_service && access_service->has_capacity) {
    // Where zones en tension follow the global rate ([supply]), the shortfall
    // counts the places without an address too: the new sites' scores add
    // to it like to the facilities' own.
    const std::vector<double>& scores = access_service->tension_on_global
                                            ? access_service->global->e2sfca_per_100
                                            : access_service->e2sfca_per_100;
    for (std::size_t i = 0; i < point_count; ++i) baseline_access[i] = scores[i] / 100.0;
  } else if (existing_service && !existing_service->facilities.empty()) {
    plan.warnings.push_back("the existing " + plan.service_type +
                            " facilities have no known capacity: the capacity objective counts "
                            "only the places of the new sites");
  }
  return baseline_access;
}

// Snap the candidates as the coverage snapped its points: those too far
// from the roads are left out with a warning, and too few left is an error.
void snap_candidates(const RoadGraph& roads, std::vector<SiteCandidate> candidates,
                     const SitePlanParameters& parameters, SitePlan& plan) {
  const NetworkSnapper snapper(roads, parameters.network.snappable_classes);
  std::size_t dropped = 0;
  for (SiteCandidate& candidate : candidates) {
    NetworkPosition position = snapper.snap(candidate.position);
    if (!position.valid() || position.distance_m > parameters.max_snap_distance_m) {
      ++dropped;
      continue;
    }
    plan.candidates.push_back(std::move(candidate));
    plan.candidate_positions.push_back(position);
  }
  if (dropped > 0) {
    std::ostringstream text;
    text << dropped << " candidate(s) farther than " << parameters.max_snap_distance_m
         << " m from the road network were left out";
    plan.warnings.push_back(text.str());
  }
  const std::size_t candidate_count = plan.candidates.size();
  if (candidate_count < parameters.sites) {
    std::ostringstream text;
    text << "siting: " << parameters.sites << " new site(s) asked for but only " << candidate_count
         << " usable candidate(s): lower [siting] sites, or give more candidates (a candidate "
            "file, or another generator)";
    throw DataError(text.str());
  }
}

// One search per candidate, as far as some objective can use: T for the
// coverage objectives, the E2SFCA catchment for capacity, and the
// farthest existing nearest time for p-median and Gini (a new site
// farther than a point's nearest cannot help it) - everything when some
// served point has no existing site.
TravelTimeMatrix candidate_travel_times(const RoadGraph& roads, const CoverageResult& coverage,
                                        const SitePlan& plan, const std::vector<double>& weight,
                                        const std::vector<double>& existing,
                                        const SitePlanParameters& parameters) {
  double cutoff = std::max(parameters.coverage_minutes, parameters.e2sfca_decay.catchment_minutes);
  for (std::size_t i = 0; i < weight.size(); ++i) {
    if (weight[i] > 0.0) cutoff = std::max(cutoff, existing[i]);
  }
  TravelTimeMatrixBuilder builder(roads, metres_per_second(parameters.network.access_speed_kmh),
                                  parameters.network.direction);
  return builder.compute(plan.candidate_positions, coverage.demand_positions, 60.0 * cutoff);
}

// Every candidate alone: its gain over the baseline and its rank, per
// objective.
void rank_candidates_alone(const SiteObjectives& objectives, SitePlan& plan) {
  const std::size_t candidate_count = plan.candidates.size();
  for (SitePlanObjective o : kSitePlanObjectives) plan.gain[index_of(o)].resize(candidate_count);
  for (std::uint32_t c = 0; c < candidate_count; ++c) {
    const std::array<std::uint32_t, 1> alone{c};
    const PerSiteObjective<double> value = objectives.values(alone);
    for (SitePlanObjective o : kSitePlanObjectives) {
      plan.gain[index_of(o)][c] = gain_of(o, value[index_of(o)], plan.baseline[index_of(o)]);
    }
  }
  for (SitePlanObjective o : kSitePlanObjectives) {
    plan.rank[index_of(o)] = ranks_of(plan.gain[index_of(o)]);
  }
}

// Constraints: at most one site per commune, and no two sites nearer than
// the minimum distance.
SetSearchConstraints siting_constraints(const SitePlan& plan,
                                        const SitePlanParameters& parameters) {
  const std::size_t candidate_count = plan.candidates.size();
  SetSearchConstraints constraints;
  if (parameters.one_per_commune) {
    for (const SiteCandidate& candidate : plan.candidates) {
      constraints.candidate_group.push_back(candidate.commune == kInvalidId ? kNoSitingGroup
                                                                            : candidate.commune);
    }
  }
  if (parameters.min_distance_m > 0.0) {
    for (std::uint32_t a = 0; a < candidate_count; ++a) {
      for (std::uint32_t b = a + 1; b < candidate_count; ++b) {
        if (geodesic_distance_m(plan.candidates[a].position, plan.candidates[b].position) <
            parameters.min_distance_m) {
          constraints.forbidden_pairs.emplace_back(a, b);
        }
      }
    }
  }
  return constraints;
}

// MCLP and p-median: the greedy solver always, the exact one when asked or
// small enough; the exact solution is chosen when it found one, and the
// greedy's gap to it recorded.
void solve_covering_or_median(const TravelTimeMatrix& matrix, const SiteObjectives& objectives,
                              const std::vector<double>& weight,
                              const std::vector<double>& existing,
                              const SetSearchConstraints& constraints,
                              const SitePlanParameters& parameters, SitePlan& plan) {
  const SitePlanObjective objective = parameters.objective;
  if (matrix.entry_count() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("plan_sites: too many candidate-demand pairs for the solvers");
  }
  SitingInstance instance;
  instance.demand_weight = weight;
  instance.existing_minutes = existing;
  instance.row_begin.reserve(matrix.row_begin.size());
  for (std::uint64_t begin : matrix.row_begin) {
    instance.row_begin.push_back(static_cast<std::uint32_t>(begin));
  }
  instance.demand = matrix.origin;
  instance.minutes = objectives.minutes();
  instance.candidate_group = constraints.candidate_group;
  instance.forbidden_pairs = constraints.forbidden_pairs;
  SitingProblem problem;
  problem.objective = objective == SitePlanObjective::max_covering ? SitingObjective::max_covering
                                                                   : SitingObjective::p_median;
  problem.coverage_minutes = parameters.coverage_minutes;
  problem.site_count = parameters.sites;

  const double size =
      static_cast<double>(weight.size()) * static_cast<double>(plan.candidates.size());
  const bool run_exact =
      parameters.solver == SiteSolver::exact ||
      (parameters.solver == SiteSolver::automatic && size <= exact_size_limit_for(parameters));
  plan.greedy = solve_siting_greedy(instance, problem);
  if (run_exact) {
    plan.exact = solve_siting_exact(instance, problem, {parameters.time_limit_s});
  }
  const bool exact_solved = plan.exact && !plan.exact->chosen.empty() &&
                            (plan.exact->status == SitingStatus::optimal ||
                             plan.exact->status == SitingStatus::time_limit);
  plan.chosen = exact_solved ? plan.exact->chosen : plan.greedy->chosen;
  if (exact_solved && !plan.greedy->chosen.empty() && std::isfinite(plan.exact->objective) &&
      std::isfinite(plan.greedy->objective)) {
    const double difference = objective == SitePlanObjective::max_covering
                                  ? plan.exact->objective - plan.greedy->objective
                                  : plan.greedy->objective - plan.exact->objective;
    plan.greedy_gap = difference / std::max(std::abs(plan.exact->objective), 1e-9);
  }
}

// The other objectives: the greedy + swap search on the objective itself.
void solve_by_swap_search(const SiteObjectives& objectives, const SetSearchConstraints& constraints,
                          const SitePlanParameters& parameters, SitePlan& plan) {
  const SitePlanObjective objective = parameters.objective;
  const auto start = std::chrono::steady_clock::now();
  const std::size_t o = index_of(objective);
  const SetSearchResult search = greedy_swap_search(
      plan.candidates.size(), parameters.sites,
      [&objectives, o](std::span<const std::uint32_t> sites) {
        return objectives.values(sites)[o];
      },
      maximised(objective), constraints, parameters.max_swap_rounds);
  SitingSolution solution;
  solution.chosen = search.chosen;
  solution.objective = search.objective;
  solution.status = search.complete ? SitingStatus::heuristic : SitingStatus::incomplete;
  solution.swaps = search.swaps;
  solution.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  plan.chosen = solution.chosen;
  plan.greedy = std::move(solution);
}

}  // namespace

double exact_size_limit_for(const SitePlanParameters& parameters) {
  return parameters.objective == SitePlanObjective::p_median
             ? std::min(parameters.exact_size_limit, parameters.p_median_exact_size_cap)
             : parameters.exact_size_limit;
}

SitePlan plan_sites(const RoadGraph& roads, std::span<const Commune> communes,
                    const CoverageResult& coverage,
                    std::span<const ServiceAccessibility> accessibility,
                    std::vector<SiteCandidate> candidates, const SitePlanParameters& parameters) {
  validate(parameters);
  const std::size_t point_count = coverage.demand.size();
  const std::string key = service_type_key(parameters.service_type);
  const ServiceCoverage* existing_service =
      find_service(std::span<const ServiceCoverage>(coverage.services), key);
  const ServiceAccessibility* access_service = find_service(accessibility, key);

  SitePlan plan;
  plan.service_type = existing_service ? existing_service->service_type : parameters.service_type;
  plan.objective = parameters.objective;

  // Who is served, how far their nearest existing site is, and its places.
  const std::vector<double> weight = served_weight(coverage, access_service, key, parameters);
  std::vector<double> existing(point_count, kInf);
  if (existing_service) existing = existing_service->demand_minutes;
  const std::vector<double> baseline_access =
      baseline_access_of(point_count, existing_service, access_service, plan);

  snap_candidates(roads, std::move(candidates), parameters, plan);
  const TravelTimeMatrix matrix =
      candidate_travel_times(roads, coverage, plan, weight, existing, parameters);

  std::vector<std::uint32_t> commune_of(point_count);
  for (std::size_t i = 0; i < point_count; ++i) commune_of[i] = coverage.demand[i].commune;
  const SiteObjectives objectives(weight, existing, commune_of, communes.size(), baseline_access,
                                  matrix, parameters);
  plan.unreached_penalty_minutes = objectives.penalty();
  plan.baseline = objectives.values({});
  rank_candidates_alone(objectives, plan);

  const SetSearchConstraints constraints = siting_constraints(plan, parameters);
  const SitePlanObjective objective = parameters.objective;
  if (objective == SitePlanObjective::max_covering || objective == SitePlanObjective::p_median) {
    solve_covering_or_median(matrix, objectives, weight, existing, constraints, parameters, plan);
  } else {
    solve_by_swap_search(objectives, constraints, parameters, plan);
  }
  if (!plan.chosen.empty()) {
    plan.chosen_objective = objectives.values(plan.chosen)[index_of(objective)];
  }
  if (plan.chosen.size() < parameters.sites) {
    std::ostringstream text;
    text << "only " << plan.chosen.size() << " of the " << parameters.sites
         << " new sites could be placed under the constraints (one per commune, minimum "
            "distance)";
    plan.warnings.push_back(text.str());
  }
  return plan;
}

SiteEvaluation evaluate_site(const SitePlan& plan, std::span<const Commune> communes,
                             std::string_view query) {
  const std::string key = service_type_key(query);
  const std::size_t count = plan.candidates.size();
  std::vector<std::uint32_t> matches;
  for (int pass = 0; pass < 3 && matches.empty(); ++pass) {
    for (std::uint32_t c = 0; c < count; ++c) {
      const SiteCandidate& candidate = plan.candidates[c];
      const std::string* text = nullptr;
      if (pass == 0) text = &candidate.id;
      if (pass == 1) text = &candidate.name;
      if (pass == 2) {
        if (candidate.commune >= communes.size()) continue;
        text = &communes[candidate.commune].name;
      }
      if (service_type_key(*text) == key) matches.push_back(c);
    }
  }
  if (matches.empty()) {
    throw DataError("siting: no candidate has the id, name or commune '" + std::string(query) +
                    "': give a candidate's id or name, or the name of a commune holding one");
  }
  const auto& plan_rank = plan.rank[index_of(plan.objective)];
  const std::uint32_t found = *std::min_element(
      matches.begin(), matches.end(),
      [&plan_rank](std::uint32_t a, std::uint32_t b) { return plan_rank[a] < plan_rank[b]; });

  SiteEvaluation evaluation;
  evaluation.candidate = found;
  for (SitePlanObjective o : kSitePlanObjectives) {
    const std::size_t k = index_of(o);
    evaluation.gain[k] = plan.gain[k][found];
    evaluation.rank[k] = plan.rank[k][found];
    evaluation.best_alternative[k] = kInvalidId;
    std::uint32_t best_rank = std::numeric_limits<std::uint32_t>::max();
    for (std::uint32_t c = 0; c < count; ++c) {
      if (c != found && plan.rank[k][c] < best_rank) {
        best_rank = plan.rank[k][c];
        evaluation.best_alternative[k] = c;
      }
    }
  }
  return evaluation;
}

std::vector<Facility> facilities_for_sites(const SitePlan& plan,
                                           std::span<const std::uint32_t> sites, double capacity) {
  std::vector<Facility> facilities;
  facilities.reserve(sites.size());
  for (std::uint32_t s : sites) {
    const SiteCandidate& candidate = plan.candidates.at(s);
    facilities.push_back(
        {candidate.id, candidate.name, plan.service_type, capacity, candidate.position});
  }
  return facilities;
}

}  // namespace couverture
