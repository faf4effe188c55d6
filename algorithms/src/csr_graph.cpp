#include "couverture/algorithms/csr_graph.hpp"

namespace couverture {

CsrGraph build_csr_graph(std::size_t node_count, std::span<const ArcTriple> arcs,
                         std::vector<ArcId>* arc_order) {
  CsrGraph graph;
  graph.first_out.assign(node_count + 1, 0);
  for (const ArcTriple& arc : arcs) ++graph.first_out[arc.tail + 1];
  for (std::size_t u = 0; u < node_count; ++u) graph.first_out[u + 1] += graph.first_out[u];
  graph.head.resize(arcs.size());
  graph.weight.resize(arcs.size());
  if (arc_order != nullptr) arc_order->resize(arcs.size());
  std::vector<ArcId> next(graph.first_out.begin(), graph.first_out.end() - 1);
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    const ArcId slot = next[arcs[i].tail]++;
    graph.head[slot] = arcs[i].head;
    graph.weight[slot] = arcs[i].weight;
    if (arc_order != nullptr) (*arc_order)[slot] = static_cast<ArcId>(i);
  }
  return graph;
}

CsrGraph reverse_graph(const CsrGraph& graph, std::vector<ArcId>* arc_order) {
  std::vector<ArcTriple> reversed;
  reversed.reserve(graph.arc_count());
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      reversed.push_back({graph.head[a], u, graph.weight[a]});
    }
  }
  // Input triples are numbered in forward arc order, so the permutation is
  // directly the forward arc id.
  return build_csr_graph(graph.node_count(), reversed, arc_order);
}

}  // namespace couverture
