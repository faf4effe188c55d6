#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/isochrone_checks.hpp"
#include "couverture/engine/travel_time_surface.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/contour_polygons.hpp"
#include "couverture/geodata/facility.hpp"
#include "couverture/geodata/network_access.hpp"
#include "couverture/geodata/scenario_defaults.hpp"
#include "couverture/geodata/travel_thresholds.hpp"

namespace couverture {

// How isochrones are drawn: contours of a travel-time surface. The defaults
// live here and nowhere else.
struct IsochroneParameters {
  std::vector<double> thresholds_minutes = kDefaultThresholdsMinutes;  // strictly increasing, > 0
  ContourForm form = ContourForm::bands;
  bool per_facility = true;  // one polygon per facility and threshold
  bool by_service = true;    // one polygon per service type and threshold
  // How cells, facilities and demand join the roads (its max_snap_distance_m
  // is not used: cells farther than max_offroad_m have no time).
  NetworkAccess network;
  // The surface: square cells of cell_m metres in the output CRS; a cell
  // whose centre lies farther than max_offroad_m from every road it may
  // join has no time. 1 km is the distance beyond which the run already
  // warns that a demand point is far from its road.
  double cell_m = kDefaultIsochroneCellM;
  double max_offroad_m = kDefaultMaxOffroadM;
  std::size_t max_road_samples = 2000;  // road points checked per band
  std::size_t max_cells = 50'000'000;   // refuse larger grids (memory)
};

// One polygon as written: a band (0–T) or a ring (T_prev–T) of one facility,
// or of a service type (from its nearest-facility surface).
struct IsochroneFeature {
  std::uint32_t facility = kInvalidId;  // input facility index; kInvalidId for a service
  std::string service_type;
  double from_minutes = 0.0;  // 0 for a band, the previous threshold for a ring
  double minutes = 0.0;
  GeosGeometry area;  // in the surface's CRS
  double area_km2 = 0.0;
  double population = 0.0;          // demand points inside the polygon
  double population_reached = 0.0;  // demand points whose time lies in the band
  IsochroneQuality quality;         // of the band T (rings carry their band's)
};

// The nearest-facility surface of one service type, over the whole grid
// (minutes; kNoSurfaceValue where no time, +inf where unreachable).
struct ServiceSurface {
  std::string service_type;
  std::vector<float> minutes;
};

struct IsochroneOutcome {
  bool computed = false;
  std::vector<double> thresholds_minutes;
  ContourForm form = ContourForm::bands;
  RasterGrid grid;
  double max_offroad_m = 0.0;
  std::size_t cells_placed = 0;
  std::vector<IsochroneFeature> per_facility;  // by facility, then threshold
  std::vector<IsochroneFeature> by_service;    // by service type, then threshold
  std::vector<ServiceSurface> surfaces;        // by service type
  // Demand points farther than max_offroad_m from their road: their place
  // has no time on the surface (their own time is still computed).
  std::size_t demand_points_off_surface = 0;
  double population_off_surface = 0.0;
  // Over every band checked.
  std::size_t bands_checked = 0;
  std::size_t bands_with_guarantees = 0;
  std::size_t polygons_repaired = 0;
  std::size_t demand_points_near_boundary = 0;
  std::size_t demand_points_misplaced = 0;
  double max_far_share_inside = 0.0;
  double mean_far_share_inside = 0.0;
};

// What isochrones are drawn from: the run's network, facilities, demand
// and nearest-facility times, and the territory the grid covers.
struct IsochroneInputs {
  const RoadGraph* roads = nullptr;
  std::span<const Commune> communes;
  std::span<const Facility> facilities;
  std::span<const NetworkPosition> facility_positions;
  std::span<const DemandPoint> demand;
  std::span<const NetworkPosition> demand_positions;
  std::span<const ServiceCoverage> services;  // demand times per service type
  std::string crs;                            // projected, metres (e.g. "EPSG:2154")
};

// Travel-time surfaces and their contours. Builds a grid of cell_m cells in
// `crs` over the communes and snaps each cell once; then runs one bounded
// search per facility (TravelTimeMatrixBuilder::visit_rows, over the cells
// and the demand points at once) and contours each facility's surface as
// its search ends, holding one surface per core; per service type, the
// nearest-facility surface of one multi-source search is contoured. Every
// band is checked (check_bands).
// Throws std::invalid_argument on bad parameters (thresholds, cell size,
// CRS not metric, grid too large), naming the parameter.
IsochroneOutcome analyse_isochrones(const IsochroneInputs& inputs,
                                    const IsochroneParameters& parameters,
                                    const StageCallback& on_stage = {});

// The grid over the communes' extent in `to_grid`'s CRS (every boundary
// vertex converted), aligned on cell_m.
RasterGrid territory_grid(std::span<const Commune> communes, const CrsTransformation& to_grid,
                          double cell_m, std::size_t max_cells);

}  // namespace couverture
