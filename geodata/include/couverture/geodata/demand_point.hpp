#pragma once

#include <cstdint>

#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/lon_lat.hpp"

namespace couverture {

inline constexpr std::uint32_t kNoGridCell = 0xFFFFFFFFu;

// A point carrying part of a commune's population.
struct DemandPoint {
  std::uint32_t commune = 0;  // index into the communes
  LonLat position;
  double population = 0.0;   // all ages: the sum of by_band
  BandPopulation by_band{};  // people per age band
  // The population grid cell the point stands for (index into
  // PopulationSources::grid_cells), or kNoGridCell: where group counts
  // (households below the poverty line...) are read.
  std::uint32_t grid_cell = kNoGridCell;
};

}  // namespace couverture
