#include "couverture/algorithms/opportunity_access.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace couverture {
namespace {

void require_supply(std::span<const double> supply, std::size_t site_count, const char* who) {
  if (supply.size() != site_count) {
    throw std::invalid_argument(std::string(who) + ": " + std::to_string(supply.size()) +
                                " supply values for " + std::to_string(site_count) + " sites");
  }
  for (std::size_t s = 0; s < supply.size(); ++s) {
    if (!(supply[s] >= 0.0) || !std::isfinite(supply[s])) {
      throw std::invalid_argument(std::string(who) + ": supply of site " + std::to_string(s) +
                                  " is negative or not finite");
    }
  }
}

}  // namespace

std::uint32_t CumulativeOpportunities::sites(std::size_t threshold, std::size_t origin) const {
  if (origin >= origin_count)
    throw std::out_of_range("CumulativeOpportunities: origin out of range");
  return sites_within.at(threshold * origin_count + origin);
}

double CumulativeOpportunities::supply(std::size_t threshold, std::size_t origin) const {
  if (origin >= origin_count)
    throw std::out_of_range("CumulativeOpportunities: origin out of range");
  return supply_within.at(threshold * origin_count + origin);
}

CumulativeOpportunities cumulative_opportunities(const SparseTravelTimes& times,
                                                 std::span<const double> supply,
                                                 std::span<const double> thresholds_minutes) {
  times.validate();
  require_supply(supply, times.site_count(), "cumulative_opportunities");
  for (std::size_t k = 0; k < thresholds_minutes.size(); ++k) {
    if (std::isnan(thresholds_minutes[k]) ||
        (k > 0 && !(thresholds_minutes[k] > thresholds_minutes[k - 1]))) {
      throw std::invalid_argument("cumulative_opportunities: threshold " + std::to_string(k) +
                                  " is NaN or does not increase on the previous one");
    }
  }
  const std::size_t n = times.origin_count;
  CumulativeOpportunities result;
  result.origin_count = n;
  result.sites_within.assign(thresholds_minutes.size() * n, 0);
  result.supply_within.assign(thresholds_minutes.size() * n, 0.0);
  // Each entry is counted once, at the first threshold it fits in; a running
  // sum over the thresholds then carries it into all the larger ones.
  for (std::size_t s = 0; s < times.site_count(); ++s) {
    for (std::uint64_t e = times.row_begin[s]; e < times.row_begin[s + 1]; ++e) {
      const auto first =
          std::lower_bound(thresholds_minutes.begin(), thresholds_minutes.end(), times.minutes[e]);
      if (first == thresholds_minutes.end()) continue;
      const auto k = static_cast<std::size_t>(first - thresholds_minutes.begin());
      result.sites_within[k * n + times.origin[e]] += 1;
      result.supply_within[k * n + times.origin[e]] += supply[s];
    }
  }
  for (std::size_t k = 1; k < thresholds_minutes.size(); ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      result.sites_within[k * n + i] += result.sites_within[(k - 1) * n + i];
      result.supply_within[k * n + i] += result.supply_within[(k - 1) * n + i];
    }
  }
  return result;
}

std::vector<double> gravity_access(const SparseTravelTimes& times, std::span<const double> supply,
                                   const DistanceDecay& decay) {
  times.validate();
  decay.validate();
  require_supply(supply, times.site_count(), "gravity_access");
  std::vector<double> potential(times.origin_count, 0.0);
  for (std::size_t s = 0; s < times.site_count(); ++s) {
    for (std::uint64_t e = times.row_begin[s]; e < times.row_begin[s + 1]; ++e) {
      potential[times.origin[e]] += supply[s] * decay.weight(times.minutes[e]);
    }
  }
  return potential;
}

}  // namespace couverture
