#include "couverture/algorithms/dijkstra.hpp"

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace couverture {
namespace {

// Deliberately naive reference: an adjacency list and a std::priority_queue
// ordered on (distance, seed index, node), with lazy deletion. Sharing no
// code with the kernel is the point.
struct ReferenceResult {
  std::vector<std::uint64_t> distance;
  std::vector<std::uint32_t> source;
};

constexpr std::uint64_t kReferenceInfinity = std::numeric_limits<std::uint64_t>::max();

ReferenceResult reference_dijkstra(std::size_t node_count, const std::vector<ArcTriple>& arcs,
                                   const std::vector<DijkstraSeed>& seeds) {
  std::vector<std::vector<std::pair<NodeId, Millis>>> out(node_count);
  for (const ArcTriple& arc : arcs) out[arc.tail].emplace_back(arc.head, arc.weight);
  ReferenceResult result{std::vector<std::uint64_t>(node_count, kReferenceInfinity),
                         std::vector<std::uint32_t>(node_count, kInvalidId)};
  using Item = std::tuple<std::uint64_t, std::uint32_t, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (std::uint32_t i = 0; i < seeds.size(); ++i)
    queue.emplace(seeds[i].distance, i, seeds[i].node);
  std::vector<bool> done(node_count, false);
  while (!queue.empty()) {
    const auto [d, s, u] = queue.top();
    queue.pop();
    if (done[u]) continue;
    done[u] = true;
    result.distance[u] = d;
    result.source[u] = s;
    for (const auto& [v, w] : out[u]) {
      if (!done[v]) queue.emplace(d + w, s, v);
    }
  }
  return result;
}

// Boost.Graph with a super source carrying the seed offsets as arc weights.
std::vector<std::uint64_t> boost_dijkstra(std::size_t node_count,
                                          const std::vector<ArcTriple>& arcs,
                                          const std::vector<DijkstraSeed>& seeds) {
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                            boost::property<boost::edge_weight_t, std::uint64_t>>;
  Graph graph(node_count + 1);
  for (const ArcTriple& arc : arcs) boost::add_edge(arc.tail, arc.head, arc.weight, graph);
  for (const DijkstraSeed& seed : seeds)
    boost::add_edge(node_count, seed.node, seed.distance, graph);
  std::vector<std::uint64_t> distance(node_count + 1);
  boost::dijkstra_shortest_paths(graph, node_count, boost::distance_map(distance.data()));
  distance.pop_back();
  return distance;
}

std::vector<ArcTriple> random_arcs(std::mt19937& random, std::size_t node_count,
                                   std::size_t arc_count, Millis max_weight) {
  std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(node_count - 1));
  std::uniform_int_distribution<Millis> weight(0, max_weight);
  std::vector<ArcTriple> arcs(arc_count);
  for (ArcTriple& arc : arcs) arc = {node(random), node(random), weight(random)};
  return arcs;
}

std::vector<DijkstraSeed> random_seeds(std::mt19937& random, std::size_t node_count,
                                       std::size_t seed_count, Millis max_offset) {
  std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(node_count - 1));
  std::uniform_int_distribution<Millis> offset(0, max_offset);
  std::vector<DijkstraSeed> seeds(seed_count);
  for (DijkstraSeed& seed : seeds) seed = {node(random), offset(random)};
  return seeds;
}

void expect_matches_reference(const Dijkstra& dijkstra, const ReferenceResult& expected,
                              Millis limit) {
  for (NodeId v = 0; v < expected.distance.size(); ++v) {
    if (expected.distance[v] <= limit) {
      ASSERT_EQ(dijkstra.distance(v), expected.distance[v]) << "node " << v;
      ASSERT_EQ(dijkstra.source(v), expected.source[v]) << "node " << v;
    } else {
      ASSERT_EQ(dijkstra.distance(v), kUnreachable) << "node " << v;
      ASSERT_EQ(dijkstra.source(v), kInvalidId) << "node " << v;
    }
  }
}

// Every kernel test runs on both graph forms: the SearchGraph (bucket queue)
// and the CsrGraph (radix heap).
class DijkstraOnBothForms : public testing::TestWithParam<bool> {
 protected:
  void run(Dijkstra& dijkstra, const CsrGraph& graph, std::span<const DijkstraSeed> seeds,
           Millis limit = kUnreachable) {
    if (GetParam()) {
      dijkstra.run(make_search_graph(graph), seeds, limit);
    } else {
      dijkstra.run(graph, seeds, limit);
    }
  }
};

INSTANTIATE_TEST_SUITE_P(GraphForms, DijkstraOnBothForms, testing::Bool(),
                         [](const testing::TestParamInfo<bool>& form) {
                           return form.param ? std::string("SearchGraph") : std::string("CsrGraph");
                         });

TEST_P(DijkstraOnBothForms, OneWayStreetIsNotDrivenBackwards) {
  // 0 -> 1 -> 2 one way (5, 3); 2 <-> 3 both ways (4).
  const std::vector<ArcTriple> arcs = {{0, 1, 5}, {1, 2, 3}, {2, 3, 4}, {3, 2, 4}};
  const CsrGraph graph = build_csr_graph(4, arcs);
  Dijkstra dijkstra(4);
  const std::vector<DijkstraSeed> from_zero = {{0, 0}};
  run(dijkstra, graph, from_zero);
  EXPECT_EQ(dijkstra.distance(0), 0u);
  EXPECT_EQ(dijkstra.distance(1), 5u);
  EXPECT_EQ(dijkstra.distance(2), 8u);
  EXPECT_EQ(dijkstra.distance(3), 12u);
  const std::vector<DijkstraSeed> from_three = {{3, 0}};
  run(dijkstra, graph, from_three);
  EXPECT_EQ(dijkstra.distance(2), 4u);
  EXPECT_EQ(dijkstra.distance(1), kUnreachable);
  EXPECT_EQ(dijkstra.distance(0), kUnreachable);
  EXPECT_FALSE(dijkstra.reached(0));
}

TEST_P(DijkstraOnBothForms, UnreachableNodeHasNoDistanceNorSource) {
  const std::vector<ArcTriple> arcs = {{0, 1, 2}, {1, 0, 2}};
  const CsrGraph graph = build_csr_graph(3, arcs);
  Dijkstra dijkstra(3);
  const std::vector<DijkstraSeed> seeds = {{0, 0}};
  run(dijkstra, graph, seeds);
  EXPECT_EQ(dijkstra.distance(2), kUnreachable);
  EXPECT_EQ(dijkstra.source(2), kInvalidId);
  EXPECT_EQ(dijkstra.settled().size(), 2u);
}

TEST_P(DijkstraOnBothForms, TwoSeedsWithOffsetsSplitThePath) {
  // A path 0 - 1 - 2 - 3 - 4, both ways, 10 per arc. Seed 0 at node 0 with
  // offset 7, seed 1 at node 4 with offset 0: node 2 is 27 from seed 0 and
  // 20 from seed 1.
  std::vector<ArcTriple> arcs;
  for (NodeId u = 0; u < 4; ++u) {
    arcs.push_back({u, u + 1, 10});
    arcs.push_back({u + 1, u, 10});
  }
  const CsrGraph graph = build_csr_graph(5, arcs);
  Dijkstra dijkstra(5);
  const std::vector<DijkstraSeed> seeds = {{0, 7}, {4, 0}};
  run(dijkstra, graph, seeds);
  const std::vector<Millis> distance = {7, 17, 20, 10, 0};
  const std::vector<std::uint32_t> source = {0, 0, 1, 1, 1};
  for (NodeId v = 0; v < 5; ++v) {
    EXPECT_EQ(dijkstra.distance(v), distance[v]) << v;
    EXPECT_EQ(dijkstra.source(v), source[v]) << v;
  }
  // A seed whose offset exceeds its node's distance from the other seed
  // loses its own node.
  const std::vector<DijkstraSeed> late = {{0, 45}, {4, 0}};
  run(dijkstra, graph, late);
  EXPECT_EQ(dijkstra.distance(0), 40u);
  EXPECT_EQ(dijkstra.source(0), 1u);
}

TEST_P(DijkstraOnBothForms, LimitSettlesExactlyTheNodesWithinIt) {
  std::vector<ArcTriple> arcs;
  for (NodeId u = 0; u < 5; ++u) arcs.push_back({u, u + 1, 10});
  const CsrGraph graph = build_csr_graph(6, arcs);
  Dijkstra dijkstra(6);
  const std::vector<DijkstraSeed> seeds = {{0, 5}};
  run(dijkstra, graph, seeds, 25);  // node 2 is at exactly 25: included
  EXPECT_EQ(dijkstra.distance(2), 25u);
  EXPECT_EQ(dijkstra.distance(3), kUnreachable);
  EXPECT_EQ(dijkstra.settled().size(), 3u);
  run(dijkstra, graph, seeds, 4);  // the seed itself lies beyond the limit
  EXPECT_EQ(dijkstra.distance(0), kUnreachable);
  EXPECT_TRUE(dijkstra.settled().empty());
}

TEST_P(DijkstraOnBothForms, EqualDistancesGoToTheSmallestSeedIndexEvenThroughZeroArcs) {
  // Two seeds at nodes 0 and 1, both at 5; zero-weight arcs 1->2, 0->2,
  // 2->3 and an arc 2->4 of 7. Listing the seeds in both orders makes the
  // heap pop either node first; nodes 2, 3, 4 always belong to seed index 0.
  const std::vector<ArcTriple> arcs = {{1, 2, 0}, {0, 2, 0}, {2, 3, 0}, {2, 4, 7}};
  const CsrGraph graph = build_csr_graph(5, arcs);
  Dijkstra dijkstra(5);
  for (const std::vector<DijkstraSeed>& seeds :
       {std::vector<DijkstraSeed>{{0, 5}, {1, 5}}, std::vector<DijkstraSeed>{{1, 5}, {0, 5}}}) {
    run(dijkstra, graph, seeds);
    for (NodeId v : {2u, 3u, 4u}) EXPECT_EQ(dijkstra.source(v), 0u) << v;
    EXPECT_EQ(dijkstra.distance(4), 12u);
    EXPECT_EQ(dijkstra.settled().size(), 5u);  // each node once despite re-opening
  }
}

TEST_P(DijkstraOnBothForms, SettledOrderIsNonDecreasing) {
  std::mt19937 random(7);
  const std::vector<ArcTriple> arcs = random_arcs(random, 300, 1500, 100);
  const CsrGraph graph = build_csr_graph(300, arcs);
  Dijkstra dijkstra(300);
  const std::vector<DijkstraSeed> seeds = random_seeds(random, 300, 3, 50);
  run(dijkstra, graph, seeds);
  Millis previous = 0;
  for (NodeId v : dijkstra.settled()) {
    EXPECT_GE(dijkstra.distance(v), previous);
    previous = dijkstra.distance(v);
  }
}

TEST_P(DijkstraOnBothForms, RejectsAGraphOfAnotherSize) {
  const CsrGraph graph = build_csr_graph(3, {});
  Dijkstra dijkstra(4);
  EXPECT_THROW(run(dijkstra, graph, {}), std::invalid_argument);
  Dijkstra right(3);
  const std::vector<DijkstraSeed> seeds = {{3, 0}};
  EXPECT_THROW(run(right, graph, seeds), std::invalid_argument);
}

TEST_P(DijkstraOnBothForms, HugeWeightsDoNotOverflow) {
  const std::vector<ArcTriple> arcs = {{0, 1, kUnreachable - 10}, {1, 2, 20}};
  const CsrGraph graph = build_csr_graph(3, arcs);
  Dijkstra dijkstra(3);
  const std::vector<DijkstraSeed> seeds = {{0, 5}};
  run(dijkstra, graph, seeds);
  EXPECT_EQ(dijkstra.distance(1), kUnreachable - 5);
  EXPECT_EQ(dijkstra.distance(2), kUnreachable);
}

// Random graphs: sparse and dense, wide weights and tie-heavy small weights
// (zeros included), one and many seeds, with and without a limit. One search
// object serves every query, so stale state from a previous run would show.
TEST_P(DijkstraOnBothForms, RandomGraphsMatchNaiveReferenceAndBoost) {
  std::mt19937 random(20240611);
  for (int graph_round = 0; graph_round < 12; ++graph_round) {
    const std::size_t node_count = 50 + 150 * static_cast<std::size_t>(graph_round % 4);
    const std::size_t arc_count = node_count * (1 + static_cast<std::size_t>(graph_round % 5));
    const Millis max_weight = graph_round % 2 == 0 ? 100000 : 3;
    const std::vector<ArcTriple> arcs = random_arcs(random, node_count, arc_count, max_weight);
    const CsrGraph graph = build_csr_graph(node_count, arcs);
    Dijkstra dijkstra(node_count);
    for (int query = 0; query < 8; ++query) {
      const std::size_t seed_count = query % 3 == 0 ? 1 : 1 + static_cast<std::size_t>(query);
      const std::vector<DijkstraSeed> seeds =
          random_seeds(random, node_count, seed_count, max_weight * 2);
      const ReferenceResult expected = reference_dijkstra(node_count, arcs, seeds);
      const std::vector<std::uint64_t> boost_distance = boost_dijkstra(node_count, arcs, seeds);
      ASSERT_EQ(boost_distance, expected.distance) << "the references disagree";

      run(dijkstra, graph, seeds);
      SCOPED_TRACE(testing::Message() << "graph " << graph_round << " query " << query);
      expect_matches_reference(dijkstra, expected, kUnreachable);

      std::vector<std::uint64_t> finite;
      for (std::uint64_t d : expected.distance) {
        if (d != kReferenceInfinity) finite.push_back(d);
      }
      const Millis limit = static_cast<Millis>(finite[finite.size() / 2]);
      run(dijkstra, graph, seeds, limit);
      expect_matches_reference(dijkstra, expected, limit);
    }
  }
}

// One object, queries mixing what changes the kernel's path: single- and
// many-seed runs keep different labels (switching must leave nothing stale),
// and seed offsets far larger than any arc weight lie beyond the bucket
// queue's circle (weights <= 5 give 64 one-millisecond buckets), so they wait
// in its overflow and must still come out in order, as must the heads of
// arcs heavier than the circle.
TEST_P(DijkstraOnBothForms, MixedSeedCountsOffsetsAndLimitsMatchReference) {
  std::mt19937 random(99);
  const std::size_t node_count = 400;
  std::vector<ArcTriple> arcs = random_arcs(random, node_count, 4000, 5);
  // Three arcs heavier than the queue's span (SearchGraph::long_arc_weight
  // is 5 here) take the overflow too.
  for (const NodeId u : {3u, 50u, 222u}) arcs.push_back({u, (u * 7 + 1) % 400, 300});
  const CsrGraph graph = build_csr_graph(node_count, arcs);
  ASSERT_EQ(make_search_graph(graph).long_arc_weight, 5u);
  Dijkstra dijkstra(node_count);
  for (int query = 0; query < 18; ++query) {
    const std::size_t seed_count = query % 2 == 0 ? 1 : 8;
    const Millis max_offset = query % 3 == 2 ? 1000 : 3;
    const Millis limit = query % 3 == 0 ? kUnreachable : (query % 3 == 1 ? 4 : 500);
    const std::vector<DijkstraSeed> seeds =
        random_seeds(random, node_count, seed_count, max_offset);
    const ReferenceResult expected = reference_dijkstra(node_count, arcs, seeds);
    SCOPED_TRACE(testing::Message() << "query " << query);
    run(dijkstra, graph, seeds, limit);
    expect_matches_reference(dijkstra, expected, limit);
  }
}

TEST_P(DijkstraOnBothForms, ARejectedRunKeepsThePreviousResults) {
  const std::vector<ArcTriple> arcs = {{0, 1, 4}};
  const CsrGraph graph = build_csr_graph(2, arcs);
  Dijkstra dijkstra(2);
  const std::vector<DijkstraSeed> good = {{0, 1}};
  run(dijkstra, graph, good);
  const std::vector<DijkstraSeed> bad = {{0, 0}, {7, 0}};
  EXPECT_THROW(run(dijkstra, graph, bad), std::invalid_argument);
  EXPECT_EQ(dijkstra.distance(1), 5u);
  EXPECT_EQ(dijkstra.source(1), 0u);
}

TEST(Dijkstra, RefusesMoreNodesThanQueueEntriesCanName) {
  EXPECT_THROW(Dijkstra(std::size_t{1} << 31), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
