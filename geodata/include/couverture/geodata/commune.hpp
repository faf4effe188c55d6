#pragma once

#include <string>

#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/geos_geometry.hpp"

namespace couverture {

// A commune (or any area unit carrying population). Boundary in WGS84
// lon/lat; `repaired` when MakeValid had to fix the input polygon.
struct Commune {
  std::string code;  // INSEE code, the join key (never the name)
  std::string name;
  double population = 0.0;
  GeosGeometry boundary;
  bool repaired = false;
  // People per age band; their sum is `population`. Estimated from band
  // shares (bands_estimated) unless an age table gave them.
  BandPopulation population_by_band{};
  bool bands_estimated = true;
};

}  // namespace couverture
