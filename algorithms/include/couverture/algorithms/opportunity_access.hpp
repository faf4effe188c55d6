#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "couverture/algorithms/distance_decay.hpp"

namespace couverture {

// Cumulative opportunities: for every threshold (minutes, increasing) and
// origin, the number of sites and the supply reachable within it (t <=
// threshold). Stored flat: index [threshold * origin_count + origin].
struct CumulativeOpportunities {
  std::size_t origin_count = 0;
  std::vector<std::uint32_t> sites_within;
  std::vector<double> supply_within;

  // Throw std::out_of_range for an origin >= origin_count or a threshold
  // beyond those computed.
  [[nodiscard]] std::uint32_t sites(std::size_t threshold, std::size_t origin) const;
  [[nodiscard]] double supply(std::size_t threshold, std::size_t origin) const;
};

// `supply` by site, finite and >= 0; thresholds strictly increasing, not NaN
// (+inf counts every entry of the matrix). Throws std::invalid_argument
// otherwise, or when the matrix is invalid. Linear in the entries (times log
// of the threshold count) plus thresholds x origins.
CumulativeOpportunities cumulative_opportunities(const SparseTravelTimes& times,
                                                 std::span<const double> supply,
                                                 std::span<const double> thresholds_minutes);

// Gravity (Hansen 1959) potential: G_i = sum_s supply_s * w(t_si), by origin.
// Same contract on supply; throws when the matrix or the decay is invalid.
std::vector<double> gravity_access(const SparseTravelTimes& times, std::span<const double> supply,
                                   const DistanceDecay& decay);

}  // namespace couverture
