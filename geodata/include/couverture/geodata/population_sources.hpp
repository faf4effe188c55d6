#pragma once

#include <vector>

#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/lon_lat.hpp"

namespace couverture {

// One cell of a population grid (INSEE Filosofi 200 m carreaux): its centre
// and the people counted in it, per age band.
struct PopulationCell {
  LonLat centre;
  BandPopulation by_band{};
  double total = 0.0;  // everyone in the cell (the sum of by_band)
  // Further columns asked of the grid ([demand.groups]: households, and
  // households below the poverty line, single-parent...), in the order asked.
  std::vector<double> extra = {};
};

// A residential building: where it stands (footprint centroid) and its
// footprint area, the weight its commune's population is shared by.
struct ResidentialBuilding {
  LonLat centroid;
  double footprint_m2 = 0.0;
};

// Where people live, from the most to the least precise: a population grid,
// residential buildings, residential land use (polygons, WGS84). Each may be
// empty; the demand model picks, per commune, the first that covers it.
struct PopulationSources {
  std::vector<PopulationCell> grid_cells;
  std::vector<ResidentialBuilding> buildings;
  std::vector<GeosGeometry> residential_areas;
};

}  // namespace couverture
