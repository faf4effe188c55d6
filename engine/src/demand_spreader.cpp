#include "couverture/engine/demand_spreader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace couverture {

namespace {

// Metres per degree on a sphere of the WGS84 mean radius; grid spacing only
// needs to be approximately `spacing_m`, so this is precise enough.
constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;

struct Envelope {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

bool envelope_of(const GEOSGeometry& geometry, Envelope& envelope) {
  GEOSContextHandle_t context = geos_context();
  if (GEOSisEmpty_r(context, &geometry) != 0) return false;
  return GEOSGeom_getXMin_r(context, &geometry, &envelope.min_x) != 0 &&
         GEOSGeom_getYMin_r(context, &geometry, &envelope.min_y) != 0 &&
         GEOSGeom_getXMax_r(context, &geometry, &envelope.max_x) != 0 &&
         GEOSGeom_getYMax_r(context, &geometry, &envelope.max_y) != 0;
}

}  // namespace

GridFrame grid_frame_over(const GEOSGeometry& area, double spacing_m) {
  if (!(spacing_m > 0.0)) throw std::invalid_argument("demand spacing must be positive");
  Envelope envelope;
  if (!envelope_of(area, envelope)) return {};
  GridFrame frame;
  frame.min_lon = envelope.min_x;
  frame.min_lat = envelope.min_y;
  frame.max_lon = envelope.max_x;
  frame.max_lat = envelope.max_y;
  frame.step_lat = spacing_m / kMetresPerDegree;
  const double mid_lat = (envelope.min_y + envelope.max_y) / 2.0 * std::numbers::pi / 180.0;
  frame.step_lon = frame.step_lat / std::max(std::cos(mid_lat), 0.01);
  return frame;
}

std::vector<LonLat> grid_points_inside(const GEOSGeometry& area, const GridFrame& frame) {
  if (!(frame.step_lon > 0.0) || !(frame.step_lat > 0.0)) return {};
  Envelope envelope;
  if (!envelope_of(area, envelope)) return {};
  GEOSContextHandle_t context = geos_context();
  const GeosPrepared prepared = geos_prepare(area);
  // Only the cells whose centre can fall in the area's envelope.
  const auto first_cell = [](double min, double origin, double step) {
    return std::max(0.0, std::floor((min - origin) / step - 0.5));
  };
  const double i0 = first_cell(envelope.min_x, frame.min_lon, frame.step_lon);
  const double j0 = first_cell(envelope.min_y, frame.min_lat, frame.step_lat);
  std::vector<LonLat> points;
  // Nodes are computed from their index (not by accumulating steps) so that
  // the same frame gives the same nodes whatever area is tried.
  for (double j = j0;; ++j) {
    const double lat = frame.min_lat + (j + 0.5) * frame.step_lat;
    if (lat >= envelope.max_y) break;
    for (double i = i0;; ++i) {
      const double lon = frame.min_lon + (i + 0.5) * frame.step_lon;
      if (lon >= envelope.max_x) break;
      if (lon <= envelope.min_x || lat <= envelope.min_y) continue;
      const GeosGeometry point = geos_point(lon, lat);
      if (GEOSPreparedContains_r(context, prepared.get(), point.get()) == 1) {
        points.push_back({lon, lat});
      }
    }
  }
  return points;
}

LonLat point_on_surface(const GEOSGeometry& area) {
  GEOSContextHandle_t context = geos_context();
  const GeosGeometry point = take_geos(GEOSPointOnSurface_r(context, &area), "PointOnSurface");
  LonLat position;
  GEOSGeomGetX_r(context, point.get(), &position.lon);
  GEOSGeomGetY_r(context, point.get(), &position.lat);
  return position;
}

double estimated_grid_points(std::span<const Commune> communes, double spacing_m) {
  if (!(spacing_m > 0.0) || !std::isfinite(spacing_m)) {
    return std::numeric_limits<double>::infinity();
  }
  double count = 0.0;
  for (const Commune& commune : communes) {
    if (!commune.boundary) continue;
    const GridFrame frame = grid_frame_over(*commune.boundary, spacing_m);
    if (frame.step_lon > 0.0 && frame.step_lat > 0.0) {
      count += std::ceil((frame.max_lon - frame.min_lon) / frame.step_lon) *
               std::ceil((frame.max_lat - frame.min_lat) / frame.step_lat);
    }
    count += 1.0;
  }
  return count;
}

std::vector<LonLat> regular_grid_points(const GEOSGeometry& boundary, double spacing_m) {
  std::vector<LonLat> points = grid_points_inside(boundary, grid_frame_over(boundary, spacing_m));
  // Cells are centred, so a commune narrower than a cell may hold none.
  if (points.empty()) points.push_back(point_on_surface(boundary));
  return points;
}

std::vector<DemandPoint> spread_demand_evenly(std::span<const Commune> communes, double spacing_m) {
  if (!(spacing_m > 0.0)) throw std::invalid_argument("demand spacing must be positive");
  std::vector<DemandPoint> demand;
  for (std::size_t c = 0; c < communes.size(); ++c) {
    const Commune& commune = communes[c];
    if (!commune.boundary) continue;
    const std::vector<LonLat> points = regular_grid_points(*commune.boundary, spacing_m);
    const double count = static_cast<double>(points.size());
    DemandPoint share;
    share.commune = static_cast<std::uint32_t>(c);
    share.population = commune.population / count;
    for (std::size_t b = 0; b < kAgeBandCount; ++b) {
      share.by_band[b] = commune.population_by_band[b] / count;
    }
    for (const LonLat& position : points) {
      share.position = position;
      demand.push_back(share);
    }
  }
  return demand;
}

}  // namespace couverture
