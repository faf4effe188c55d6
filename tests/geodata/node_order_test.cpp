#include "couverture/geodata/node_order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <random>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

namespace couverture {
namespace {

TEST(HilbertNodeOrder, VisitsTheFourCornersAlongTheCurve) {
  // The first-level Hilbert curve runs lower-left, upper-left, upper-right,
  // lower-right. Nodes given as: 0 upper-right, 1 lower-left, 2 lower-right,
  // 3 upper-left.
  const std::vector<LonLat> position = {{6.1, 48.1}, {6.0, 48.0}, {6.1, 48.0}, {6.0, 48.1}};
  EXPECT_EQ(hilbert_node_order(position), (std::vector<NodeId>{2, 0, 3, 1}));
}

TEST(HilbertNodeOrder, NodesInOneCellKeepTheirOrderAndEmptyIsEmpty) {
  const std::vector<LonLat> same = {{6.0, 48.0}, {6.0, 48.0}, {6.0, 48.0}};
  EXPECT_EQ(hilbert_node_order(same), (std::vector<NodeId>{0, 1, 2}));
  EXPECT_TRUE(hilbert_node_order({}).empty());
}

// A side x side two-way street grid whose node ids are shuffled, so that
// neighbours have far-apart ids; OSM ids name the grid cell (1000 r + c).
RoadGraph shuffled_grid(int side, std::uint32_t seed) {
  const auto n = static_cast<std::size_t>(side * side);
  std::vector<NodeId> id_of_cell(n);
  for (NodeId i = 0; i < n; ++i) id_of_cell[i] = i;
  std::mt19937 random(seed);
  std::shuffle(id_of_cell.begin(), id_of_cell.end(), random);
  RoadGraph roads;
  roads.node_position.resize(n);
  roads.node_osm_id.resize(n);
  std::vector<ArcTriple> arcs;
  std::uniform_int_distribution<Millis> weight(500, 9000);
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      const NodeId u = id_of_cell[static_cast<std::size_t>(r * side + c)];
      roads.node_position[u] = {6.0 + 0.001 * c, 48.0 + 0.001 * r};
      roads.node_osm_id[u] = 1000 * r + c;
      if (c + 1 < side) {
        const NodeId v = id_of_cell[static_cast<std::size_t>(r * side + c + 1)];
        arcs.push_back({u, v, weight(random)});
        arcs.push_back({v, u, weight(random)});
      }
      if (r + 1 < side) {
        const NodeId v = id_of_cell[static_cast<std::size_t>((r + 1) * side + c)];
        arcs.push_back({u, v, weight(random)});
        arcs.push_back({u, v, weight(random)});  // a parallel arc, another way
      }
    }
  }
  std::vector<ArcId> order;
  roads.graph = build_csr_graph(n, arcs, &order);
  for (const ArcId input : order) {
    roads.arc_length_m.push_back(static_cast<float>(input) * 0.5f);
    roads.arc_class.push_back(static_cast<RoadClass>(input % 5));
    roads.arc_way_id.push_back(100000 + input);
  }
  return roads;
}

// Every arc as (tail OSM id, head OSM id, weight, length, class, way), in
// each tail's arc order: what a renumbering must not change.
using ArcRecord = std::tuple<std::int64_t, std::int64_t, Millis, float, RoadClass, std::int64_t>;
std::map<std::int64_t, std::vector<ArcRecord>> arcs_by_osm_tail(const RoadGraph& roads) {
  std::map<std::int64_t, std::vector<ArcRecord>> out;
  for (NodeId u = 0; u < roads.node_count(); ++u) {
    for (ArcId a = roads.graph.arcs_begin(u); a < roads.graph.arcs_end(u); ++a) {
      out[roads.node_osm_id[u]].emplace_back(
          roads.node_osm_id[u], roads.node_osm_id[roads.graph.head[a]], roads.graph.weight[a],
          roads.arc_length_m[a], roads.arc_class[a], roads.arc_way_id[a]);
    }
  }
  return out;
}

// Plain reference: travel times from one node, binary heap, lazy deletion.
std::vector<std::uint64_t> reference_times(const CsrGraph& graph, NodeId source) {
  std::vector<std::uint64_t> time(graph.node_count(), std::numeric_limits<std::uint64_t>::max());
  using Item = std::pair<std::uint64_t, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  queue.emplace(0, source);
  while (!queue.empty()) {
    const auto [t, u] = queue.top();
    queue.pop();
    if (t >= time[u]) continue;
    time[u] = t;
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      queue.emplace(t + graph.weight[a], graph.head[a]);
    }
  }
  return time;
}

std::map<std::pair<std::int64_t, std::int64_t>, std::uint64_t> times_between_osm_ids(
    const RoadGraph& roads, const std::vector<std::int64_t>& from_osm) {
  std::map<std::pair<std::int64_t, std::int64_t>, std::uint64_t> out;
  for (const std::int64_t osm : from_osm) {
    const auto source =
        static_cast<NodeId>(std::find(roads.node_osm_id.begin(), roads.node_osm_id.end(), osm) -
                            roads.node_osm_id.begin());
    const std::vector<std::uint64_t> time = reference_times(roads.graph, source);
    for (NodeId v = 0; v < roads.node_count(); ++v) out[{osm, roads.node_osm_id[v]}] = time[v];
  }
  return out;
}

double mean_id_gap(const CsrGraph& graph) {
  double sum = 0.0;
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      sum += u > graph.head[a] ? u - graph.head[a] : graph.head[a] - u;
    }
  }
  return sum / static_cast<double>(graph.arc_count());
}

TEST(ReorderForLocality, KeepsArcsPositionsAndTravelTimesBetweenOsmNodes) {
  RoadGraph roads = shuffled_grid(12, 3);
  const RoadGraph before = roads;
  const std::vector<NodeId> new_id = reorder_for_locality(roads);

  ASSERT_EQ(roads.node_count(), before.node_count());
  ASSERT_EQ(roads.arc_count(), before.arc_count());
  for (NodeId u = 0; u < before.node_count(); ++u) {
    EXPECT_EQ(roads.node_osm_id[new_id[u]], before.node_osm_id[u]);
    EXPECT_EQ(roads.node_position[new_id[u]], before.node_position[u]);
  }
  EXPECT_EQ(arcs_by_osm_tail(roads), arcs_by_osm_tail(before));
  const std::vector<std::int64_t> from = {0, 5005, 11011, 3007};
  EXPECT_EQ(times_between_osm_ids(roads, from), times_between_osm_ids(before, from));

  // The new ids follow the curve: ordering again changes nothing, and
  // neighbours now have much closer ids than in the shuffle.
  std::vector<NodeId> identity(roads.node_count());
  for (NodeId u = 0; u < identity.size(); ++u) identity[u] = u;
  EXPECT_EQ(hilbert_node_order(roads.node_position), identity);
  EXPECT_LT(mean_id_gap(roads.graph), mean_id_gap(before.graph) / 3.0);
}

TEST(RenumberNodes, AppliesAGivenPermutation) {
  // 0 -> 1 (700 ms, way 7), 1 -> 2 (300 ms, way 8); renumber 0->2, 1->0, 2->1.
  RoadGraph roads;
  const std::vector<ArcTriple> arcs = {{0, 1, 700}, {1, 2, 300}};
  roads.graph = build_csr_graph(3, arcs);
  roads.node_position = {{1.0, 1.0}, {2.0, 2.0}, {3.0, 3.0}};
  roads.node_osm_id = {10, 11, 12};
  roads.arc_length_m = {7.0f, 3.0f};
  roads.arc_class = {RoadClass::primary, RoadClass::service};
  roads.arc_way_id = {7, 8};
  const std::vector<NodeId> new_id = {2, 0, 1};
  renumber_nodes(roads, new_id);
  EXPECT_EQ(roads.node_osm_id, (std::vector<std::int64_t>{11, 12, 10}));
  EXPECT_EQ(roads.node_position[2], (LonLat{1.0, 1.0}));
  // New node 0 (OSM 11) has the arc to new node 1 (OSM 12); new node 2 (OSM
  // 10) the arc to new node 0.
  EXPECT_EQ(roads.graph.first_out, (std::vector<ArcId>{0, 1, 1, 2}));
  EXPECT_EQ(roads.graph.head, (std::vector<NodeId>{1, 0}));
  EXPECT_EQ(roads.graph.weight, (std::vector<Millis>{300, 700}));
  EXPECT_EQ(roads.arc_length_m, (std::vector<float>{3.0f, 7.0f}));
  EXPECT_EQ(roads.arc_class, (std::vector<RoadClass>{RoadClass::service, RoadClass::primary}));
  EXPECT_EQ(roads.arc_way_id, (std::vector<std::int64_t>{8, 7}));
}

TEST(RenumberNodes, RefusesMismatchedSizesAndLeavesTheGraphAsItWas) {
  RoadGraph roads = shuffled_grid(3, 1);
  const RoadGraph before = roads;
  EXPECT_THROW(renumber_nodes(roads, std::vector<NodeId>{0, 1}), std::invalid_argument);
  roads.arc_way_id.pop_back();
  std::vector<NodeId> identity(roads.node_count());
  for (NodeId u = 0; u < identity.size(); ++u) identity[u] = u;
  EXPECT_THROW(renumber_nodes(roads, identity), std::invalid_argument);
  EXPECT_EQ(roads.graph.head, before.graph.head);
  EXPECT_EQ(roads.node_osm_id, before.node_osm_id);
}

}  // namespace
}  // namespace couverture
