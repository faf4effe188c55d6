#include "couverture/algorithms/strongly_connected.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace couverture {
namespace {

CsrGraph graph_of(std::size_t node_count, const std::vector<std::pair<NodeId, NodeId>>& arcs) {
  std::vector<ArcTriple> triples;
  for (const auto& [u, v] : arcs) triples.push_back({u, v, 1});
  return build_csr_graph(node_count, triples);
}

std::vector<std::uint8_t> members(std::initializer_list<int> flags) {
  std::vector<std::uint8_t> result;
  for (const int f : flags) result.push_back(static_cast<std::uint8_t>(f));
  return result;
}

TEST(LargestStrongComponent, EmptyGraph) {
  const LargestStrongComponent scc = largest_strong_component(CsrGraph{});
  EXPECT_EQ(scc.component_count, 0u);
  EXPECT_EQ(scc.node_count, 0u);
  EXPECT_TRUE(scc.member.empty());
}

TEST(LargestStrongComponent, OneWayChainIsAllSingletons) {
  // 0 -> 1 -> 2: three components of one node; the tie goes to node 0.
  const auto scc = largest_strong_component(graph_of(3, {{0, 1}, {1, 2}}));
  EXPECT_EQ(scc.component_count, 3u);
  EXPECT_EQ(scc.node_count, 1u);
  EXPECT_EQ(scc.member, members({1, 0, 0}));
}

TEST(LargestStrongComponent, CycleWithATailAndAnIsland) {
  // Cycle 1 -> 2 -> 3 -> 1, a dead-end 3 -> 4 (one-way out), a source
  // 0 -> 1 (one-way in), and an island 5 <-> 6.
  const auto scc = largest_strong_component(
      graph_of(7, {{0, 1}, {1, 2}, {2, 3}, {3, 1}, {3, 4}, {5, 6}, {6, 5}}));
  // {1,2,3}, {0}, {4}, {5,6}
  EXPECT_EQ(scc.component_count, 4u);
  EXPECT_EQ(scc.node_count, 3u);
  EXPECT_EQ(scc.member, members({0, 1, 1, 1, 0, 0, 0}));
}

TEST(LargestStrongComponent, TwoWayStreetsAreOneComponent) {
  const auto scc =
      largest_strong_component(graph_of(4, {{0, 1}, {1, 0}, {1, 2}, {2, 1}, {2, 3}, {3, 2}}));
  EXPECT_EQ(scc.component_count, 1u);
  EXPECT_EQ(scc.node_count, 4u);
  EXPECT_EQ(scc.member, members({1, 1, 1, 1}));
}

TEST(LargestStrongComponent, LargerComponentWinsOverEarlierOne) {
  // {0,1} has two nodes, {2,3,4} three: the later, larger one is kept.
  const auto scc =
      largest_strong_component(graph_of(5, {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 4}, {4, 2}}));
  EXPECT_EQ(scc.component_count, 2u);
  EXPECT_EQ(scc.node_count, 3u);
  EXPECT_EQ(scc.member, members({0, 0, 1, 1, 1}));
}

TEST(LargestStrongComponent, SelfLoopsAndParallelArcs) {
  const auto scc = largest_strong_component(graph_of(3, {{0, 0}, {0, 1}, {0, 1}, {1, 0}, {2, 2}}));
  EXPECT_EQ(scc.component_count, 2u);
  EXPECT_EQ(scc.member, members({1, 1, 0}));
}

}  // namespace
}  // namespace couverture
