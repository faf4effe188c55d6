#include "couverture/engine/isochrone_analysis.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include "couverture/engine/travel_time_matrix.hpp"
#include "couverture/geodata/geos_operations.hpp"
#include "couverture/geodata/travel_thresholds.hpp"

namespace couverture {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// What a place never reached enters the contour generator as: beyond any
// threshold (a week), finite so that interpolation stays defined.
constexpr double kNeverReached = 7.0 * 24.0 * 60.0;
constexpr std::size_t kRoadSampleFactor = 8;

void check_parameters(const IsochroneParameters& p) {
  if (const std::string problem = threshold_problem(p.thresholds_minutes); !problem.empty()) {
    throw std::invalid_argument("isochrone thresholds: " + problem);
  }
  if (!(p.cell_m > 0.0) || !std::isfinite(p.cell_m)) {
    throw std::invalid_argument("isochrones.cell_m must be a positive number of metres");
  }
  if (!(p.max_offroad_m > 0.0) || !std::isfinite(p.max_offroad_m)) {
    throw std::invalid_argument("isochrones.max_offroad_m must be a positive number of metres");
  }
  if (!(p.network.access_speed_kmh > 0.0) || !std::isfinite(p.network.access_speed_kmh)) {
    throw std::invalid_argument("the access speed must be positive");
  }
}

// Everything the per-polygon work shares, computed once per run.
struct Territory {
  const IsochroneInputs* inputs = nullptr;
  const IsochroneParameters* parameters = nullptr;
  SurfaceCells cells;
  std::vector<GridXY> demand_xy;
  std::vector<bool> demand_on_surface;  // within max_offroad_m of its road
  // Demand points grouped by the grid cell holding them (CSR, by cell).
  std::vector<std::uint32_t> first_demand;
  std::vector<std::uint32_t> demand_in_cell;
  std::vector<GridXY> facility_xy;
  std::vector<double> facility_own_minutes;  // access walk there and back
  // The placed cells whose road points the checks test: every k-th, about
  // kRoadSampleFactor × max_road_samples over the territory, so that a
  // facility's checks cost little whatever the size of its surface.
  std::vector<bool> road_sampled;  // by placed cell

  [[nodiscard]] double walk_minutes(double metres) const {
    return metres / metres_per_second(parameters->network.access_speed_kmh) / 60.0;
  }
};

std::optional<std::uint32_t> cell_of(const RasterGrid& grid, GridXY p) {
  const double column = std::floor((p.x - grid.min_x) / grid.cell_m);
  const double row = std::floor((grid.max_y - p.y) / grid.cell_m);
  if (!(column >= 0.0 && row >= 0.0 && column < grid.columns && row < grid.rows)) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(row) * grid.columns + static_cast<std::uint32_t>(column);
}

void index_demand(Territory& territory) {
  const RasterGrid& grid = territory.cells.grid;
  territory.first_demand.assign(grid.cell_count() + 1, 0);
  std::vector<std::uint32_t> cell(territory.demand_xy.size(), kInvalidId);
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (const auto c = cell_of(grid, territory.demand_xy[i])) {
      cell[i] = *c;
      ++territory.first_demand[*c + 1];
    }
  }
  for (std::size_t c = 0; c < grid.cell_count(); ++c) {
    territory.first_demand[c + 1] += territory.first_demand[c];
  }
  territory.demand_in_cell.resize(territory.first_demand.back());
  std::vector<std::uint32_t> next(territory.first_demand.begin(), territory.first_demand.end() - 1);
  for (std::uint32_t i = 0; i < cell.size(); ++i) {
    if (cell[i] != kInvalidId) territory.demand_in_cell[next[cell[i]]++] = i;
  }
}

Territory prepare_territory(const IsochroneInputs& inputs, const IsochroneParameters& parameters,
                            const CrsTransformation& to_grid) {
  Territory territory;
  territory.inputs = &inputs;
  territory.parameters = &parameters;
  const RasterGrid grid =
      territory_grid(inputs.communes, to_grid, parameters.cell_m, parameters.max_cells);
  territory.cells = place_surface_cells(*inputs.roads, grid, to_grid, parameters.max_offroad_m,
                                        parameters.network.snappable_classes);
  std::vector<LonLat> points;
  for (const DemandPoint& point : inputs.demand) points.push_back(point.position);
  territory.demand_xy = to_grid_xy(points, to_grid);
  for (const NetworkPosition& p : inputs.demand_positions) {
    territory.demand_on_surface.push_back(p.valid() && p.distance_m <= parameters.max_offroad_m);
  }
  index_demand(territory);
  const std::size_t placed = territory.cells.placed_count();
  const std::size_t wanted =
      kRoadSampleFactor * std::max<std::size_t>(1, parameters.max_road_samples);
  const std::size_t stride = placed <= wanted ? 1 : placed / wanted;
  territory.road_sampled.assign(placed, false);
  for (std::size_t p = 0; p < placed; p += stride) territory.road_sampled[p] = true;
  points.clear();
  for (const Facility& facility : inputs.facilities) points.push_back(facility.position);
  territory.facility_xy = to_grid_xy(points, to_grid);
  for (const NetworkPosition& p : inputs.facility_positions) {
    territory.facility_own_minutes.push_back(p.valid() ? 2.0 * territory.walk_minutes(p.distance_m)
                                                       : kInf);
  }
  return territory;
}

// One surface to contour and check: a window of the grid with its values,
// and the places near it.
struct SurfacePiece {
  GridWindow window;
  std::vector<float> values;    // by window cell
  std::vector<GridXY> origins;  // facility places
  std::vector<double> origin_own_minutes;
  std::vector<TimedPlace> demand_checked;  // on the surface, in the window
  std::vector<TimedPlace> demand_all;      // in the window (population inside)
  std::vector<TimedPlace> demand_reached;  // every demand point with its time (population within)
  std::vector<TimedPlace> road_points;
};

// The window's demand points and road points, with their times.
// `minutes_of` gives a demand point's time. A window value of +inf is a cell
// beyond the search: its road point's time is only known to exceed
// `search_minutes` minus the cell's walk.
template <typename DemandMinutes>
void gather_places(const Territory& territory, SurfacePiece& piece, DemandMinutes minutes_of,
                   double search_minutes) {
  const RasterGrid& grid = territory.cells.grid;
  const GridWindow& w = piece.window;
  for (std::uint32_t r = 0; r < w.rows; ++r) {
    for (std::uint32_t c = 0; c < w.columns; ++c) {
      const std::size_t cell = static_cast<std::size_t>(w.row + r) * grid.columns + w.column + c;
      for (std::uint32_t k = territory.first_demand[cell]; k < territory.first_demand[cell + 1];
           ++k) {
        const std::uint32_t i = territory.demand_in_cell[k];
        const TimedPlace place{territory.demand_xy[i], minutes_of(i),
                               territory.inputs->demand[i].population, true};
        piece.demand_all.push_back(place);
        if (territory.demand_on_surface[i]) piece.demand_checked.push_back(place);
      }
      const std::uint32_t p = territory.cells.placed_index[cell];
      if (p == kInvalidId || !territory.road_sampled[p]) continue;
      const double value = piece.values[static_cast<std::size_t>(r) * w.columns + c];
      const double walk = territory.walk_minutes(territory.cells.positions[p].distance_m);
      const bool exact = std::isfinite(value);
      piece.road_points.push_back({territory.cells.road_point[p],
                                   exact ? value - walk : search_minutes - walk, 0.0, exact});
    }
  }
}

// Contours the piece and makes its features (bands or rings, with checks).
// Cells beyond the search (+inf) enter the contour generator as `fill`:
// the lower bound of their time (the search's bound), or a value beyond
// every level for places never reached.
std::vector<IsochroneFeature> contour_piece(const Territory& territory, SurfacePiece& piece,
                                            std::uint32_t facility, const std::string& service_type,
                                            double fill) {
  const IsochroneParameters& parameters = *territory.parameters;
  const std::vector<double>& thresholds = parameters.thresholds_minutes;
  const RasterGrid grid = window_grid(territory.cells.grid, piece.window);
  std::vector<float> values = piece.values;
  for (float& value : values) {
    if (std::isinf(value)) value = static_cast<float>(fill);
  }
  std::vector<bool> band_repaired;
  std::vector<bool> ring_repaired(thresholds.size(), false);
  std::vector<GeosGeometry> bands =
      contour_polygons(grid, values, thresholds, ContourForm::bands, &band_repaired);
  const bool rings = parameters.form == ContourForm::rings;
  std::vector<GeosGeometry> shapes;
  if (rings)
    shapes = contour_polygons(grid, values, thresholds, ContourForm::rings, &ring_repaired);
  BandCheckInputs check;
  check.thresholds_minutes = thresholds;
  check.origins = piece.origins;
  check.origin_own_minutes = piece.origin_own_minutes;
  check.demand = piece.demand_checked;
  check.road_points = piece.road_points;
  check.tolerance_m = grid.cell_m * std::sqrt(2.0);
  check.tolerance_minutes = territory.walk_minutes(check.tolerance_m);
  check.max_road_samples = parameters.max_road_samples;
  // contour_polygons ran GEOS isValid on every band, and repaired any that
  // failed: only a repaired band needs another look.
  std::vector<char> valid(bands.size());
  for (std::size_t k = 0; k < bands.size(); ++k) {
    valid[k] = !band_repaired[k] || geos_is_valid(*bands[k]);
  }
  const std::unique_ptr<bool[]> known_valid(new bool[bands.size()]);
  for (std::size_t k = 0; k < bands.size(); ++k) known_valid[k] = valid[k] != 0;
  check.known_valid = std::span<const bool>(known_valid.get(), bands.size());
  std::vector<IsochroneQuality> quality = check_bands(bands, check);
  const std::vector<double> within = weight_within(piece.demand_reached, thresholds, rings);
  std::vector<IsochroneFeature> features(thresholds.size());
  for (std::size_t k = 0; k < thresholds.size(); ++k) {
    IsochroneFeature& feature = features[k];
    feature.facility = facility;
    feature.service_type = service_type;
    feature.from_minutes = rings && k > 0 ? thresholds[k - 1] : 0.0;
    feature.minutes = thresholds[k];
    feature.area = std::move(rings ? shapes[k] : bands[k]);
    feature.area_km2 = geos_area(*feature.area) / 1e6;
    feature.population = weight_inside(*feature.area, piece.demand_all);
    feature.population_reached = within[k];
    feature.quality = quality[k];
    feature.quality.repaired = band_repaired[k] || ring_repaired[k];
  }
  return features;
}

// The window around the cells and demand points a facility reaches (plus
// one cell, so that the contour closes on cells beyond the search).
GridWindow reach_window(const RasterGrid& grid, std::span<const std::uint32_t> cells,
                        std::optional<std::uint32_t> own_cell) {
  std::uint32_t c0 = grid.columns;
  std::uint32_t r0 = grid.rows;
  std::uint32_t c1 = 0;
  std::uint32_t r1 = 0;
  const auto extend = [&](std::uint32_t cell) {
    const std::uint32_t r = cell / grid.columns;
    const std::uint32_t c = cell % grid.columns;
    c0 = std::min(c0, c);
    r0 = std::min(r0, r);
    c1 = std::max(c1, c);
    r1 = std::max(r1, r);
  };
  for (const std::uint32_t cell : cells) extend(cell);
  if (own_cell) extend(*own_cell);
  if (c0 > c1) return {};
  c0 = c0 > 0 ? c0 - 1 : 0;
  r0 = r0 > 0 ? r0 - 1 : 0;
  c1 = std::min(c1 + 1, grid.columns - 1);
  r1 = std::min(r1 + 1, grid.rows - 1);
  return {c0, r0, c1 - c0 + 1, r1 - r0 + 1};
}

// Scratch of one worker: a facility's demand times, by demand point.
struct DemandScratch {
  std::vector<double> minutes;
  std::vector<std::uint32_t> touched;
};

// The facility's surface over its window: cells without time, cells beyond
// the search (+inf) and the cells its row reached.
void fill_window(const SurfaceCells& cells, std::span<const std::uint32_t> origins,
                 std::span<const double> seconds, SurfacePiece& piece) {
  const RasterGrid& grid = cells.grid;
  const GridWindow& w = piece.window;
  piece.values.resize(static_cast<std::size_t>(w.columns) * w.rows);
  for (std::uint32_t r = 0; r < w.rows; ++r) {
    for (std::uint32_t c = 0; c < w.columns; ++c) {
      const std::size_t cell = static_cast<std::size_t>(w.row + r) * grid.columns + w.column + c;
      piece.values[static_cast<std::size_t>(r) * w.columns + c] =
          cells.placed_index[cell] == kInvalidId ? kNoSurfaceValue
                                                 : std::numeric_limits<float>::infinity();
    }
  }
  for (std::size_t e = 0; e < origins.size(); ++e) {
    if (origins[e] >= cells.placed_count()) continue;
    const std::uint32_t cell = cells.cell[origins[e]];
    const std::uint32_t r = cell / grid.columns - w.row;
    const std::uint32_t c = cell % grid.columns - w.column;
    piece.values[static_cast<std::size_t>(r) * w.columns + c] = surface_minutes(seconds[e]);
  }
}

// One facility's features from its row: origins below placed_count() are
// surface cells, the others demand points.
std::vector<IsochroneFeature> facility_features(const Territory& territory,
                                                std::span<const std::uint32_t> origins,
                                                std::span<const double> seconds,
                                                std::uint32_t facility, double search_minutes,
                                                DemandScratch& scratch) {
  const SurfaceCells& cells = territory.cells;
  const RasterGrid& grid = cells.grid;
  const std::size_t placed = cells.placed_count();
  scratch.minutes.resize(territory.demand_xy.size(), kInf);
  std::vector<std::uint32_t> reached_cells;
  SurfacePiece piece;
  for (std::size_t e = 0; e < origins.size(); ++e) {
    if (origins[e] < placed) {
      reached_cells.push_back(cells.cell[origins[e]]);
      continue;
    }
    const std::uint32_t i = origins[e] - static_cast<std::uint32_t>(placed);
    scratch.minutes[i] = seconds[e] / 60.0;
    scratch.touched.push_back(i);
    piece.demand_reached.push_back(
        {territory.demand_xy[i], seconds[e] / 60.0, territory.inputs->demand[i].population, true});
    if (const auto c = cell_of(grid, territory.demand_xy[i])) reached_cells.push_back(*c);
  }
  piece.window = reach_window(grid, reached_cells, cell_of(grid, territory.facility_xy[facility]));
  std::vector<IsochroneFeature> features;
  if (piece.window.columns > 0) {
    fill_window(cells, origins, seconds, piece);
    piece.origins = {territory.facility_xy[facility]};
    piece.origin_own_minutes = {territory.facility_own_minutes[facility]};
    gather_places(
        territory, piece, [&](std::uint32_t i) { return scratch.minutes[i]; }, search_minutes);
    features = contour_piece(territory, piece, facility,
                             territory.inputs->facilities[facility].service_type, search_minutes);
  }
  for (const std::uint32_t i : scratch.touched) scratch.minutes[i] = kInf;
  scratch.touched.clear();
  return features;
}

// One bounded search per facility over the surface cells and the demand
// points at once, each row contoured as soon as it is found (no matrix is
// kept). The bound is the largest threshold plus the walk across one cell:
// a cell beyond it enters the contour at the bound, which moves the last
// contour by less than a cell.
std::vector<IsochroneFeature> per_facility_features(const Territory& territory,
                                                    const StageCallback& stage) {
  const IsochroneInputs& inputs = *territory.inputs;
  const IsochroneParameters& parameters = *territory.parameters;
  const double search_minutes = parameters.thresholds_minutes.back() +
                                territory.walk_minutes(parameters.cell_m * std::sqrt(2.0));
  std::vector<NetworkPosition> origins = territory.cells.positions;
  origins.insert(origins.end(), inputs.demand_positions.begin(), inputs.demand_positions.end());
  TravelTimeMatrixBuilder builder(*inputs.roads,
                                  metres_per_second(parameters.network.access_speed_kmh),
                                  parameters.network.direction);
  const std::size_t count = inputs.facilities.size();
  std::vector<std::vector<IsochroneFeature>> by_facility(count);
  tbb::enumerable_thread_specific<DemandScratch> scratch;
  if (stage) stage("isochrones: " + std::to_string(count) + " facility surfaces and contours");
  builder.visit_rows(inputs.facility_positions, origins, search_minutes * 60.0,
                     [&](std::size_t f, std::span<const std::uint32_t> row_origins,
                         std::span<const double> row_seconds) {
                       by_facility[f] = facility_features(territory, row_origins, row_seconds,
                                                          static_cast<std::uint32_t>(f),
                                                          search_minutes, scratch.local());
                     });
  std::vector<IsochroneFeature> features;
  for (std::vector<IsochroneFeature>& group : by_facility) {
    for (IsochroneFeature& feature : group) features.push_back(std::move(feature));
  }
  return features;
}

// Contours the nearest-facility surface of each service type.
void per_service_features(const Territory& territory, IsochroneOutcome& outcome,
                          bool make_features) {
  const IsochroneInputs& inputs = *territory.inputs;
  const IsochroneParameters& parameters = *territory.parameters;
  const RasterGrid& grid = territory.cells.grid;
  NearestFacilityTimes times(*inputs.roads, metres_per_second(parameters.network.access_speed_kmh),
                             parameters.network.direction);
  for (const ServiceCoverage& service : inputs.services) {
    std::vector<NetworkPosition> positions;
    SurfacePiece piece;
    for (const std::uint32_t f : service.facilities) {
      positions.push_back(inputs.facility_positions[f]);
      piece.origins.push_back(territory.facility_xy[f]);
      piece.origin_own_minutes.push_back(territory.facility_own_minutes[f]);
    }
    ServiceSurface surface{service.service_type,
                           nearest_facility_surface(times, positions, territory.cells)};
    if (make_features) {
      piece.window = {0, 0, grid.columns, grid.rows};
      piece.values = surface.minutes;
      for (std::size_t i = 0; i < inputs.demand.size(); ++i) {
        piece.demand_reached.push_back(
            {territory.demand_xy[i], service.demand_minutes[i], inputs.demand[i].population});
      }
      gather_places(
          territory, piece, [&](std::uint32_t i) { return service.demand_minutes[i]; }, kInf);
      for (IsochroneFeature& feature :
           contour_piece(territory, piece, kInvalidId, service.service_type, kNeverReached)) {
        outcome.by_service.push_back(std::move(feature));
      }
    }
    outcome.surfaces.push_back(std::move(surface));
  }
}

void summarise_checks(IsochroneOutcome& outcome) {
  double far_sum = 0.0;
  for (const auto* features : {&outcome.per_facility, &outcome.by_service}) {
    for (const IsochroneFeature& feature : *features) {
      const IsochroneQuality& q = feature.quality;
      ++outcome.bands_checked;
      if (q.guarantees_hold()) ++outcome.bands_with_guarantees;
      if (q.repaired) ++outcome.polygons_repaired;
      outcome.demand_points_near_boundary += q.demand_points_near_boundary;
      outcome.demand_points_misplaced += q.demand_points_misplaced;
      outcome.max_far_share_inside = std::max(outcome.max_far_share_inside, q.far_share_inside);
      far_sum += q.far_share_inside;
    }
  }
  if (outcome.bands_checked > 0) {
    outcome.mean_far_share_inside = far_sum / static_cast<double>(outcome.bands_checked);
  }
}

}  // namespace

RasterGrid territory_grid(std::span<const Commune> communes, const CrsTransformation& to_grid,
                          double cell_m, std::size_t max_cells) {
  // The image of each commune's lon/lat envelope, its edges densified: a
  // conformal projection bends them, and extremes lie on the boundary.
  constexpr int kSteps = 16;
  std::vector<double> x;
  std::vector<double> y;
  GEOSContextHandle_t context = geos_context();
  for (const Commune& commune : communes) {
    if (!commune.boundary || GEOSisEmpty_r(context, commune.boundary.get()) == 1) continue;
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    GEOSGeom_getXMin_r(context, commune.boundary.get(), &x0);
    GEOSGeom_getXMax_r(context, commune.boundary.get(), &x1);
    GEOSGeom_getYMin_r(context, commune.boundary.get(), &y0);
    GEOSGeom_getYMax_r(context, commune.boundary.get(), &y1);
    for (int s = 0; s <= kSteps; ++s) {
      const double f = static_cast<double>(s) / kSteps;
      for (const auto& [px, py] :
           {std::pair{x0 + f * (x1 - x0), y0}, std::pair{x0 + f * (x1 - x0), y1},
            std::pair{x0, y0 + f * (y1 - y0)}, std::pair{x1, y0 + f * (y1 - y0)}}) {
        x.push_back(px);
        y.push_back(py);
      }
    }
  }
  if (x.empty()) throw std::invalid_argument("the communes have no extent to lay a grid over");
  to_grid.from_wgs84(x, y);
  const auto [min_x, max_x] = std::minmax_element(x.begin(), x.end());
  const auto [min_y, max_y] = std::minmax_element(y.begin(), y.end());
  return grid_covering(*min_x, *min_y, *max_x, *max_y, cell_m, to_grid.crs(), max_cells);
}

IsochroneOutcome analyse_isochrones(const IsochroneInputs& inputs,
                                    const IsochroneParameters& parameters,
                                    const StageCallback& on_stage) {
  check_parameters(parameters);
  if (inputs.roads == nullptr || inputs.facility_positions.size() != inputs.facilities.size() ||
      inputs.demand_positions.size() != inputs.demand.size()) {
    throw std::invalid_argument("analyse_isochrones: inputs of different sizes");
  }
  const auto stage = [&](const std::string& name) {
    if (on_stage) on_stage(name);
  };
  const CrsTransformation to_grid(inputs.crs);
  stage("isochrones: placing the travel-time surface's cells on the network");
  const Territory territory = prepare_territory(inputs, parameters, to_grid);
  IsochroneOutcome outcome;
  outcome.computed = true;
  outcome.thresholds_minutes = parameters.thresholds_minutes;
  outcome.form = parameters.form;
  outcome.grid = territory.cells.grid;
  outcome.max_offroad_m = parameters.max_offroad_m;
  outcome.cells_placed = territory.cells.placed_count();
  for (std::size_t i = 0; i < inputs.demand.size(); ++i) {
    if (territory.demand_on_surface[i]) continue;
    ++outcome.demand_points_off_surface;
    outcome.population_off_surface += inputs.demand[i].population;
  }
  if (parameters.per_facility) outcome.per_facility = per_facility_features(territory, on_stage);
  stage("isochrones: nearest-facility surfaces by service type");
  per_service_features(territory, outcome, parameters.by_service);
  summarise_checks(outcome);
  return outcome;
}

}  // namespace couverture
