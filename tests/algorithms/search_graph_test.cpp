#include "couverture/algorithms/search_graph.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace couverture {
namespace {

TEST(SearchGraph, KeepsEveryArcUnderItsIdAndTheLargestWeight) {
  // Node 0: arcs to 2 (7) and 1 (3); node 1: none; node 2: arc to 0 (11).
  const std::vector<ArcTriple> arcs = {{0, 2, 7}, {2, 0, 11}, {0, 1, 3}};
  const CsrGraph csr = build_csr_graph(3, arcs);
  const SearchGraph graph = make_search_graph(csr);
  ASSERT_EQ(graph.node_count(), 3u);
  ASSERT_EQ(graph.arc_count(), 3u);
  EXPECT_EQ(graph.first_out, (std::vector<ArcId>{0, 2, 2, 3}));
  // Arcs of a tail keep their input order (build_csr_graph is stable).
  EXPECT_EQ(graph.arcs[0].head, 2u);
  EXPECT_EQ(graph.arcs[0].weight, 7u);
  EXPECT_EQ(graph.arcs[1].head, 1u);
  EXPECT_EQ(graph.arcs[1].weight, 3u);
  EXPECT_EQ(graph.arcs[2].head, 0u);
  EXPECT_EQ(graph.arcs[2].weight, 11u);
  EXPECT_EQ(graph.max_weight, 11u);
}

TEST(SearchGraph, OfAnEmptyGraph) {
  const SearchGraph graph = make_search_graph(build_csr_graph(0, {}));
  EXPECT_EQ(graph.node_count(), 0u);
  EXPECT_EQ(graph.arc_count(), 0u);
  EXPECT_EQ(graph.max_weight, 0u);
}

}  // namespace
}  // namespace couverture
