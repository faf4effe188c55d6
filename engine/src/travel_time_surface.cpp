#include "couverture/engine/travel_time_surface.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include "couverture/geodata/contour_polygons.hpp"

namespace couverture {

namespace {

// Every cell centre of the grid in WGS84, row-major.
std::vector<LonLat> cell_centres_wgs84(const RasterGrid& grid, const CrsTransformation& to_grid) {
  std::vector<double> x(grid.cell_count());
  std::vector<double> y(grid.cell_count());
  for (std::uint32_t r = 0; r < grid.rows; ++r) {
    for (std::uint32_t c = 0; c < grid.columns; ++c) {
      const std::size_t i = static_cast<std::size_t>(r) * grid.columns + c;
      x[i] = grid.centre_x(c);
      y[i] = grid.centre_y(r);
    }
  }
  to_grid.to_wgs84(x, y);
  std::vector<LonLat> centres(grid.cell_count());
  for (std::size_t i = 0; i < centres.size(); ++i) centres[i] = {x[i], y[i]};
  return centres;
}

}  // namespace

std::vector<GridXY> to_grid_xy(std::span<const LonLat> points, const CrsTransformation& to_grid) {
  std::vector<double> x(points.size());
  std::vector<double> y(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    x[i] = points[i].lon;
    y[i] = points[i].lat;
  }
  to_grid.from_wgs84(x, y);
  std::vector<GridXY> result(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) result[i] = {x[i], y[i]};
  return result;
}

SurfaceCells place_surface_cells(const RoadGraph& graph, const RasterGrid& grid,
                                 const CrsTransformation& to_grid, double max_offroad_m,
                                 std::optional<RoadClassSet> snappable_classes) {
  if (!(max_offroad_m > 0.0)) {
    throw std::invalid_argument("place_surface_cells: max_offroad_m must be positive");
  }
  const std::vector<LonLat> centres = cell_centres_wgs84(grid, to_grid);
  // Snapping dominates: spread it over the cores, one snapper's index
  // shared by all, one projection per thread (a PROJ object is not shared).
  const NetworkSnapper snapper(graph, snappable_classes);
  std::vector<NetworkPosition> snapped(centres.size());
  tbb::enumerable_thread_specific<std::optional<LocalProjection>> frames;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, centres.size(), 4096),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      std::optional<LocalProjection>& frame = frames.local();
                      if (!frame) frame.emplace(snapper.frame_centre());
                      for (std::size_t i = range.begin(); i != range.end(); ++i) {
                        if (!std::isfinite(centres[i].lon) || !std::isfinite(centres[i].lat)) {
                          continue;
                        }
                        snapped[i] = snapper.snap(centres[i], *frame);
                      }
                    });
  SurfaceCells cells;
  cells.grid = grid;
  cells.max_offroad_m = max_offroad_m;
  cells.placed_index.assign(grid.cell_count(), kInvalidId);
  std::vector<LonLat> road_points;
  for (std::size_t i = 0; i < snapped.size(); ++i) {
    if (!snapped[i].valid() || snapped[i].distance_m > max_offroad_m) continue;
    cells.placed_index[i] = static_cast<std::uint32_t>(cells.cell.size());
    cells.cell.push_back(static_cast<std::uint32_t>(i));
    road_points.push_back(snapped[i].point);
    cells.positions.push_back(snapped[i]);
  }
  cells.road_point = to_grid_xy(road_points, to_grid);
  return cells;
}

float surface_minutes(double seconds) {
  if (!std::isfinite(seconds)) return std::numeric_limits<float>::infinity();
  return static_cast<float>(seconds / 60.0);
}

std::vector<float> nearest_facility_surface(NearestFacilityTimes& times,
                                            std::span<const NetworkPosition> facilities,
                                            const SurfaceCells& cells) {
  std::vector<float> minutes(cells.grid.cell_count(), kNoSurfaceValue);
  const std::vector<NearestFacility> nearest = times.compute(facilities, cells.positions);
  for (std::size_t p = 0; p < nearest.size(); ++p) {
    minutes[cells.cell[p]] = surface_minutes(nearest[p].seconds);
  }
  return minutes;
}

}  // namespace couverture
