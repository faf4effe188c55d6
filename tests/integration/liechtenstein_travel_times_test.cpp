// Travel times on the real Liechtenstein car graph: the production Dijkstra,
// NearestFacilityTimes and TravelTimeMatrix against a naive reference and
// Boost.Graph, at every node, both directions; snapping off detached pieces.
#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <random>
#include <tuple>
#include <vector>

#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/engine/travel_time_matrix.hpp"
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

// A position exactly at node u, on its first outgoing segment.
NetworkPosition at_node(const RoadGraph& road, NodeId u) {
  NetworkPosition p;
  p.from = u;
  p.to = road.graph.head[road.graph.arcs_begin(u)];
  p.forward_arc = road.graph.arcs_begin(u);
  p.backward_arc = road.find_arc(p.to, u);
  p.point = road.node_position[u];
  return p;
}

// Positions at `facility_ids` and at every node of the graph.
struct NodePositions {
  std::vector<NetworkPosition> facilities;
  std::vector<NetworkPosition> origins;
};
NodePositions node_positions(const RoadGraph& road, const std::vector<NodeId>& facility_ids) {
  NodePositions positions;
  for (NodeId f : facility_ids) positions.facilities.push_back(at_node(road, f));
  for (NodeId u = 0; u < road.node_count(); ++u) positions.origins.push_back(at_node(road, u));
  return positions;
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
  const std::vector<NodeId> facility_ids = facility_nodes();
  const auto [facilities, origins] = node_positions(road, facility_ids);

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

TEST_F(LiechtensteinTravelTimes, MatrixRowsMatchTheReferenceInBothDirections) {
  COUVERTURE_REQUIRE_SHARED(path, "osm/liechtenstein.osm.pbf");
  ASSERT_NE(graph_, nullptr);
  const RoadGraph& road = *graph_;
  const std::vector<NodeId> facility_ids = facility_nodes();
  const auto [facilities, origins] = node_positions(road, facility_ids);
  const CsrGraph reversed = reverse_graph(road.graph);
  constexpr double kCutoff = 600.0;
  for (const TravelDirection direction :
       {TravelDirection::to_facility, TravelDirection::from_facility}) {
    const bool inbound = direction == TravelDirection::to_facility;
    TravelTimeMatrixBuilder builder(road, 1.25, direction);
    const TravelTimeMatrix m = builder.compute(facilities, origins, kCutoff);
    ASSERT_EQ(m.facility_count(), facilities.size());
    for (std::size_t f = 0; f < facilities.size(); ++f) {
      // Inbound: from every node to the facility, a search on the reversed graph.
      const Reference expected =
          reference_dijkstra(inbound ? reversed : road.graph, {facility_ids[f]});
      std::vector<std::uint32_t> within;
      for (NodeId u = 0; u < road.node_count(); ++u) {
        if (expected.distance[u] <= 600'000) within.push_back(u);
      }
      const auto row = m.row_origins(f);
      ASSERT_EQ(std::vector<std::uint32_t>(row.begin(), row.end()), within) << f;
      for (std::size_t k = 0; k < row.size(); ++k) {
        ASSERT_NEAR(m.row_seconds(f)[k], static_cast<double>(expected.distance[row[k]]) / 1000.0,
                    1e-9);
      }
    }
  }
}

TEST_F(LiechtensteinTravelTimes, MatrixColumnMinimumIsTheNearestFacilityForSnappedPoints) {
  COUVERTURE_REQUIRE_SHARED(path, "osm/liechtenstein.osm.pbf");
  ASSERT_NE(graph_, nullptr);
  const RoadGraph& road = *graph_;
  const NetworkSnapper snapper(road);
  // Points spread at random over the country's populated valley (lon
  // 9.48-9.60, lat 47.05-47.25), snapped inside segments.
  std::mt19937 random(4242);
  std::uniform_real_distribution<double> lon(9.48, 9.60);
  std::uniform_real_distribution<double> lat(47.05, 47.25);
  std::vector<NetworkPosition> facilities;
  std::vector<NetworkPosition> origins;
  for (int i = 0; i < 40; ++i) facilities.push_back(snapper.snap({lon(random), lat(random)}));
  for (int i = 0; i < 3000; ++i) origins.push_back(snapper.snap({lon(random), lat(random)}));
  for (const TravelDirection direction :
       {TravelDirection::to_facility, TravelDirection::from_facility}) {
    TravelTimeMatrixBuilder builder(road, 1.25, direction);
    NearestFacilityTimes nearest(road, 1.25, direction);
    for (const double cutoff : {900.0, std::numeric_limits<double>::infinity()}) {
      const TravelTimeMatrix m = builder.compute(facilities, origins, cutoff);
      std::vector<double> column_min(origins.size(), std::numeric_limits<double>::infinity());
      for (std::size_t f = 0; f < m.facility_count(); ++f) {
        for (std::size_t k = 0; k < m.row_origins(f).size(); ++k) {
          double& best = column_min[m.row_origins(f)[k]];
          best = std::min(best, m.row_seconds(f)[k]);
        }
      }
      const std::vector<NearestFacility> expected = nearest.compute(facilities, origins, cutoff);
      for (std::size_t o = 0; o < origins.size(); ++o) {
        if (std::isinf(expected[o].seconds)) {
          ASSERT_TRUE(std::isinf(column_min[o])) << o;
        } else {
          ASSERT_NEAR(column_min[o], expected[o].seconds, 1e-9) << o;
        }
      }
    }
  }
}

TEST_F(LiechtensteinTravelTimes, PointsOnDetachedPiecesJoinTheMainNetworkAndSaySo) {
  COUVERTURE_REQUIRE_SHARED(path, "osm/liechtenstein.osm.pbf");
  ASSERT_NE(graph_, nullptr);
  const RoadGraph& road = *graph_;
  const NetworkSnapper snapper(road);
  ASSERT_GT(snapper.detached_segment_count(), 0u);
  const RoadClassSet snappable = default_snappable_classes("car");
  std::size_t midpoints = 0;
  std::size_t reported = 0;
  for (std::size_t k = 0; k < road.detached_segment_count(); ++k) {
    if (!snappable.test(static_cast<std::size_t>(road.detached_segment_class[k]))) continue;
    const LonLat a = road.detached_segment_end[2 * k];
    const LonLat b = road.detached_segment_end[2 * k + 1];
    const NetworkPosition p = snapper.snap({(a.lon + b.lon) / 2, (a.lat + b.lat) / 2});
    ++midpoints;
    // Always on the main network, on a real arc.
    ASSERT_TRUE(p.valid());
    ASSERT_TRUE(p.forward_arc != kInvalidId || p.backward_arc != kInvalidId);
    if (!p.from_detached_piece) continue;
    ++reported;
    // The midpoint lies on its piece (within the projection's rounding), and
    // the main network is farther.
    EXPECT_LT(p.detached_distance_m, 0.5) << k;
    EXPECT_GT(p.distance_m, p.detached_distance_m) << k;
  }
  // A midpoint may also lie on a main road (a piece drawn over it), but
  // rarely.
  EXPECT_GT(midpoints, 0u);
  EXPECT_GE(reported * 10, midpoints * 9) << reported << " of " << midpoints;
  // Nodes of the main network's snappable roads are never reported, not
  // even where a detached spur leaves them.
  for (NodeId u = 0; u < road.node_count(); u += 7) {
    bool on_snappable = true;
    for (ArcId a = road.graph.arcs_begin(u); a < road.graph.arcs_end(u); ++a) {
      on_snappable = on_snappable && snappable.test(static_cast<std::size_t>(road.arc_class[a]));
    }
    if (!on_snappable) continue;
    const NetworkPosition p = snapper.snap(road.node_position[u]);
    ASSERT_FALSE(p.from_detached_piece) << u;
    ASSERT_LT(p.distance_m, 0.01) << u;
  }
}

}  // namespace
}  // namespace couverture
