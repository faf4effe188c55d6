#include "couverture/pipeline/tension_reason_text.hpp"

#include <sstream>

namespace couverture::pipeline {

namespace {

// Three significant digits: "18.2", "15", "1.23e+03" (as written since the
// first diagnoses; changing it would change the files).
std::string figure(double value) {
  std::ostringstream text;
  text.precision(3);
  text << value;
  return text.str();
}

void append(std::string& text, const std::string& reason) {
  if (!text.empty()) text += "; ";
  text += reason;
}

}  // namespace

std::string tension_reason_text(const TensionCauses& causes) {
  if (causes.no_facility) return "aucun équipement";
  std::string text;
  if (causes.unreachable_population > 0.0) {
    append(text, figure(causes.unreachable_population) + " sans accès routier");
  } else if (causes.too_slow) {
    append(text, "temps moyen " + figure(causes.mean_minutes) + " min > " +
                     figure(causes.max_minutes) + " min");
  }
  if (causes.too_few_places) {
    append(text, figure(causes.places_per_100) +
                     (causes.global_rate ? " places pour 100 (global) < " : " places pour 100 < ") +
                     figure(causes.min_places_per_100));
  }
  return text;
}

}  // namespace couverture::pipeline
