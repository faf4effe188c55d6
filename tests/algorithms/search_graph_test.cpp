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
  // Three arcs: the 999/1000 rank is index 2 of the sorted weights 3, 7, 11.
  EXPECT_EQ(graph.long_arc_weight, 11u);
}

TEST(SearchGraph, LongArcWeightLeavesOutTheRareHeaviestArcs) {
  // 2000 arcs of 10 ms and two of 90 s on a ring: rank 2002 * 999 / 1000 =
  // 1999 of the sorted weights is still 10 ms.
  std::vector<ArcTriple> arcs;
  for (NodeId u = 0; u < 2000; ++u) arcs.push_back({u, (u + 1) % 2000, 10});
  arcs.push_back({0, 1000, 90000});
  arcs.push_back({1000, 0, 90000});
  const SearchGraph graph = make_search_graph(build_csr_graph(2000, arcs));
  EXPECT_EQ(graph.max_weight, 90000u);
  EXPECT_EQ(graph.long_arc_weight, 10u);
}

TEST(SearchGraph, OfAnEmptyGraph) {
  const SearchGraph graph = make_search_graph(build_csr_graph(0, {}));
  EXPECT_EQ(graph.node_count(), 0u);
  EXPECT_EQ(graph.arc_count(), 0u);
  EXPECT_EQ(graph.max_weight, 0u);
  EXPECT_EQ(graph.long_arc_weight, 0u);
}

}  // namespace
}  // namespace couverture
