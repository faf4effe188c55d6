#include "couverture/engine/demand_spreader.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace couverture {

namespace {

// Metres per degree on a sphere of the WGS84 mean radius; grid spacing only
// needs to be approximately `spacing_m`, so this is precise enough.
constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;

std::vector<LonLat> grid_inside(const GEOSGeometry& boundary, double spacing_m) {
  GEOSContextHandle_t context = geos_context();
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  if (GEOSGeom_getXMin_r(context, &boundary, &min_x) == 0 ||
      GEOSGeom_getYMin_r(context, &boundary, &min_y) == 0 ||
      GEOSGeom_getXMax_r(context, &boundary, &max_x) == 0 ||
      GEOSGeom_getYMax_r(context, &boundary, &max_y) == 0) {
    return {};
  }
  const double step_lat = spacing_m / kMetresPerDegree;
  const double mid_lat = (min_y + max_y) / 2.0 * std::numbers::pi / 180.0;
  const double step_lon = step_lat / std::max(std::cos(mid_lat), 0.01);
  const GeosPrepared prepared = geos_prepare(boundary);
  std::vector<LonLat> points;
  // Cells are centred, so a commune narrower than a cell may hold none.
  for (double lat = min_y + step_lat / 2; lat < max_y; lat += step_lat) {
    for (double lon = min_x + step_lon / 2; lon < max_x; lon += step_lon) {
      const GeosGeometry point = geos_point(lon, lat);
      if (GEOSPreparedContains_r(context, prepared.get(), point.get()) == 1) {
        points.push_back({lon, lat});
      }
    }
  }
  return points;
}

LonLat point_on_surface(const GEOSGeometry& boundary) {
  GEOSContextHandle_t context = geos_context();
  const GeosGeometry point = take_geos(GEOSPointOnSurface_r(context, &boundary), "PointOnSurface");
  LonLat position;
  GEOSGeomGetX_r(context, point.get(), &position.lon);
  GEOSGeomGetY_r(context, point.get(), &position.lat);
  return position;
}

}  // namespace

std::vector<DemandPoint> spread_demand_evenly(std::span<const Commune> communes, double spacing_m) {
  if (!(spacing_m > 0.0)) throw std::invalid_argument("demand spacing must be positive");
  std::vector<DemandPoint> demand;
  for (std::size_t c = 0; c < communes.size(); ++c) {
    const Commune& commune = communes[c];
    if (!commune.boundary) continue;
    std::vector<LonLat> points = grid_inside(*commune.boundary, spacing_m);
    if (points.empty()) points.push_back(point_on_surface(*commune.boundary));
    const double share = commune.population / static_cast<double>(points.size());
    for (const LonLat& position : points) {
      demand.push_back({static_cast<std::uint32_t>(c), position, share});
    }
  }
  return demand;
}

}  // namespace couverture
