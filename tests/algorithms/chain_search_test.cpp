#include "couverture/algorithms/chain_search.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <stdexcept>
#include <vector>

#include "couverture/algorithms/dijkstra.hpp"

namespace couverture {
namespace {

// 0 <-> 1 <-> 2 <-> 3 (two-way chain 1, 2 between junction 0 and 3),
// 3 -> 4 -> 5 -> 0 (one-way chain 4, 5), 3 <-> 6 (a dead end: 6 is core),
// 0 <-> 7 <-> 0 would be parallel; instead 0 -> 7 -> 8 -> 0 is a one-way
// loop back to its start (7, 8 pass through).
CsrGraph small_graph() {
  const std::vector<ArcTriple> arcs = {{0, 1, 10}, {1, 0, 11}, {1, 2, 20}, {2, 1, 21}, {2, 3, 30},
                                       {3, 2, 31}, {3, 4, 5},  {4, 5, 6},  {5, 0, 7},  {3, 6, 1},
                                       {6, 3, 1},  {0, 7, 2},  {7, 8, 3},  {8, 0, 4}};
  return build_csr_graph(9, arcs);
}

TEST(ChainSearch, ContractsPassThroughNodesOnly) {
  const ChainContractedGraph g = contract_chains(small_graph());
  EXPECT_EQ(g.node_count, 9u);
  // Core: 0 (four neighbours), 3 (three), 6 (a dead end).
  EXPECT_EQ(g.node_of_core, (std::vector<NodeId>{0, 3, 6}));
  EXPECT_EQ(g.chain_count(), 3u);  // 1-2, 4-5, 7-8
  for (const NodeId v : {1u, 2u, 4u, 5u, 7u, 8u}) EXPECT_NE(g.chain_of[v], kInvalidId) << v;
  // 0 -> 3 along 1, 2: 10 + 20 + 30; back 31 + 21 + 11. 3 -> 0 along 4, 5:
  // 5 + 6 + 7. Core arcs: those two, 3 -> 0 again, 3 <-> 6; the loop adds none.
  EXPECT_EQ(g.core.arc_count(), 5u);
  const std::uint32_t c = g.chain_of[1];
  EXPECT_TRUE(g.chain_forward[c] && g.chain_backward[c]);
  EXPECT_EQ(g.from_start_ms[g.position_of[2]], g.chain_node[g.chain_first[c]] == 0 ? 30u : 31u);
  const std::uint32_t one_way = g.chain_of[4];
  EXPECT_EQ(g.chain_forward[one_way] + g.chain_backward[one_way], 1);
}

TEST(ChainSearch, HandWorkedDistancesAndSources) {
  const ChainContractedGraph g = contract_chains(small_graph());
  ChainDijkstra search(g);
  // Seed 0 at node 6 (distance 0), seed 1 at node 2 (distance 25).
  const std::vector<DijkstraSeed> seeds = {{6, 0}, {2, 25}};
  search.run(seeds);
  // From 6: 3 at 1, 4 at 6, 5 at 12, 0 at 19, 7 at 21, 8 at 24, 1 at 29,
  // 2 at min(1 + 31 = 32 via 3, 25 seeded) = 25 (seed 1).
  // 1: min(19 + 10 = 29 from seed 0, 25 + 21 = 46 from seed 1) = 29.
  EXPECT_EQ(search.distance(3), 1u);
  EXPECT_EQ(search.distance(5), 12u);
  EXPECT_EQ(search.distance(0), 19u);
  EXPECT_EQ(search.distance(8), 24u);
  EXPECT_EQ(search.distance(1), 29u);
  EXPECT_EQ(search.source(1), 0u);
  EXPECT_EQ(search.distance(2), 25u);
  EXPECT_EQ(search.source(2), 1u);
  // Bounded at 20: 7, 8 and 1 are beyond, and so is 2: its seed (25) is
  // ignored and 3 + 31 = 32 is too far.
  search.run(seeds, 20);
  EXPECT_FALSE(search.reached(7));
  EXPECT_FALSE(search.reached(1));
  EXPECT_FALSE(search.reached(2));
  EXPECT_EQ(search.distance(0), 19u);
  EXPECT_THROW(search.run(std::vector<DijkstraSeed>{{9, 0}}), std::invalid_argument);
}

// A road-like random graph: a grid of junctions whose links are chains of
// 0-5 shape points, some one-way, plus a few odd links (parallel arcs,
// self-loops, dead ends, a pure cycle) that must stay out of chains or be
// cut correctly.
CsrGraph road_like_graph(std::uint64_t seed, std::size_t side) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<Millis> weight(1, 50);
  std::uniform_int_distribution<int> shape_points(0, 5);
  std::uniform_int_distribution<int> percent(0, 99);
  std::vector<ArcTriple> arcs;
  NodeId next = static_cast<NodeId>(side * side);
  const auto link = [&](NodeId a, NodeId b) {
    const int mode = percent(random);  // < 15 one-way a->b, < 30 one-way b->a
    std::vector<NodeId> path = {a};
    for (int k = shape_points(random); k > 0; --k) path.push_back(next++);
    path.push_back(b);
    for (std::size_t k = 0; k + 1 < path.size(); ++k) {
      if (mode >= 15) arcs.push_back({path[k + 1], path[k], weight(random)});
      if (mode < 15 || mode >= 30) arcs.push_back({path[k], path[k + 1], weight(random)});
    }
  };
  for (NodeId r = 0; r < side; ++r) {
    for (NodeId c = 0; c < side; ++c) {
      const auto u = static_cast<NodeId>(r * side + c);
      if (c + 1 < side && percent(random) < 85) link(u, u + 1);
      if (r + 1 < side && percent(random) < 85) link(u, static_cast<NodeId>(u + side));
    }
  }
  // Parallel arcs on a chain, a self-loop on a shape point, a dead end.
  const NodeId p = next++;
  const NodeId q = next++;
  arcs.push_back({0, p, 5});
  arcs.push_back({p, 1, 5});
  arcs.push_back({p, 1, 7});
  arcs.push_back({1, p, 5});
  arcs.push_back({p, 0, 5});
  arcs.push_back({q, q, 3});
  arcs.push_back({2, q, 4});
  arcs.push_back({q, 2, 4});
  // A cycle of shape points alone, reachable from nowhere.
  const NodeId ring = next;
  for (NodeId k = 0; k < 5; ++k) {
    arcs.push_back({ring + k, ring + (k + 1) % 5, weight(random)});
    arcs.push_back({ring + (k + 1) % 5, ring + k, weight(random)});
  }
  next += 5;
  return build_csr_graph(next, arcs);
}

void expect_same_as_plain_dijkstra(const CsrGraph& graph, std::uint64_t seed) {
  const ChainContractedGraph contracted = contract_chains(graph);
  ASSERT_LT(contracted.core_node_count(), graph.node_count());
  ChainDijkstra chains(contracted);
  Dijkstra plain(graph.node_count());
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(graph.node_count() - 1));
  std::uniform_int_distribution<Millis> offset(0, 40);
  for (int query = 0; query < 30; ++query) {
    std::vector<DijkstraSeed> seeds;
    const int seed_count = query % 3 == 0 ? 1 : 1 + query % 7;
    for (int k = 0; k < seed_count; ++k) seeds.push_back({node(random), offset(random)});
    if (query % 5 == 1) seeds.push_back(seeds.front());  // the same node twice
    const Millis limit = query % 2 == 0 ? kUnreachable : static_cast<Millis>(100 + 37 * query);
    plain.run(graph, seeds, limit);
    chains.run(seeds, limit);
    std::map<NodeId, Millis> visited;
    chains.for_each_reached([&](NodeId v, Millis d) {
      EXPECT_TRUE(visited.emplace(v, d).second) << "node " << v << " visited twice";
    });
    std::size_t reached = 0;
    for (NodeId v = 0; v < graph.node_count(); ++v) {
      ASSERT_EQ(chains.distance(v), plain.distance(v)) << "query " << query << " node " << v;
      ASSERT_EQ(chains.source(v), plain.source(v)) << "query " << query << " node " << v;
      if (plain.reached(v)) {
        ++reached;
        ASSERT_EQ(visited.count(v), 1u) << "query " << query << " node " << v;
        ASSERT_EQ(visited[v], plain.distance(v));
      }
    }
    EXPECT_EQ(visited.size(), reached);
    // Chain by chain, some nodes at a time: the same distances.
    std::size_t chain_visits = 0;
    for (std::uint32_t c = 0; c < contracted.chain_count(); ++c) {
      const std::vector<NodeId> inside(
          contracted.chain_node.begin() + contracted.chain_first[c] + 1,
          contracted.chain_node.begin() + contracted.chain_first[c + 1] - 1);
      chains.for_each_reached_in_chain(c, inside, [&](NodeId v, Millis d) {
        ++chain_visits;
        ASSERT_EQ(d, plain.distance(v)) << "query " << query << " node " << v;
      });
    }
    std::size_t interior_reached = 0;
    for (NodeId v = 0; v < graph.node_count(); ++v) {
      interior_reached += contracted.chain_of[v] != kInvalidId && plain.reached(v) ? 1 : 0;
    }
    EXPECT_EQ(chain_visits, interior_reached);
  }
}

TEST(ChainSearch, EveryNodeAsAPlainDijkstraOnTheWholeGraph) {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    expect_same_as_plain_dijkstra(road_like_graph(seed, 12), seed * 101);
  }
  // Ties everywhere: unit weights make many seeds equally near.
  const CsrGraph graph = road_like_graph(4, 8);
  CsrGraph unit = graph;
  std::fill(unit.weight.begin(), unit.weight.end(), 1);
  expect_same_as_plain_dijkstra(unit, 7);
}

TEST(ChainSearch, TooLongAChainContractsNothing) {
  // 0 <-> 1 <-> 2 <-> 3 (1, 2 pass through) with 0 <-> 3 too: the chain
  // 0 -> 3 would take 3 x 2^31 ms, beyond 32 bits.
  const Millis huge = Millis{1} << 31;
  const std::vector<ArcTriple> arcs = {{0, 1, huge}, {1, 0, 1}, {1, 2, huge}, {2, 1, 1},
                                       {2, 3, huge}, {3, 2, 1}, {0, 3, 1},    {3, 0, 1},
                                       {0, 4, 1},    {4, 0, 1}};
  const CsrGraph graph = build_csr_graph(5, arcs);
  const ChainContractedGraph g = contract_chains(graph);
  EXPECT_EQ(g.core_node_count(), 5u);
  EXPECT_EQ(g.chain_count(), 0u);
  ChainDijkstra search(g);
  search.run(std::vector<DijkstraSeed>{{0, 0}});
  EXPECT_EQ(search.distance(2), 2u);  // 0 -> 3 -> 2
}

}  // namespace
}  // namespace couverture
