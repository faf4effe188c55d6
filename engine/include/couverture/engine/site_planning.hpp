#pragma once

// The siting use case (issue 5): where k new sites of one service type
// should go, among candidates, with the existing facilities kept, on a
// baseline run (coverage + accessibility). Five objectives:
//  max_covering   target population within T of a site (MCLP);
//  p_median       target-weighted minutes to the nearest site;
//  equity_maximin the worst commune's share of its target population within T;
//  equity_gini    the Gini of the target-weighted nearest times (reached points);
//  capacity       E2SFCA shortfall: sum_i D_i max(0, L - 100 A_i), L the
//                 tension level in places per 100, each new site bringing
//                 `capacity` places; A_i the global score (with the
//                 [supply] places) where zones en tension follow it.
// MCLP and p-median are solved exactly (CBC) and/or greedily (lazy greedy +
// swaps, site_selection_*.hpp); the other three by greedy_swap_search.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "couverture/algorithms/distance_decay.hpp"
#include "couverture/algorithms/site_selection.hpp"
#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/engine/service_accessibility.hpp"
#include "couverture/engine/site_candidates.hpp"
#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/facility.hpp"
#include "couverture/geodata/network_access.hpp"
#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/scenario_defaults.hpp"
#include "couverture/geodata/site_plan_objective.hpp"
#include "couverture/geodata/site_solver.hpp"
#include "couverture/geodata/travel_direction.hpp"

namespace couverture {

// The engine's mirror of the scenario's [siting] settings (io's
// SitingSettings; the CLI maps one to the other), plus what it needs of the
// coverage and accessibility parameters of the baseline run.
struct SitePlanParameters {
  std::string service_type = "eaje";       // compared by service_type_key
  std::size_t sites = 1;                   // k, >= 1
  double capacity = kDefaultSiteCapacity;  // places of each new site (capacity objective)
  SitePlanObjective objective = SitePlanObjective::max_covering;
  // T of max_covering and equity_maximin (inclusive)
  double coverage_minutes = kDefaultSitingCoverageMinutes;
  bool one_per_commune = false;
  double min_distance_m = 0.0;  // new sites at least this far apart (geodesic); 0: no limit
  SiteSolver solver = SiteSolver::automatic;
  double time_limit_s = kDefaultSitingTimeLimitS;
  // "auto": the exact solver runs up to this instance size (demand points ×
  // candidates); p_median up to the smaller of it and p_median_exact_size_cap
  // (exact_size_limit_for).
  double exact_size_limit = kDefaultExactSizeLimit;
  double p_median_exact_size_cap = kPMedianExactSizeCap;
  std::size_t max_swap_rounds = 100;  // greedy_swap_search's rounds (equity, capacity)
  // Candidates snapped farther than this from their road are dropped (the
  // scenario's grid candidates off the network); +inf keeps every one.
  double max_snap_distance_m = std::numeric_limits<double>::infinity();
  // Of the baseline run, so that the new sites are timed as the existing ones
  // (its max_snap_distance_m is not used: the limit above applies):
  NetworkAccess network;
  DistanceDecay e2sfca_decay = DistanceDecay::gaussian(kDefaultCatchmentMinutes);
  double tension_min_places_per_100 = kDefaultTensionMinPlacesPer100;  // L of capacity
  // Who the service serves; nullopt: the baseline accessibility's target for
  // the type, else default_service_info.
  std::optional<AgeBandSet> target;
  // Per demand point, a factor on its target population in every objective
  // (group_weight_factor: [siting] weight = { poor_households = 2 }); empty:
  // everyone counts once.
  std::vector<double> demand_factor;
};

// The instance size up to which SiteSolver::automatic runs the exact solver
// for the parameters' objective.
[[nodiscard]] double exact_size_limit_for(const SitePlanParameters& parameters);

// Values indexed by objective: values[static_cast<std::size_t>(objective)].
template <typename T>
using PerSiteObjective = std::array<T, kSitePlanObjectiveCount>;

struct SitePlan {
  std::string service_type;
  SitePlanObjective objective = SitePlanObjective::max_covering;
  std::vector<SiteCandidate> candidates;  // those kept (see max_snap_distance_m)
  std::vector<NetworkPosition> candidate_positions;
  // Each objective's value with the existing facilities only: covered target
  // population, weighted minutes (points no facility reaches counted at the
  // penalty below), worst commune share, Gini, shortfall.
  PerSiteObjective<double> baseline{};
  // Every candidate alone, per objective: its gain (larger is better: MCLP
  // target population newly within T; p-median fall of the weighted minutes;
  // maximin the new worst commune share; Gini its fall; capacity the fall of
  // the shortfall) and its rank (1 = best, ties by candidate order).
  PerSiteObjective<std::vector<double>> gain;
  PerSiteObjective<std::vector<std::uint32_t>> rank;
  // p-median gains count a point no existing facility reaches as if it were
  // this many minutes away (twice the longest trip found): reaching it is
  // worth more than any speed-up of a reached point.
  double unreached_penalty_minutes = 0.0;
  std::vector<std::uint32_t> chosen;  // candidate indices, ascending
  double chosen_objective = std::numeric_limits<double>::quiet_NaN();  // of `objective`
  // The solutions that ran: MCLP and p-median, exact and/or greedy (lazy
  // greedy + swaps); the other objectives, the greedy + swap search (status
  // heuristic, or incomplete when the constraints stop it; bound and gap NaN).
  std::optional<SitingSolution> exact;
  std::optional<SitingSolution> greedy;
  // (exact − greedy) / max(|exact|, 1e-9), made non-negative for either
  // direction, when both ran with a solution; NaN otherwise.
  double greedy_gap = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string> warnings;
};

// Plans k new sites of parameters.service_type on the baseline run:
// `coverage` and its `accessibility` (analyse_accessibility's list; the
// type's entry gives the target population and the baseline E2SFCA), the
// candidates snapped like the coverage's points and timed to every demand
// point in the coverage's direction by one TravelTimeMatrixBuilder run, cut
// off where no objective can use a longer trip. `communes` are the
// coverage's. Throws DataError when there are fewer usable candidates than
// sites, std::invalid_argument on bad parameters.
SitePlan plan_sites(const RoadGraph& roads, std::span<const Commune> communes,
                    const CoverageResult& coverage,
                    std::span<const ServiceAccessibility> accessibility,
                    std::vector<SiteCandidate> candidates, const SitePlanParameters& parameters);

// One candidate against the others.
struct SiteEvaluation {
  std::uint32_t candidate = kInvalidId;  // index into plan.candidates
  PerSiteObjective<double> gain{};
  PerSiteObjective<std::uint32_t> rank{};
  // The best other candidate per objective (kInvalidId when there is none).
  PerSiteObjective<std::uint32_t> best_alternative{};
};

// The candidate named by `query`: its id, else its name, else the name of
// its commune (compared case- and accent-insensitively, service_type_key),
// the best ranked for the plan's objective when several match. Throws
// DataError when none does.
SiteEvaluation evaluate_site(const SitePlan& plan, std::span<const Commune> communes,
                             std::string_view query);

// The chosen candidates as facilities of the plan's type with `capacity`
// places (id and name of the candidate), to re-run coverage and
// accessibility with them.
std::vector<Facility> facilities_for_sites(const SitePlan& plan,
                                           std::span<const std::uint32_t> sites, double capacity);

}  // namespace couverture
