#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/geodata/lon_lat.hpp"
#include "couverture/geodata/road_class.hpp"

namespace couverture {

// What building the graph kept and dropped, reported by `network info`.
struct RoadGraphBuildStats {
  std::uint64_t components_kept = 0;     // strongly connected components kept (1)
  std::uint64_t components_dropped = 0;  // smaller components dropped
  std::uint64_t nodes_dropped = 0;
  std::uint64_t arcs_dropped = 0;
};

// A routable road network for one profile. Nodes are the OSM nodes of the
// routable ways (dense 32-bit ids); every way segment is an arc, so a snapped
// position lies on exactly one arc per direction. Parallel arrays indexed by
// ArcId are aligned with `graph.head`; OSM ids are kept only for the boundary.
struct RoadGraph {
  std::string profile;                    // e.g. "car"
  CsrGraph graph;                         // weight = travel time in ms
  std::vector<LonLat> node_position;      // by NodeId
  std::vector<std::int64_t> node_osm_id;  // by NodeId
  std::vector<float> arc_length_m;        // by ArcId, geodesic metres
  std::vector<RoadClass> arc_class;       // by ArcId
  std::vector<std::int64_t> arc_way_id;   // by ArcId, OSM way id
  RoadGraphBuildStats build_stats;
  std::string source_description;  // e.g. the PBF's file name, or "synthetic"
  // The times depend on slope (an elevation model was applied to a walk or
  // bike graph): a second DEM must not be applied, and flat speeds set on a
  // way lose its slopes.
  bool slope_aware = false;

  // The road segments dropped with the small components (islands, one-way
  // spurs the main network cannot leave): segment k runs from
  // detached_segment_end[2k] to detached_segment_end[2k + 1], one entry per
  // pair of nodes whatever its arcs' directions. Not routable; kept so that a
  // snapper can tell when a point's nearest road is one of them and say so.
  std::vector<LonLat> detached_segment_end;       // 2 per detached segment
  std::vector<RoadClass> detached_segment_class;  // by detached segment

  [[nodiscard]] std::size_t node_count() const { return graph.node_count(); }
  [[nodiscard]] std::size_t arc_count() const { return graph.arc_count(); }
  [[nodiscard]] std::size_t detached_segment_count() const { return detached_segment_class.size(); }
  // The fastest arc u->v, or kInvalidId when there is none.
  [[nodiscard]] ArcId find_arc(NodeId u, NodeId v) const;
};

}  // namespace couverture
