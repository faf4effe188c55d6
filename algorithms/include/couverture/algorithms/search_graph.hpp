#pragma once

#include <cstddef>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"

namespace couverture {

// One arc as a search reads it: head and weight side by side, so relaxing an
// arc reads one 8-byte record instead of two arrays.
struct SearchArc {
  NodeId head;
  Millis weight;
};

// A CsrGraph laid out for Dijkstra, built once per graph: the arcs leaving u
// are arcs[first_out[u], first_out[u + 1]), with the same ArcIds as in the
// CsrGraph it came from.
struct SearchGraph {
  std::vector<ArcId> first_out{0};
  std::vector<SearchArc> arcs;
  Millis max_weight = 0;
  // No more than one arc in a thousand is heavier: sizes the search's bucket
  // queue, so that a few very long arcs (a ferry, a motorway without
  // junctions) do not make every bucket wide. On Porto's car graph it is
  // under 33 s against a maximum of 163 s.
  Millis long_arc_weight = 0;

  [[nodiscard]] std::size_t node_count() const { return first_out.size() - 1; }
  [[nodiscard]] std::size_t arc_count() const { return arcs.size(); }
};

SearchGraph make_search_graph(const CsrGraph& graph);

}  // namespace couverture
