#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "couverture/algorithms/distance_decay.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/engine/travel_time_matrix.hpp"
#include "couverture/geodata/supply_kind.hpp"

namespace couverture {

// The childcare places that have no single address ([supply]: assistants
// maternels, home childcare, 2-year-olds at school), per commune, and the
// service type whose facilities they complete into the CAF's taux de
// couverture global (the EAJE).
struct ChildcareSupply {
  std::string service_type = "eaje";     // compared by service_type_key
  std::vector<SupplyPlaces> by_commune;  // by commune index
  // Zones en tension compare the global E2SFCA rate (facilities and these
  // places) with the tension level, rather than the facilities' own.
  bool tension_on_global = false;
};

// Places spread over demand points.
struct SpreadPlaces {
  std::vector<double> by_point;
  // Communes with places but no demand point (no boundary): their places
  // stand nowhere, so they count in the administrative rates only.
  std::vector<std::uint32_t> unplaced_communes;
};

// Spreads each commune's places over its demand points in proportion to
// `weight` (the children under 3 each point carries: an assistant maternel
// works from home, among the families); a commune whose points all weigh 0
// shares its places equally among them. Per commune, and so in total, the
// points' places add up to the commune's (unplaced communes aside).
// `places_by_commune` is indexed by commune; commune_of[i] < its size.
SpreadPlaces spread_commune_places(std::span<const double> places_by_commune,
                                   std::span<const std::uint32_t> commune_of,
                                   std::span<const double> weight);

// The global rates of one area (a commune, or the territory).
struct GlobalCoverageArea {
  SupplyPlaces places{};  // [supply] places of the area, by kind
  // (facility places located in the area + its [supply] places) per 100 of
  // its target population: the CAF's taux de couverture global (NaN
  // without target population).
  double administrative_rate = 0.0;
  // Target-weighted mean of the points' global 2SFCA and E2SFCA scores.
  double fca_rate = 0.0;
  double e2sfca_rate = 0.0;
};

// The taux de couverture global of a service type: its facilities' places
// and the [supply] places, in the floating catchment together.
struct GlobalCoverage {
  SupplyPlaces places{};                // territory totals by kind
  std::vector<double> places_by_point;  // [supply] places spread over each point
  // Per point, places per 100 of the target population: the facilities'
  // score plus the spread places' own (the floating catchment is additive
  // over sites, each site's ratio depending on its own supply only).
  std::vector<double> fca_per_100;
  std::vector<double> e2sfca_per_100;
  std::vector<GlobalCoverageArea> by_commune;
  GlobalCoverageArea overall;
  std::vector<std::uint32_t> unplaced_communes;
};

// What global_coverage needs of the service's own results.
struct ServiceRates {
  std::span<const double> target_population;  // per demand point
  std::span<const double> fca_per_100;        // per point, the facilities' scores
  std::span<const double> e2sfca_per_100;
  std::span<const double> places_located;  // per commune: facility places standing in it
};

// Spreads `supply.by_commune` over the demand points (weighted by the target
// population), times every point holding places to every demand point with
// `builder` (the spread places are sites like any facility), and adds their
// 2SFCA (`plain`) and E2SFCA (`e2sfca`) scores to the service's.
GlobalCoverage analyse_global_coverage(TravelTimeMatrixBuilder& builder,
                                       std::span<const NetworkPosition> demand_positions,
                                       std::span<const std::uint32_t> commune_of,
                                       const ChildcareSupply& supply, const ServiceRates& service,
                                       const DistanceDecay& plain, const DistanceDecay& e2sfca);

}  // namespace couverture
