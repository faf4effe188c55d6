#pragma once

#include <span>
#include <vector>

#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/demand_point.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/lon_lat.hpp"

namespace couverture {

// A regular lon/lat grid about `spacing_m` apart: cell (i, j) spans
// [min_lon + i·step_lon, min_lon + (i+1)·step_lon) × [min_lat + j·step_lat, ...)
// and its node is the cell's centre. Steps come from a sphere of the WGS84
// mean radius at the middle latitude: the spacing only needs to be about
// right, and the same frame both places grid nodes and gathers buildings.
struct GridFrame {
  double min_lon = 0.0;
  double min_lat = 0.0;
  double max_lon = 0.0;
  double max_lat = 0.0;
  double step_lon = 0.0;
  double step_lat = 0.0;
};

// The frame anchored at the south-west corner of `area`'s envelope; throws
// std::invalid_argument when the spacing is not positive.
[[nodiscard]] GridFrame grid_frame_over(const GEOSGeometry& area, double spacing_m);

// The nodes (cell centres) of `frame` that lie inside `area` (boundary
// excluded); only the cells within area's envelope are tried.
[[nodiscard]] std::vector<LonLat> grid_points_inside(const GEOSGeometry& area,
                                                     const GridFrame& frame);

// A point guaranteed to lie on `area` (GEOS PointOnSurface).
[[nodiscard]] LonLat point_on_surface(const GEOSGeometry& area);

// The grid nodes of `boundary` at `spacing_m`, or its point on surface when
// no node falls inside (a commune narrower than a cell).
[[nodiscard]] std::vector<LonLat> regular_grid_points(const GEOSGeometry& boundary,
                                                      double spacing_m);

// An upper bound on the regular-grid nodes of `communes` at `spacing_m`:
// the cells of each commune's envelope (+1 per commune, its point on
// surface), computed before any is placed so that a spacing typed in km
// (0.4) is refused instead of filling the memory. +inf when the spacing is
// not positive and finite.
[[nodiscard]] double estimated_grid_points(std::span<const Commune> communes, double spacing_m);

// The first demand model: each commune's population shared equally among the
// nodes of a regular grid (about `spacing_m` apart) that fall inside it, or
// among one point on its surface when the commune is smaller than a cell.
// Every person is counted once: per commune, the points sum to its
// population, and each point's by_band is its equal share of the commune's
// population_by_band (so it sums to the point's population when the
// commune's bands sum to its population, as assign_age_bands makes them).
// Communes without a boundary get no point.
std::vector<DemandPoint> spread_demand_evenly(std::span<const Commune> communes, double spacing_m);

}  // namespace couverture
