#include "couverture/geodata/road_graph.hpp"

namespace couverture {

ArcId RoadGraph::find_arc(NodeId u, NodeId v) const {
  for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
    if (graph.head[a] == v) return a;
  }
  return kInvalidId;
}

}  // namespace couverture
