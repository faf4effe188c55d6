#include "couverture/geodata/travel_thresholds.hpp"

#include <cmath>
#include <sstream>

namespace couverture {

bool threshold_in_bounds(double minutes) {
  return std::isfinite(minutes) && minutes > 0.0 && minutes <= kMaxThresholdMinutes;
}

std::string threshold_problem(std::span<const double> minutes) {
  if (minutes.empty()) return "give at least one threshold";
  for (std::size_t k = 0; k < minutes.size(); ++k) {
    const double t = minutes[k];
    if (!threshold_in_bounds(t)) {
      std::ostringstream text;
      text << "threshold " << t << " is not a number of minutes above 0 and at most "
           << kMaxThresholdMinutes << " (one day)";
      return text.str();
    }
    if (k > 0 && !(t > minutes[k - 1])) return "thresholds must increase";
  }
  return {};
}

}  // namespace couverture
