#include "couverture/algorithms/strongly_connected.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <utility>

namespace couverture {

LargestStrongComponent largest_strong_component(const CsrGraph& graph) {
  using BoostGraph =
      boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                         boost::no_property, NodeId, ArcId>;
  const std::size_t n = graph.node_count();
  LargestStrongComponent result;
  result.member.assign(n, 0);
  if (n == 0) return result;

  std::vector<std::pair<NodeId, NodeId>> arcs;
  arcs.reserve(graph.arc_count());
  for (NodeId u = 0; u < n; ++u) {
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a)
      arcs.emplace_back(u, graph.head[a]);
  }
  const BoostGraph boost_graph(boost::edges_are_sorted, arcs.begin(), arcs.end(),
                               static_cast<NodeId>(n));

  std::vector<NodeId> component(n);
  const auto count = boost::strong_components(
      boost_graph,
      boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, boost_graph)));
  result.component_count = static_cast<std::size_t>(count);

  std::vector<std::size_t> size(result.component_count, 0);
  for (const NodeId c : component) ++size[c];
  // Scanning nodes in id order makes the first component reaching the
  // maximum size the one with the smallest node id.
  NodeId largest = component[0];
  for (const NodeId c : component) {
    if (size[c] > size[largest]) largest = c;
  }
  for (std::size_t u = 0; u < n; ++u) result.member[u] = component[u] == largest ? 1 : 0;
  result.node_count = size[largest];
  return result;
}

}  // namespace couverture
