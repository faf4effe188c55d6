#pragma once

// The ranges a scenario's distances and speeds must lie in, shared by the
// scenario reader (which names the file and the key) and the engine's
// parameter checks: one value, one place. Thresholds: travel_thresholds.hpp.

namespace couverture {

// Spacing of the regular demand grid: below 10 m the points outnumber the
// buildings; above 10 km a commune is one point. 0.4 (km typed for m) gives
// a million times the points of 400.
inline constexpr double kMinDemandSpacingM = 10.0;
inline constexpr double kMaxDemandSpacingM = 10'000.0;

// The walk between a place and its road: slower than 0.5 km/h makes every
// off-road metre count as seven seconds; faster than 50 km/h is no longer a
// walk (a bike is 15).
inline constexpr double kMinAccessSpeedKmh = 0.5;
inline constexpr double kMaxAccessSpeedKmh = 50.0;

}  // namespace couverture
