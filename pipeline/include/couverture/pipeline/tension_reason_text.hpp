#pragma once

#include <string>

#include "couverture/engine/service_accessibility.hpp"

namespace couverture::pipeline {

// Why a commune is en tension, in the French a planner reads in the
// `*_tension_reason` and `zones_en_tension.reason` columns, e.g.
// "temps moyen 18.2 min > 15 min; 6.5 places pour 100 < 10"; empty when
// it is not. The engine gives the causes as numbers (TensionCauses).
std::string tension_reason_text(const TensionCauses& causes);

}  // namespace couverture::pipeline
