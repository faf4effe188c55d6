#include "couverture/pipeline/reach_text.hpp"

#include <cmath>
#include <cstdio>

namespace couverture::pipeline {

bool nobody_reaches(const GroupAccessibility& group) { return !(group.reachable_weight > 0.0); }

nlohmann::json minutes_json(const GroupAccessibility& group, double minutes) {
  if (nobody_reaches(group) || !std::isfinite(minutes)) return nullptr;
  return std::round(minutes / 0.01) * 0.01;
}

std::string minutes_cell(const GroupAccessibility& group, double minutes) {
  if (nobody_reaches(group) || !std::isfinite(minutes)) return "   n/a";
  char cell[32];
  std::snprintf(cell, sizeof cell, "%6.1f", minutes);
  return cell;
}

}  // namespace couverture::pipeline
