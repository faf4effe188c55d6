#pragma once

#include <span>
#include <vector>

#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/demand_point.hpp"

namespace couverture {

// The first demand model: each commune's population shared equally among the
// nodes of a regular grid (about `spacing_m` apart) that fall inside it, or
// among one point on its surface when the commune is smaller than a cell.
// Every person is counted once: per commune, the points sum to its population.
std::vector<DemandPoint> spread_demand_evenly(std::span<const Commune> communes, double spacing_m);

}  // namespace couverture
