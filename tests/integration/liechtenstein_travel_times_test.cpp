// Travel times on the real Liechtenstein car graph: the production Dijkstra
// and NearestFacilityTimes against a naive reference and Boost.Graph, at
// every node.
#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <tuple>
#include <vector>

#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

constexpr std::uint64_t kInfinity = std::numeric_limits<std::uint64_t>::max();

struct Reference {
  std::vector<std::uint64_t> distance;
  std::vector<std::uint32_t> source;  // smallest index among the nearest sources
};

// Deliberately naive: adjacency lists and a priority queue on
// (distance, source index, node).
Reference reference_dijkstra(const CsrGraph& graph, const std::vector<NodeId>& sources) {
  std::vector<std::vector<std::pair<NodeId, Millis>>> out(graph.node_count());
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      out[u].emplace_back(graph.head[a], graph.weight[a]);
    }
  }
  Reference result{std::vector<std::uint64_t>(graph.node_count(), kInfinity),
                   std::vector<std::uint32_t>(graph.node_count(), kInvalidId)};
  using Item = std::tuple<std::uint64_t, std::uint32_t, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (std::uint32_t i = 0; i < sources.size(); ++i) queue.emplace(0, i, sources[i]);
  while (!queue.empty()) {
    const auto [d, s, u] = queue.top();
    queue.pop();
    if (result.distance[u] != kInfinity) continue;
    result.distance[u] = d;
    result.source[u] = s;
    for (const auto& [v, w] : out[u]) {
      if (result.distance[v] == kInfinity) queue.emplace(d + w, s, v);
    }
  }
  return result;
}

std::vector<std::uint64_t> boost_dijkstra(const CsrGraph& graph, NodeId source) {
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                            boost::property<boost::edge_weight_t, std::uint64_t>>;
  Graph boost_graph(graph.node_count());
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      boost::add_edge(u, graph.head[a], graph.weight[a], boost_graph);
    }
  }
  std::vector<std::uint64_t> distance(graph.node_count());
  boost::dijkstra_shortest_paths(boost_graph, source, boost::distance_map(distance.data()));
  return distance;
}

class LiechtensteinTravelTimes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::filesystem::path path = testing::shared_data("osm/liechtenstein.osm.pbf");
    if (path.empty()) return;
    graph_ = new RoadGraph(read_road_graph(path, TravelProfile::car()));
  }
  static void TearDownTestSuite() {
    delete graph_;
    graph_ = nullptr;
  }
  // Five facility nodes spread over the id range.
  static std::vector<NodeId> facility_nodes() {
    std::vector<NodeId> nodes;
    const std::size_t n = graph_->node_count();
    for (std::size_t i = 0; i < 5; ++i) nodes.push_back(static_cast<NodeId>((2 * i + 1) * n / 10));
    return nodes;
  }
  static RoadGraph* graph_;
};

RoadGraph* LiechtensteinTravelTimes::graph_ = nullptr;

TEST_F(LiechtensteinTravelTimes, OneToAllFromEachFacilityMatchesReferenceAndBoost) {
  COUVERTURE_REQUIRE_SHARED(path, "osm/liechtenstein.osm.pbf");
  ASSERT_NE(graph_, nullptr);
  const CsrGraph& graph = graph_->graph;
  ASSERT_GT(graph.node_count(), 1000u);
  Dijkstra dijkstra(graph.node_count());  // one search state for every query
  for (NodeId facility : facility_nodes()) {
    const Reference expected = reference_dijkstra(graph, {facility});
    const std::vector<std::uint64_t> boost_distance = boost_dijkstra(graph, facility);
    const DijkstraSeed seed{facility, 0};
    dijkstra.run(graph, {&seed, 1});
    // The graph is one strongly connected component: everything is reached.
    EXPECT_EQ(dijkstra.settled().size(), graph.node_count());
    for (NodeId v = 0; v < graph.node_count(); ++v) {
      ASSERT_EQ(expected.distance[v], boost_distance[v]) << "references disagree at " << v;
      ASSERT_EQ(dijkstra.distance(v), expected.distance[v])
          << "facility " << facility << " node " << v;
    }
  }
}

TEST_F(LiechtensteinTravelTimes, ManySourceSearchMatchesReference) {
  COUVERTURE_REQUIRE_SHARED(path, "osm/liechtenstein.osm.pbf");
  ASSERT_NE(graph_, nullptr);
  const CsrGraph& graph = graph_->graph;
  const std::vector<NodeId> facilities = facility_nodes();
  const Reference expected = reference_dijkstra(graph, facilities);
  std::vector<DijkstraSeed> seeds;
  for (NodeId f : facilities) seeds.push_back({f, 0});
  Dijkstra dijkstra(graph.node_count());
  dijkstra.run(graph, seeds);
  for (NodeId v = 0; v < graph.node_count(); ++v) {
    ASSERT_EQ(dijkstra.distance(v), expected.distance[v]) << v;
    ASSERT_EQ(dijkstra.source(v), expected.source[v]) << v;
  }
}

TEST_F(LiechtensteinTravelTimes, InboundTimesFromEveryNodeMatchTheReversedReference) {
  COUVERTURE_REQUIRE_SHARED(path, "osm/liechtenstein.osm.pbf");
  ASSERT_NE(graph_, nullptr);
  const RoadGraph& road = *graph_;
  // A position exactly at node u, on its first outgoing segment.
  const auto at_node = [&road](NodeId u) {
    NetworkPosition p;
    p.from = u;
    p.to = road.graph.head[road.graph.arcs_begin(u)];
    p.forward_arc = road.graph.arcs_begin(u);
    p.backward_arc = road.find_arc(p.to, u);
    p.point = road.node_position[u];
    return p;
  };
  const std::vector<NodeId> facility_ids = facility_nodes();
  std::vector<NetworkPosition> facilities;
  for (NodeId f : facility_ids) facilities.push_back(at_node(f));
  std::vector<NetworkPosition> origins;
  for (NodeId u = 0; u < road.node_count(); ++u) origins.push_back(at_node(u));

  // Inbound = from each node to its nearest facility = a search from the
  // facilities on the reversed graph.
  const Reference expected = reference_dijkstra(reverse_graph(road.graph), facility_ids);
  NearestFacilityTimes times(road, 1.25);
  for (int round = 0; round < 2; ++round) {  // the state is reused
    const std::vector<NearestFacility> result = times.compute(facilities, origins);
    for (NodeId u = 0; u < road.node_count(); ++u) {
      ASSERT_NEAR(result[u].seconds, static_cast<double>(expected.distance[u]) / 1000.0, 1e-9) << u;
      ASSERT_EQ(result[u].facility, expected.source[u]) << u;
    }
  }
}

}  // namespace
}  // namespace couverture
