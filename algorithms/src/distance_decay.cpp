#include "couverture/algorithms/distance_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace couverture {

void SparseTravelTimes::validate() const {
  if (row_begin.empty()) {
    throw std::invalid_argument("SparseTravelTimes: row_begin needs site_count + 1 entries, got 0");
  }
  if (row_begin.front() != 0) {
    throw std::invalid_argument("SparseTravelTimes: row_begin must start at 0");
  }
  if (row_begin.back() != origin.size()) {
    throw std::invalid_argument("SparseTravelTimes: row_begin ends at " +
                                std::to_string(row_begin.back()) + " but there are " +
                                std::to_string(origin.size()) + " origin entries");
  }
  if (minutes.size() != origin.size()) {
    throw std::invalid_argument("SparseTravelTimes: " + std::to_string(minutes.size()) +
                                " minutes for " + std::to_string(origin.size()) +
                                " origin entries");
  }
  // last_row[i] = 1 + the last row that reached origin i, to catch repeats in
  // one pass without requiring sorted rows.
  std::vector<std::uint64_t> last_row(origin_count, 0);
  for (std::size_t s = 0; s + 1 < row_begin.size(); ++s) {
    if (row_begin[s + 1] < row_begin[s]) {
      throw std::invalid_argument("SparseTravelTimes: row_begin decreases at site " +
                                  std::to_string(s));
    }
    for (std::uint64_t e = row_begin[s]; e < row_begin[s + 1]; ++e) {
      const std::uint32_t i = origin[e];
      if (i >= origin_count) {
        throw std::invalid_argument("SparseTravelTimes: site " + std::to_string(s) +
                                    " reaches origin " + std::to_string(i) + " but there are " +
                                    std::to_string(origin_count) + " origins");
      }
      if (last_row[i] == s + 1) {
        throw std::invalid_argument("SparseTravelTimes: site " + std::to_string(s) +
                                    " reaches origin " + std::to_string(i) + " twice");
      }
      last_row[i] = s + 1;
      if (std::isnan(minutes[e]) || minutes[e] < 0.0) {
        throw std::invalid_argument("SparseTravelTimes: site " + std::to_string(s) +
                                    " has a negative or NaN time to origin " + std::to_string(i));
      }
    }
  }
}

double DistanceDecay::weight(double minutes) const {
  // NaN compares false everywhere: written so that it weighs 0.
  if (!(minutes <= catchment_minutes)) return 0.0;
  const double t = std::max(minutes, 0.0);
  switch (kind) {
    case DecayKind::step: {
      if (zones.empty()) return 1.0;
      for (const auto& [bound, w] : zones) {
        if (t <= bound) return w;
      }
      return 0.0;
    }
    case DecayKind::gaussian: {
      const double floor = std::exp(-0.5);
      const double d0 = catchment_minutes;
      // Clamped: rounding must not push a trip just inside d0 below 0.
      return std::max(0.0, (std::exp(-t * t / (2.0 * d0 * d0)) - floor) / (1.0 - floor));
    }
    case DecayKind::exponential:
      return std::exp(-beta_per_minute * t);
  }
  return 0.0;
}

DistanceDecay DistanceDecay::plain(double catchment) {
  DistanceDecay decay;
  decay.kind = DecayKind::step;
  decay.catchment_minutes = catchment;
  return decay;
}

DistanceDecay DistanceDecay::luo_qi_steps(double catchment) {
  // Luo & Qi (2009) weighted three travel-time zones (0-10, 10-20, 20-30 min)
  // by a Gaussian read at the zone middles: 1.00, 0.68, 0.22.
  DistanceDecay decay = plain(catchment);
  decay.zones = {{catchment / 3.0, 1.0}, {2.0 * catchment / 3.0, 0.68}, {catchment, 0.22}};
  return decay;
}

DistanceDecay DistanceDecay::gaussian(double catchment) {
  DistanceDecay decay;
  decay.kind = DecayKind::gaussian;
  decay.catchment_minutes = catchment;
  return decay;
}

DistanceDecay DistanceDecay::exponential(double catchment, double beta) {
  DistanceDecay decay;
  decay.kind = DecayKind::exponential;
  decay.catchment_minutes = catchment;
  decay.beta_per_minute = beta;
  return decay;
}

void DistanceDecay::validate() const {
  if (!(catchment_minutes > 0.0) || !std::isfinite(catchment_minutes)) {
    throw std::invalid_argument(
        "DistanceDecay: the catchment must be a positive number of minutes, got " +
        std::to_string(catchment_minutes));
  }
  if (kind == DecayKind::step && !zones.empty()) {
    double previous = 0.0;
    for (std::size_t z = 0; z < zones.size(); ++z) {
      const auto& [bound, w] = zones[z];
      if (!(bound > previous)) {
        throw std::invalid_argument("DistanceDecay: zone " + std::to_string(z) + " bound " +
                                    std::to_string(bound) +
                                    " does not increase on the previous one (or on 0)");
      }
      if (!(w >= 0.0 && w <= 1.0)) {
        throw std::invalid_argument("DistanceDecay: zone " + std::to_string(z) + " weight " +
                                    std::to_string(w) + " is outside [0, 1]");
      }
      previous = bound;
    }
    if (zones.back().first != catchment_minutes) {
      throw std::invalid_argument(
          "DistanceDecay: the last zone ends at " + std::to_string(zones.back().first) +
          " min, not at the catchment " + std::to_string(catchment_minutes) + " min");
    }
  }
  if (kind == DecayKind::exponential &&
      (!(beta_per_minute >= 0.0) || !std::isfinite(beta_per_minute))) {
    throw std::invalid_argument("DistanceDecay: beta must be >= 0 per minute, got " +
                                std::to_string(beta_per_minute));
  }
}

}  // namespace couverture
