#include "couverture/algorithms/search_graph.hpp"

#include <algorithm>

namespace couverture {

SearchGraph make_search_graph(const CsrGraph& graph) {
  SearchGraph search;
  search.first_out = graph.first_out;
  search.arcs.resize(graph.arc_count());
  for (std::size_t a = 0; a < graph.arc_count(); ++a) {
    search.arcs[a] = {graph.head[a], graph.weight[a]};
    search.max_weight = std::max(search.max_weight, graph.weight[a]);
  }
  return search;
}

}  // namespace couverture
