#include "couverture/algorithms/csr_graph.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

TEST(CsrGraph, GroupsArcsByTailKeepingInputOrder) {
  const std::vector<ArcTriple> arcs = {{2, 0, 5}, {0, 1, 7}, {2, 1, 3}, {0, 2, 1}};
  std::vector<ArcId> order;
  const CsrGraph graph = build_csr_graph(3, arcs, &order);
  EXPECT_EQ(graph.first_out, (std::vector<ArcId>{0, 2, 2, 4}));
  EXPECT_EQ(graph.head, (std::vector<NodeId>{1, 2, 0, 1}));
  EXPECT_EQ(graph.weight, (std::vector<Millis>{7, 1, 5, 3}));
  EXPECT_EQ(order, (std::vector<ArcId>{1, 3, 0, 2}));
}

TEST(CsrGraph, ReverseSwapsTailAndHeadAndMapsArcs) {
  const std::vector<ArcTriple> arcs = {{0, 1, 7}, {0, 2, 1}, {2, 1, 3}};
  const CsrGraph graph = build_csr_graph(3, arcs);
  std::vector<ArcId> forward;
  const CsrGraph reversed = reverse_graph(graph, &forward);
  // Node 1 receives from 0 (w 7) and 2 (w 3); node 2 from 0 (w 1).
  EXPECT_EQ(reversed.first_out, (std::vector<ArcId>{0, 0, 2, 3}));
  EXPECT_EQ(reversed.head, (std::vector<NodeId>{0, 2, 0}));
  EXPECT_EQ(reversed.weight, (std::vector<Millis>{7, 3, 1}));
  for (ArcId a = 0; a < reversed.arc_count(); ++a) {
    EXPECT_EQ(graph.weight[forward[a]], reversed.weight[a]);
  }
}

TEST(CsrGraph, EmptyGraphHasNoArcs) {
  const CsrGraph graph = build_csr_graph(0, {});
  EXPECT_EQ(graph.node_count(), 0u);
  EXPECT_EQ(graph.arc_count(), 0u);
}

}  // namespace
}  // namespace couverture
