#pragma once

#include <array>
#include <cstddef>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// A way between a snapped point and one end node of its segment: the node
// and the on-road time between them (the arc's time pro rata of the part of
// the segment travelled). Access legs off the road are not included.
struct PositionLink {
  NodeId node = kInvalidId;
  double ms = 0.0;
};

// Up to two links, one per end node the point can reach (or be reached from).
struct PositionLinks {
  std::array<PositionLink, 2> link;
  std::size_t count = 0;

  [[nodiscard]] const PositionLink* begin() const { return link.data(); }
  [[nodiscard]] const PositionLink* end() const { return link.data() + count; }
};

// The end nodes reachable from the point along its segment, respecting one-way
// arcs: a search *from* the point (outbound) starts at these nodes with these
// times. A point lying exactly on an end node links to it at 0 ms whatever the
// arcs. Invalid positions have no links.
PositionLinks links_out_of(const RoadGraph& graph, const NetworkPosition& position);

// The end nodes from which the point is reached along its segment: a search
// *towards* the point (inbound, on the reversed graph) starts at these nodes,
// and a point's time from a search tree is min(distance(node) + ms).
PositionLinks links_into(const RoadGraph& graph, const NetworkPosition& position);

}  // namespace couverture
