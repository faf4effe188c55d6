#include "couverture/engine/position_links.hpp"

namespace couverture {

namespace {

void add(PositionLinks& links, NodeId node, double ms) { links.link[links.count++] = {node, ms}; }

}  // namespace

// The forward arc runs from->to and the point sits at `fraction` along it:
// leaving the point forward costs the rest of the arc, arriving costs the part
// before the point; the backward arc (to->from) mirrors this.
PositionLinks links_out_of(const RoadGraph& graph, const NetworkPosition& p) {
  PositionLinks links;
  if (!p.valid()) return links;
  const std::vector<Millis>& weight = graph.graph.weight;
  if (p.forward_arc != kInvalidId) {
    add(links, p.to, (1.0 - p.fraction) * weight[p.forward_arc]);
  } else if (p.fraction == 1.0) {
    add(links, p.to, 0.0);
  }
  if (p.backward_arc != kInvalidId) {
    add(links, p.from, p.fraction * weight[p.backward_arc]);
  } else if (p.fraction == 0.0) {
    add(links, p.from, 0.0);
  }
  return links;
}

PositionLinks links_into(const RoadGraph& graph, const NetworkPosition& p) {
  PositionLinks links;
  if (!p.valid()) return links;
  const std::vector<Millis>& weight = graph.graph.weight;
  if (p.forward_arc != kInvalidId) {
    add(links, p.from, p.fraction * weight[p.forward_arc]);
  } else if (p.fraction == 0.0) {
    add(links, p.from, 0.0);
  }
  if (p.backward_arc != kInvalidId) {
    add(links, p.to, (1.0 - p.fraction) * weight[p.backward_arc]);
  } else if (p.fraction == 1.0) {
    add(links, p.to, 0.0);
  }
  return links;
}

}  // namespace couverture
