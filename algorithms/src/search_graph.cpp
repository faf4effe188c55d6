#include "couverture/algorithms/search_graph.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace couverture {

SearchGraph make_search_graph(const CsrGraph& graph) {
  SearchGraph search;
  search.first_out = graph.first_out;
  search.arcs.resize(graph.arc_count());
  for (std::size_t a = 0; a < graph.arc_count(); ++a) {
    search.arcs[a] = {graph.head[a], graph.weight[a]};
    search.max_weight = std::max(search.max_weight, graph.weight[a]);
  }
  if (!graph.weight.empty()) {
    std::vector<Millis> weights = graph.weight;
    const auto rank = weights.begin() + static_cast<std::ptrdiff_t>(weights.size() * 999 / 1000);
    std::nth_element(weights.begin(), rank, weights.end());
    search.long_arc_weight = *rank;
  }
  return search;
}

}  // namespace couverture
