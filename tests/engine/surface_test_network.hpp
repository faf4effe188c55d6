#pragma once

// Small road networks laid out in Lambert-93 metres around 3°E 49°N, on
// Lambert-93's northern standard parallel, where the projection keeps
// distances (scale 1 to within 1e-7 over a few km): lengths, walks and
// areas can be worked out by hand in the plane.
#include <cmath>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/engine/travel_time_surface.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/crs_transformation.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture::surface_test {

inline constexpr const char* kCrs = "EPSG:2154";
// 50 km/h: 1000 m take 72 s. The walk: 1.25 m/s (4.5 km/h).
inline constexpr double kRoadSpeedMps = 50.0 / 3.6;
inline constexpr double kWalkMps = 1.25;

// The Lambert-93 point of 3°E 49°N, rounded to whole 1000 m so that grid
// cells fall on round coordinates.
inline GridXY origin() {
  const CrsTransformation l93(kCrs);
  double x = 3.0;
  double y = 49.0;
  l93.from_wgs84({&x, 1}, {&y, 1});
  return {std::round(x / 1000.0) * 1000.0, std::round(y / 1000.0) * 1000.0};
}

// WGS84 of a point given in metres from origin().
inline LonLat lonlat(GridXY p) {
  const CrsTransformation l93(kCrs);
  const GridXY o = origin();
  double x = o.x + p.x;
  double y = o.y + p.y;
  l93.to_wgs84({&x, 1}, {&y, 1});
  return {x, y};
}

struct Road {
  NodeId a;
  NodeId b;
  bool two_way = true;
};

// A car network: arc times from plane lengths at kRoadSpeedMps.
inline RoadGraph network(const std::vector<GridXY>& xy, const std::vector<Road>& roads) {
  RoadGraph graph;
  graph.profile = "car";
  for (const GridXY& p : xy) graph.node_position.push_back(lonlat(p));
  std::vector<ArcTriple> arcs;
  for (const Road& road : roads) {
    const double metres = std::hypot(xy[road.b].x - xy[road.a].x, xy[road.b].y - xy[road.a].y);
    const auto ms = static_cast<Millis>(std::lround(metres / kRoadSpeedMps * 1000.0));
    arcs.push_back({road.a, road.b, ms});
    if (road.two_way) arcs.push_back({road.b, road.a, ms});
  }
  std::vector<ArcId> order;
  graph.graph = build_csr_graph(xy.size(), arcs, &order);
  for (const ArcId input : order) {
    const ArcTriple& arc = arcs[input];
    graph.arc_length_m.push_back(static_cast<float>(
        std::hypot(xy[arc.head].x - xy[arc.tail].x, xy[arc.head].y - xy[arc.tail].y)));
  }
  return graph;
}

// One commune covering the rectangle [x0, x1] × [y0, y1] (metres from
// origin()), its boundary in WGS84.
inline Commune commune(double x0, double y0, double x1, double y1, double population = 0.0) {
  Commune c;
  c.code = "00001";
  c.name = "Test";
  c.population = population;
  std::string wkt = "POLYGON((";
  const GridXY corners[5] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
  for (int k = 0; k < 5; ++k) {
    const LonLat p = lonlat(corners[k]);
    wkt += (k > 0 ? ", " : "") + std::to_string(p.lon) + " " + std::to_string(p.lat);
  }
  c.boundary = geos_from_wkt(wkt + "))");
  return c;
}

}  // namespace couverture::surface_test
