#include "network_coverage_check.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <string>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/geos_geometry.hpp"

namespace couverture::pipeline {

namespace {

// A longitude/latitude box; empty while min > max.
struct Box {
  double min_lon = std::numeric_limits<double>::infinity();
  double min_lat = std::numeric_limits<double>::infinity();
  double max_lon = -std::numeric_limits<double>::infinity();
  double max_lat = -std::numeric_limits<double>::infinity();

  void add(double lon, double lat) {
    min_lon = std::min(min_lon, lon);
    max_lon = std::max(max_lon, lon);
    min_lat = std::min(min_lat, lat);
    max_lat = std::max(max_lat, lat);
  }
  [[nodiscard]] bool empty() const { return min_lon > max_lon || min_lat > max_lat; }
  // In square degrees: only ratios at one latitude are taken.
  [[nodiscard]] double area() const {
    return empty() ? 0.0 : (max_lon - min_lon) * (max_lat - min_lat);
  }
  [[nodiscard]] std::string text() const {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "lon %.3f to %.3f, lat %.3f to %.3f", min_lon, max_lon,
                  min_lat, max_lat);
    return buffer;
  }
};

Box intersection(const Box& a, const Box& b) {
  Box box;
  box.min_lon = std::max(a.min_lon, b.min_lon);
  box.max_lon = std::min(a.max_lon, b.max_lon);
  box.min_lat = std::max(a.min_lat, b.min_lat);
  box.max_lat = std::min(a.max_lat, b.max_lat);
  return box;
}

Box communes_box(const std::vector<Commune>& communes) {
  Box box;
  GEOSContextHandle_t context = geos_context();
  for (const Commune& commune : communes) {
    if (!commune.boundary || GEOSisEmpty_r(context, commune.boundary.get()) != 0) continue;
    double x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0;
    if (GEOSGeom_getXMin_r(context, commune.boundary.get(), &x0) == 0 ||
        GEOSGeom_getYMin_r(context, commune.boundary.get(), &y0) == 0 ||
        GEOSGeom_getXMax_r(context, commune.boundary.get(), &x1) == 0 ||
        GEOSGeom_getYMax_r(context, commune.boundary.get(), &y1) == 0) {
      continue;
    }
    box.add(x0, y0);
    box.add(x1, y1);
  }
  return box;
}

}  // namespace

void check_network_covers_communes(const RoadGraph& roads, const std::vector<Commune>& communes,
                                   const Scenario& scenario) {
  const Box territory = communes_box(communes);
  if (territory.empty() || roads.node_count() == 0) return;
  Box network;
  for (const LonLat& p : roads.node_position) network.add(p.lon, p.lat);
  // Grown by the snapping limit: homes that far from the last road still
  // reach it.
  constexpr double kMetresPerDegree = 111320.0;
  const double middle_lat = 0.5 * (territory.min_lat + territory.max_lat);
  const double grow_lat = scenario.network.access.max_snap_distance_m / kMetresPerDegree;
  const double grow_lon =
      grow_lat / std::max(0.01, std::cos(middle_lat * std::numbers::pi / 180.0));
  network.min_lon -= grow_lon;
  network.max_lon += grow_lon;
  network.min_lat -= grow_lat;
  network.max_lat += grow_lat;
  const double territory_area = territory.area();
  if (territory_area <= 0.0) return;
  const double share = intersection(territory, network).area() / territory_area;
  if (share >= kMinNetworkCoverShare) return;
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.1f %%", 100.0 * share);
  throw DataError({.file = scenario.network.path.string()},
                  "the road network (" + network.text() + ") covers " + percent +
                      " of the area of the communes of " + scenario.communes.path.string() + " (" +
                      territory.text() +
                      "): it is of another area; give an OSM extract that covers the communes "
                      "as network.path, or check communes.path");
}

}  // namespace couverture::pipeline
