#pragma once

// Small road networks laid out in metres for the isochrone tests: node
// positions are given in the local frame of kCentre and turned into WGS84,
// so that distances and widths can be worked out by hand.
#include <cmath>
#include <vector>

#include "couverture/engine/isochrone_builder.hpp"
#include "couverture/geodata/geos_operations.hpp"
#include "couverture/geodata/local_projection.hpp"

namespace couverture::isochrone_test {

inline const LonLat kCentre{6.60, 48.00};
// 50 km/h: 500 m take 36 s, 1000 m take 72 s.
inline constexpr double kRoadSpeedMps = 50.0 / 3.6;

struct Road {
  NodeId a;
  NodeId b;
  bool two_way = true;
};

inline RoadGraph network(const std::vector<LocalXY>& xy, const std::vector<Road>& roads) {
  const LocalProjection frame(kCentre);
  RoadGraph graph;
  graph.profile = "car";
  for (const LocalXY& p : xy) graph.node_position.push_back(frame.inverse(p));
  std::vector<ArcTriple> arcs;
  std::vector<float> length;
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

// A position on segment from->to at `fraction`, `distance_m` off the road.
inline NetworkPosition on(const RoadGraph& graph, NodeId from, NodeId to, double fraction,
                          double distance_m = 0.0) {
  NetworkPosition p;
  p.from = from;
  p.to = to;
  p.forward_arc = graph.find_arc(from, to);
  p.backward_arc = graph.find_arc(to, from);
  p.fraction = fraction;
  const LonLat a = graph.node_position[from];
  const LonLat b = graph.node_position[to];
  p.point = {a.lon + fraction * (b.lon - a.lon), a.lat + fraction * (b.lat - a.lat)};
  p.distance_m = distance_m;
  return p;
}

inline LonLat wgs84(LocalXY p) { return LocalProjection(kCentre).inverse(p); }

// Whether the WGS84 polygon holds the point given in kCentre's frame.
inline bool holds(const GeosGeometry& polygon, LocalXY p) {
  const LonLat q = wgs84(p);
  return geos_covers(*polygon, *geos_point(q.lon, q.lat));
}

inline IsochroneParameters parameters(std::vector<double> minutes, TravelDirection direction) {
  IsochroneParameters p;
  p.thresholds_minutes = std::move(minutes);
  p.direction = direction;
  p.access_speed_mps = 1.25;  // 150 m in 120 s; width levels every 30 s
  return p;
}

}  // namespace couverture::isochrone_test
