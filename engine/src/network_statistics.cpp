#include "couverture/engine/network_statistics.hpp"

#include <algorithm>
#include <numeric>

namespace couverture {

namespace {

std::optional<LonLatBox> extent(const RoadGraph& road) {
  if (road.node_position.empty()) return std::nullopt;
  const LonLat& first = road.node_position.front();
  LonLatBox box{first.lon, first.lat, first.lon, first.lat};
  for (const LonLat& p : road.node_position) {
    box.min_lon = std::min(box.min_lon, p.lon);
    box.min_lat = std::min(box.min_lat, p.lat);
    box.max_lon = std::max(box.max_lon, p.lon);
    box.max_lat = std::max(box.max_lat, p.lat);
  }
  return box;
}

// Whether arc `a` (u -> v) has a twin v -> u of the same way.
bool has_twin(const RoadGraph& road, NodeId u, ArcId a) {
  const CsrGraph& g = road.graph;
  const NodeId v = g.head[a];
  for (ArcId b = g.arcs_begin(v); b < g.arcs_end(v); ++b) {
    if (g.head[b] == u && road.arc_way_id[b] == road.arc_way_id[a]) return true;
  }
  return false;
}

}  // namespace

NetworkStatistics network_statistics(const RoadGraph& road) {
  NetworkStatistics statistics;
  statistics.extent = extent(road);
  const CsrGraph& g = road.graph;
  for (NodeId u = 0; u < road.node_count(); ++u) {
    for (ArcId a = g.arcs_begin(u); a < g.arcs_end(u); ++a) {
      // A two-way segment is counted from its lower-numbered end.
      if (g.head[a] < u && has_twin(road, u, a)) continue;
      statistics.road_km_by_class[static_cast<std::size_t>(road.arc_class[a])] +=
          road.arc_length_m[a] / 1000.0;
    }
  }
  statistics.road_km =
      std::accumulate(statistics.road_km_by_class.begin(), statistics.road_km_by_class.end(), 0.0);
  return statistics;
}

}  // namespace couverture
