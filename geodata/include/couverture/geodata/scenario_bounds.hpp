#pragma once

// The ranges a scenario's numbers must lie in, shared by the scenario
// reader (which names the file and the key) and the engine's parameter
// checks (which guard direct library calls): one value, one place.

#include <cstddef>
#include <span>
#include <string>

namespace couverture {

// Travel-time thresholds: a planner's are minutes to an hour or two; one day
// is far beyond any of them, and keeps every search's limit (milliseconds in
// 32 bits, up to 71,582 minutes) and the surfaces' "never reached" value
// (7 days) well above it.
inline constexpr double kMaxThresholdMinutes = 1440.0;

// Spacing of the regular demand grid: below 10 m the points outnumber the
// buildings; above 10 km a commune is one point. 0.4 (km typed for m) gives
// a million times the points of 400.
inline constexpr double kMinDemandSpacingM = 10.0;
inline constexpr double kMaxDemandSpacingM = 10'000.0;

// The walk between a place and its road: slower than 0.5 km/h makes every
// off-road metre count as two minutes' travel; faster than 50 km/h is no
// longer a walk (a bike is 15).
inline constexpr double kMinAccessSpeedKmh = 0.5;
inline constexpr double kMaxAccessSpeedKmh = 50.0;

// Why `minutes` is not a usable list of thresholds (empty, not finite, not
// above 0, above kMaxThresholdMinutes or not increasing), or "" when it is.
[[nodiscard]] std::string threshold_problem(std::span<const double> minutes);

// Whether one threshold lies in (0, kMaxThresholdMinutes], finite.
[[nodiscard]] bool threshold_in_bounds(double minutes);

}  // namespace couverture
