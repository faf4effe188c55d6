#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "couverture/algorithms/distance_decay.hpp"
#include "couverture/algorithms/group_accessibility.hpp"
#include "couverture/algorithms/opportunity_access.hpp"
#include "couverture/engine/childcare_supply.hpp"
#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/equity_summary.hpp"
#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/equity_measure.hpp"
#include "couverture/geodata/network_access.hpp"
#include "couverture/geodata/scenario_defaults.hpp"
#include "couverture/geodata/travel_thresholds.hpp"

namespace couverture {

struct AccessibilityParameters {
  std::vector<double> thresholds_minutes = kDefaultThresholdsMinutes;
  double catchment_minutes = kDefaultCatchmentMinutes;  // 2SFCA catchment
  // E2SFCA weights; its catchment_minutes bounds the search too.
  DistanceDecay e2sfca_decay = DistanceDecay::gaussian(kDefaultCatchmentMinutes);
  // Gravity: places × exp(−beta t), truncated where the weight falls below
  // 5 % (t = 3 / beta) so the search stays bounded.
  double gravity_beta_per_minute = kDefaultGravityBetaPerMinute;
  double tension_max_minutes = kDefaultTensionMaxMinutes;  // zones en tension: slower than this
  double tension_min_places_per_100 = kDefaultTensionMinPlacesPer100;  // or covered below this
  EquityMeasure equity_measure = EquityMeasure::travel_time;
  // Who each service type serves; types absent here use default_service_info.
  std::map<std::string, AgeBandSet> targets;
  NetworkAccess network;  // the coverage's: facilities timed as the coverage timed them
  // [supply]: places without an address completing one service type (the
  // EAJE) into the taux de couverture global; nullopt: facilities only.
  std::optional<ChildcareSupply> supply;
};

// Why a commune is en tension, as numbers and flags; the French wording a
// planner reads is the pipeline's (tension_reason_text), not the engine's.
struct TensionCauses {
  bool no_facility = false;  // the service has no facility at all (comparisons)
  // Target population without road access to the service; > 0 is a cause
  // (and the slow mean is then not looked at).
  double unreachable_population = 0.0;
  bool too_slow = false;  // mean time above the limit
  double mean_minutes = 0.0;
  double max_minutes = 0.0;
  bool too_few_places = false;  // coverage rate below the floor
  double places_per_100 = 0.0;
  double min_places_per_100 = 0.0;
  bool global_rate = false;  // the rate is the global one ([supply])
};

// One service type in one commune, over its target population.
struct CommuneServiceAccess {
  double target_population = 0.0;
  GroupAccessibility nearest;  // time to the nearest facility, target-weighted
  // Target population slower than each threshold (unreachable included).
  std::vector<double> target_beyond;
  double places_located = 0.0;  // places of the facilities standing in the commune
  // CAF administrative rate: places located in the commune per 100 of its
  // target population (NaN when the commune has none of it).
  double administrative_rate = 0.0;
  // Travel-time rates: target-weighted mean of the demand points' 2SFCA and
  // E2SFCA places per 100 (NaN without target population).
  double fca_rate = 0.0;
  double e2sfca_rate = 0.0;
  double gravity = 0.0;  // target-weighted mean gravity score
  bool in_tension = false;
  TensionCauses tension;  // all false unless in_tension
};

// Accessibility of one service type from every demand point, for its target
// population (the age bands it serves).
struct ServiceAccessibility {
  std::string service_type;
  AgeBandSet target;
  // Capacities known for every facility: places, floating catchment and
  // coverage rates are computed; otherwise each facility counts as one
  // place-less opportunity and rates are NaN.
  bool has_capacity = false;
  double places = 0.0;                         // total places of the type
  std::vector<double> target_population;       // per demand point
  CumulativeOpportunities opportunities;       // facilities and places within each threshold
  std::vector<double> gravity;                 // per demand point
  std::vector<double> fca_per_100;             // per demand point (2SFCA), NaN without capacity
  std::vector<double> e2sfca_per_100;          // per demand point (E2SFCA), NaN without capacity
  std::vector<std::uint8_t> point_in_tension;  // per demand point
  std::vector<CommuneServiceAccess> by_commune;
  CommuneServiceAccess overall;                 // the whole territory as one commune
  std::vector<std::uint32_t> tension_communes;  // worst first
  EquitySummary equity;
  // Target population beyond each threshold over the whole territory, as a
  // share of the target population (unreachable counted beyond).
  std::vector<double> share_beyond;
  // The type parameters.supply completes, when its places are known: the
  // global rates beside the facilities' own (which stay as they are).
  std::optional<GlobalCoverage> global;
  // Zones en tension (communes and points) compare global->e2sfca rates.
  bool tension_on_global = false;
};

// The indicators of a CTG diagnosis for every service type of `coverage`
// (same order), on its demand points and snapped positions: cumulative
// opportunities, gravity, 2SFCA and E2SFCA (places per 100 of the target
// population), CAF administrative and travel-time coverage rates, population
// beyond each threshold and zones en tension per commune, and the equity of
// the chosen measure. Travel times come from one search per facility
// (TravelTimeMatrixBuilder) in the parameters' direction, bounded by
// accessibility_search_minutes.
std::vector<ServiceAccessibility> analyse_accessibility(const RoadGraph& roads,
                                                        std::span<const Commune> communes,
                                                        std::span<const Facility> facilities,
                                                        const CoverageResult& coverage,
                                                        const AccessibilityParameters& parameters);

// How far (minutes) a service type's searches must reach so that every
// measure is what an unbounded search would give: the largest threshold
// (cumulative opportunities; the 2SFCA catchment when there are none),
// gravity's cut-off (3 / beta; the largest threshold when beta is 0) and,
// when places are known, the 2SFCA and E2SFCA catchments. Trips beyond it
// weigh nothing in any measure.
double accessibility_search_minutes(const AccessibilityParameters& parameters, bool has_capacity);

// The `count` worst-served communes with some target population, worst
// first: the least covered (E2SFCA places per 100) when places are known,
// otherwise the slowest (target-weighted mean time); a commune with
// unreachable target population comes before any other.
std::vector<std::uint32_t> worst_served_communes(const ServiceAccessibility& service,
                                                 std::size_t count);

}  // namespace couverture
