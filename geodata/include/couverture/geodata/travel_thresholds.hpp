#pragma once

// Travel-time thresholds (minutes): their default and their bounds, shared
// by the scenario reader (which names the file and the key) and the
// engine's parameter checks (which guard direct library calls).

#include <span>
#include <string>
#include <vector>

namespace couverture {

// The thresholds a run reports when the scenario gives none: the steps of a
// CTG diagnosis (5 minutes is next door, 20 the far end of a commute).
inline const std::vector<double> kDefaultThresholdsMinutes = {5, 10, 15, 20};

// A planner's thresholds are minutes to an hour or two; one day is far
// beyond any of them, and keeps every search's limit (milliseconds in 32
// bits, up to 71,582 minutes) and the surfaces' "never reached" value (a
// week) well above it.
inline constexpr double kMaxThresholdMinutes = 1440.0;

// Whether one threshold lies in (0, kMaxThresholdMinutes], finite.
[[nodiscard]] bool threshold_in_bounds(double minutes);

// Why `minutes` is not a usable list of thresholds (empty, not finite, not
// above 0, above kMaxThresholdMinutes or not increasing), or "" when it is.
[[nodiscard]] std::string threshold_problem(std::span<const double> minutes);

}  // namespace couverture
