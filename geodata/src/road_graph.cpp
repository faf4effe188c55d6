#include "couverture/geodata/road_graph.hpp"

namespace couverture {

ArcId RoadGraph::find_arc(NodeId u, NodeId v) const {
  // Two ways may share a segment: a driver takes the faster one.
  ArcId best = kInvalidId;
  for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
    if (graph.head[a] == v && (best == kInvalidId || graph.weight[a] < graph.weight[best])) {
      best = a;
    }
  }
  return best;
}

}  // namespace couverture
