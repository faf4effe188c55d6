#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "couverture/algorithms/distance_decay.hpp"

namespace couverture {

// Two-step floating catchment (Luo & Wang 2003) and its enhanced form
// (E2SFCA, Luo & Qi 2009, Dai 2010):
// step 1: R_s = supply_s / sum_i w(t_si) demand_i (sites with no weighted
//   demand get R = 0, and are reported);
// step 2: A_i = sum_s w(t_si) R_s: supply per person reachable from origin i.
// Supply is conserved: sum_i demand_i A_i = sum of supply_s over the sites
// with weighted demand.
struct FloatingCatchment {
  std::vector<double> supply_ratio;                 // by site: supply per person of weighted demand
  std::vector<double> accessibility;                // by origin: supply per person
  std::vector<std::uint32_t> sites_without_demand;  // increasing; their supply reaches nobody
};

// `supply` by site, `demand` by origin, both finite and >= 0; throws
// std::invalid_argument otherwise, or when the matrix or the decay is invalid
// (SparseTravelTimes::validate, DistanceDecay::validate). Linear in the
// entries plus sites and origins.
FloatingCatchment floating_catchment(const SparseTravelTimes& times, std::span<const double> supply,
                                     std::span<const double> demand, const DistanceDecay& decay);

}  // namespace couverture
