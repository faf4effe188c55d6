#include "couverture/engine/travel_time_matrix.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "couverture/engine/nearest_facility_times.hpp"
#include "one_way_loop_network.hpp"

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

using loop_test::loop_network;
using loop_test::on;

// A row as (origin, seconds) pairs.
std::vector<std::pair<std::uint32_t, double>> row(const TravelTimeMatrix& m, std::size_t f) {
  std::vector<std::pair<std::uint32_t, double>> entries;
  for (std::size_t k = 0; k < m.row_origins(f).size(); ++k) {
    entries.emplace_back(m.row_origins(f)[k], m.row_seconds(f)[k]);
  }
  return entries;
}

TEST(TravelTimeMatrix, HandWorkedRowsInBothDirections) {
  const RoadGraph graph = loop_network();
  // Facility 0 a quarter along 0-1, 10 m off; facility 1 at node 3.
  const std::vector<NetworkPosition> facilities = {on(graph, 0, 1, 0.25, 10.0),
                                                   on(graph, 1, 3, 1.0, 0.0)};
  const std::vector<NetworkPosition> origins = {
      on(graph, 1, 2, 0.5, 5.0),  // halfway along one-way 1->2, 5 m off
      on(graph, 2, 0, 0.5, 0.0),  // halfway along one-way 2->0
      on(graph, 4, 5, 0.5, 0.0),  // the island
      NetworkPosition{},          // not snapped
  };
  TravelTimeMatrixBuilder to(graph, 1.0);
  TravelTimeMatrixBuilder from(graph, 1.0, TravelDirection::from_facility);
  EXPECT_EQ(to.direction(), TravelDirection::to_facility);
  EXPECT_EQ(from.direction(), TravelDirection::from_facility);

  const TravelTimeMatrix in = to.compute(facilities, origins);
  ASSERT_EQ(in.facility_count(), 2u);
  EXPECT_EQ(in.origin_count, 4u);
  // To facility 0: origin 0 on to 2 (15), 2->0 (90), 0 to the point (15),
  //   walks 5 + 10 = 135; origin 1 on to 0 (45) + 15 + 10 = 70.
  // To facility 1 (node 3): origin 0 on to 2 (15), 2->0 (90), 0->1 (60),
  //   1->3 (40), walk 5 = 210; origin 1: 45 + 60 + 40 = 145.
  const auto in0 = row(in, 0);
  const auto in1 = row(in, 1);
  ASSERT_EQ(in0.size(), 2u);
  ASSERT_EQ(in1.size(), 2u);
  EXPECT_EQ(in0[0].first, 0u);
  EXPECT_NEAR(in0[0].second, 135.0, 0.002);
  EXPECT_EQ(in0[1].first, 1u);
  EXPECT_NEAR(in0[1].second, 70.0, 0.002);
  EXPECT_NEAR(in1[0].second, 210.0, 0.002);
  EXPECT_NEAR(in1[1].second, 145.0, 0.002);

  const TravelTimeMatrix out = from.compute(facilities, origins);
  // From facility 0: walk 10, point to 1 (45), half of 1->2 (15), walk 5 =
  //   75 to origin 0; 10 + 45 + 30 (1->2) + 45 (half of 2->0) = 130 to origin 1.
  // From facility 1 (node 3): 3->1 (40) + 15 + 5 = 60; 40 + 30 + 45 = 115.
  const auto out0 = row(out, 0);
  const auto out1 = row(out, 1);
  ASSERT_EQ(out0.size(), 2u);
  ASSERT_EQ(out1.size(), 2u);
  EXPECT_NEAR(out0[0].second, 75.0, 0.002);
  EXPECT_NEAR(out0[1].second, 130.0, 0.002);
  EXPECT_NEAR(out1[0].second, 60.0, 0.002);
  EXPECT_NEAR(out1[1].second, 115.0, 0.002);
  EXPECT_EQ(out.entry_count(), 4u);

  // A 100 s cutoff keeps 70 inbound, 75 and 60 outbound.
  const TravelTimeMatrix capped_in = to.compute(facilities, origins, 100.0);
  EXPECT_EQ(capped_in.row_begin, (std::vector<std::uint64_t>{0, 1, 1}));
  EXPECT_EQ(capped_in.origin, (std::vector<std::uint32_t>{1}));
  const TravelTimeMatrix capped_out = from.compute(facilities, origins, 100.0);
  EXPECT_EQ(capped_out.row_begin, (std::vector<std::uint64_t>{0, 1, 2}));
  EXPECT_EQ(capped_out.origin, (std::vector<std::uint32_t>{0, 0}));
}

// A cutoff past 2^32 ms (71,583 minutes and more, in seconds here) must not
// wrap the searches' 32-bit limit to a small one: it saturates to no limit,
// the rows of an unbounded search.
TEST(TravelTimeMatrix, ACutoffBeyondThe32BitMillisecondRangeSaturates) {
  const RoadGraph graph = loop_network();
  const std::vector<NetworkPosition> facilities = {on(graph, 0, 1, 0.25, 10.0),
                                                   on(graph, 1, 3, 1.0, 0.0)};
  const std::vector<NetworkPosition> origins = {on(graph, 1, 2, 0.5, 5.0),
                                                on(graph, 2, 0, 0.5, 0.0)};
  TravelTimeMatrixBuilder to(graph, 1.0);
  const TravelTimeMatrix unbounded = to.compute(facilities, origins);
  for (const double minutes : {71'582.0, 71'583.0, 1e9}) {
    const TravelTimeMatrix far = to.compute(facilities, origins, minutes * 60.0);
    EXPECT_EQ(far.row_begin, unbounded.row_begin) << minutes;
    EXPECT_EQ(far.origin, unbounded.origin) << minutes;
    EXPECT_EQ(far.seconds, unbounded.seconds) << minutes;
  }
}

TEST(TravelTimeMatrix, SameSegmentPairsGoStraightAlongTheOneWay) {
  const RoadGraph graph = loop_network();
  // The facility at 0.2 along one-way 1->2; origins at 0.1 and 0.6.
  const std::vector<NetworkPosition> facilities = {on(graph, 1, 2, 0.2, 0.0)};
  const std::vector<NetworkPosition> origins = {on(graph, 1, 2, 0.1, 0.0),
                                                on(graph, 2, 1, 0.4, 0.0)};
  // Inbound: 0.1 -> 0.2 straight, 3 s; 0.6 -> 2 (12), 2->0 (90), 0->1 (60),
  //   1 -> 0.2 (6) = 168 s. Outbound: to 0.1 round the loop 24 + 90 + 60 + 3 =
  //   177 s; to 0.6 straight, 12 s.
  const TravelTimeMatrix in = TravelTimeMatrixBuilder(graph, 1.0).compute(facilities, origins);
  EXPECT_NEAR(in.seconds[0], 3.0, 0.002);
  EXPECT_NEAR(in.seconds[1], 168.0, 0.002);
  const TravelTimeMatrix out = TravelTimeMatrixBuilder(graph, 1.0, TravelDirection::from_facility)
                                   .compute(facilities, origins);
  EXPECT_NEAR(out.seconds[0], 177.0, 0.002);
  EXPECT_NEAR(out.seconds[1], 12.0, 0.002);
}

TEST(TravelTimeMatrix, ABuilderServesCallsOfDifferentSizes) {
  const RoadGraph graph = loop_network();
  const std::vector<NetworkPosition> facilities = {on(graph, 0, 1, 0.25, 10.0),
                                                   on(graph, 1, 3, 1.0, 0.0)};
  const std::vector<NetworkPosition> many = {on(graph, 1, 2, 0.5, 5.0), on(graph, 2, 0, 0.5, 0.0),
                                             on(graph, 1, 3, 0.5, 0.0)};
  const std::vector<NetworkPosition> few = {on(graph, 1, 3, 0.5, 0.0)};
  TravelTimeMatrixBuilder reused(graph, 1.0);
  const TravelTimeMatrix first = reused.compute(facilities, many);
  const TravelTimeMatrix small = reused.compute(facilities, few);
  const TravelTimeMatrix again = reused.compute(facilities, many);
  EXPECT_EQ(again.row_begin, first.row_begin);
  EXPECT_EQ(again.origin, first.origin);
  EXPECT_EQ(again.seconds, first.seconds);
  // The dead end's midpoint: back to 1 (20), 1->0 to the point (45), walk
  // 10 = 75 s to facility 0; on to node 3, 20 s, to facility 1.
  ASSERT_EQ(small.entry_count(), 2u);
  EXPECT_NEAR(small.seconds[0], 75.0, loop_test::kTolerance);
  EXPECT_NEAR(small.seconds[1], 20.0, loop_test::kTolerance);
  const TravelTimeMatrix fresh = TravelTimeMatrixBuilder(graph, 1.0).compute(facilities, few);
  EXPECT_EQ(small.seconds, fresh.seconds);
}

TEST(TravelTimeMatrix, NoFacilityOrInvalidFacilityGivesEmptyRows) {
  const RoadGraph graph = loop_network();
  TravelTimeMatrixBuilder builder(graph, 1.0);
  const std::vector<NetworkPosition> origins = {on(graph, 0, 1, 0.5, 0.0)};
  const TravelTimeMatrix none = builder.compute({}, origins);
  EXPECT_EQ(none.facility_count(), 0u);
  EXPECT_EQ(none.entry_count(), 0u);
  const std::vector<NetworkPosition> invalid = {NetworkPosition{}};
  const TravelTimeMatrix empty = builder.compute(invalid, origins);
  EXPECT_EQ(empty.facility_count(), 1u);
  EXPECT_TRUE(empty.row_origins(0).empty());
  EXPECT_THROW(TravelTimeMatrixBuilder(graph, 0.0), std::invalid_argument);
}

// --- Against a reference on random one-way networks ----------------------

// A grid of `side` × `side` nodes; each edge is two-way or one-way either
// way at random, with a random weight, plus a few random long arcs.
RoadGraph random_network(std::uint32_t side, std::mt19937& random) {
  std::vector<ArcTriple> arcs;
  std::uniform_int_distribution<Millis> weight(1000, 60000);
  std::uniform_int_distribution<int> kind(0, 9);
  const auto id = [side](std::uint32_t r, std::uint32_t c) { return r * side + c; };
  const auto link = [&](NodeId u, NodeId v) {
    const int k = kind(random);
    const Millis w = weight(random);
    // 0-5 two-way, 6 one-way u->v, 7 and 8 one-way v->u, 9 no road.
    if (k <= 6) arcs.push_back({u, v, w});
    if (k < 6 || k == 7 || k == 8) arcs.push_back({v, u, w});
  };
  for (std::uint32_t r = 0; r < side; ++r) {
    for (std::uint32_t c = 0; c < side; ++c) {
      if (c + 1 < side) link(id(r, c), id(r, c + 1));
      if (r + 1 < side) link(id(r, c), id(r + 1, c));
    }
  }
  std::uniform_int_distribution<NodeId> any(0, side * side - 1);
  for (int i = 0; i < 10; ++i) arcs.push_back({any(random), any(random), weight(random)});
  std::erase_if(arcs, [](const ArcTriple& a) { return a.tail == a.head; });
  RoadGraph graph;
  graph.profile = "car";
  graph.graph = build_csr_graph(side * side, arcs);
  graph.node_position.assign(side * side, LonLat{6.0, 48.0});
  return graph;
}

// A random position: on a random arc's segment, at an end or inside.
NetworkPosition random_position(const RoadGraph& graph, std::mt19937& random) {
  std::uniform_int_distribution<ArcId> arc(0, static_cast<ArcId>(graph.arc_count() - 1));
  std::uniform_int_distribution<int> where(0, 9);
  std::uniform_real_distribution<double> t(0.0, 1.0);
  std::uniform_real_distribution<double> off(0.0, 50.0);
  const ArcId a = arc(random);
  NodeId tail = 0;
  while (graph.graph.arcs_end(tail) <= a) ++tail;
  const int w = where(random);
  return on(graph, tail, graph.graph.head[a], w == 0 ? 0.0 : (w == 1 ? 1.0 : t(random)),
            off(random));
}

// Independent reference: every position inside a segment becomes a node of
// an expanded graph, the segment cut into pieces pro rata of its arcs'
// times (a position at a segment end is that end's node); then a plain
// Dijkstra on doubles from the facility's node, on the expanded graph or its
// reverse, plus the walks at both ends.
class ExpandedReference {
 public:
  ExpandedReference(const RoadGraph& graph, const std::vector<NetworkPosition>& positions)
      : out_(graph.node_count()), in_(graph.node_count()) {
    for (NodeId u = 0; u < graph.node_count(); ++u) {
      for (ArcId a = graph.graph.arcs_begin(u); a < graph.graph.arcs_end(u); ++a) {
        add(u, graph.graph.head[a], graph.graph.weight[a]);
      }
    }
    // Positions on each segment, by (low, high), with their fraction from low.
    std::map<std::pair<NodeId, NodeId>, std::vector<std::pair<double, std::size_t>>> on_segment;
    node_of_.resize(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i) {
      const NetworkPosition& p = positions[i];
      if (p.fraction == 0.0 || p.fraction == 1.0) {
        node_of_[i] = p.fraction == 0.0 ? p.from : p.to;
        continue;
      }
      node_of_[i] = static_cast<NodeId>(out_.size());
      out_.emplace_back();
      in_.emplace_back();
      const bool up = p.from < p.to;
      on_segment[{std::min(p.from, p.to), std::max(p.from, p.to)}].emplace_back(
          up ? p.fraction : 1.0 - p.fraction, i);
    }
    for (auto& [segment, list] : on_segment) {
      const auto [low, high] = segment;
      const ArcId up = graph.find_arc(low, high);
      const ArcId down = graph.find_arc(high, low);
      std::sort(list.begin(), list.end());
      std::vector<std::pair<double, NodeId>> chain = {{0.0, low}};
      for (const auto& [t, i] : list) chain.emplace_back(t, node_of_[i]);
      chain.emplace_back(1.0, high);
      for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
        const double dt = chain[k + 1].first - chain[k].first;
        if (up != kInvalidId)
          add(chain[k].second, chain[k + 1].second, dt * graph.graph.weight[up]);
        if (down != kInvalidId) {
          add(chain[k + 1].second, chain[k].second, dt * graph.graph.weight[down]);
        }
      }
    }
  }

  // Seconds from position `source` to every position (outbound), or from
  // every position to `source` (inbound); +inf when unreachable.
  std::vector<double> seconds(const std::vector<NetworkPosition>& positions, std::size_t source,
                              bool inbound) const {
    const auto& arcs = inbound ? in_ : out_;
    std::vector<double> distance(arcs.size(), kInf);
    using Item = std::pair<double, NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    distance[node_of_[source]] = positions[source].distance_m * 1000.0;
    queue.emplace(distance[node_of_[source]], node_of_[source]);
    while (!queue.empty()) {
      const auto [d, u] = queue.top();
      queue.pop();
      if (d > distance[u]) continue;
      for (const auto& [v, w] : arcs[u]) {
        if (d + w < distance[v]) {
          distance[v] = d + w;
          queue.emplace(d + w, v);
        }
      }
    }
    std::vector<double> result(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i) {
      result[i] = (distance[node_of_[i]] + positions[i].distance_m * 1000.0) / 1000.0;
    }
    return result;
  }

 private:
  void add(NodeId u, NodeId v, double ms) {
    out_[u].emplace_back(v, ms);
    in_[v].emplace_back(u, ms);
  }
  std::vector<std::vector<std::pair<NodeId, double>>> out_;
  std::vector<std::vector<std::pair<NodeId, double>>> in_;
  std::vector<NodeId> node_of_;
};

TEST(TravelTimeMatrix, MatchesAReferenceAndNearestFacilityTimesOnRandomOneWayGrids) {
  std::mt19937 random(20261129);
  for (int trial = 0; trial < 4; ++trial) {
    const RoadGraph graph = random_network(14, random);
    std::vector<NetworkPosition> facilities;
    std::vector<NetworkPosition> origins;
    for (int i = 0; i < 12; ++i) facilities.push_back(random_position(graph, random));
    for (int i = 0; i < 300; ++i) origins.push_back(random_position(graph, random));
    // Some origins on a facility's own segment, either description.
    for (int i = 0; i < 12; ++i) {
      NetworkPosition p = facilities[i];
      if (i % 2 == 0) p = on(graph, p.to, p.from, 1.0 - p.fraction, 0.0);
      p.fraction = std::clamp(p.fraction + (i % 3 == 0 ? 0.2 : -0.2), 0.05, 0.95);
      origins.push_back(p);
    }
    // The reference sees facilities then origins as one list of positions.
    std::vector<NetworkPosition> all = facilities;
    all.insert(all.end(), origins.begin(), origins.end());
    const ExpandedReference reference(graph, all);

    for (const TravelDirection direction :
         {TravelDirection::to_facility, TravelDirection::from_facility}) {
      const bool inbound = direction == TravelDirection::to_facility;
      TravelTimeMatrixBuilder builder(graph, 1.0, direction);
      NearestFacilityTimes nearest(graph, 1.0, direction);
      for (const double cutoff : {300.0, kInf}) {
        const TravelTimeMatrix m = builder.compute(facilities, origins, cutoff);
        ASSERT_EQ(m.facility_count(), facilities.size());
        EXPECT_GT(m.entry_count(), facilities.size());  // the test is not vacuous
        std::vector<double> column_min(origins.size(), kInf);
        for (std::size_t f = 0; f < facilities.size(); ++f) {
          const std::vector<double> expected = reference.seconds(all, f, inbound);
          const auto entries = row(m, f);
          ASSERT_TRUE(std::is_sorted(entries.begin(), entries.end()));
          std::vector<double> got(origins.size(), kInf);
          for (const auto& [o, s] : entries) got[o] = s;
          for (std::size_t o = 0; o < origins.size(); ++o) {
            const double want = expected[facilities.size() + o];
            column_min[o] = std::min(column_min[o], got[o]);
            // Seed offsets are rounded to the millisecond: within 1 ms, and
            // pairs that close to the cutoff may fall either side of it.
            if (std::isinf(want)) {
              ASSERT_TRUE(std::isinf(got[o])) << "f " << f << " o " << o << " got " << got[o];
            } else if (want <= cutoff - 0.002) {
              ASSERT_NEAR(got[o], want, 0.001)
                  << "trial " << trial << " inbound " << inbound << " f " << f << " o " << o;
            } else if (want > cutoff + 0.002) {
              ASSERT_TRUE(std::isinf(got[o])) << "f " << f << " o " << o << " got " << got[o];
            }
          }
        }
        const std::vector<NearestFacility> best = nearest.compute(facilities, origins, cutoff);
        for (std::size_t o = 0; o < origins.size(); ++o) {
          if (std::isinf(best[o].seconds)) {
            ASSERT_TRUE(std::isinf(column_min[o])) << o;
          } else {
            ASSERT_NEAR(column_min[o], best[o].seconds, 1e-9) << o;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace couverture

namespace couverture {
namespace {

// visit_rows hands over the same rows compute() keeps, one per facility.
TEST(TravelTimeMatrixVisit, VisitedRowsAreTheComputedRows) {
  RoadGraph graph;
  graph.profile = "car";
  for (int k = 0; k < 6; ++k) graph.node_position.push_back({6.0 + 0.01 * k, 48.0});
  std::vector<ArcTriple> arcs;
  for (NodeId k = 0; k + 1 < 6; ++k) {
    arcs.push_back({k, k + 1, 60000});
    arcs.push_back({k + 1, k, 90000});
  }
  std::vector<ArcId> order;
  graph.graph = build_csr_graph(6, arcs, &order);
  graph.arc_length_m.assign(graph.arc_count(), 740.0F);
  const NetworkSnapper snapper(graph);
  std::vector<NetworkPosition> facilities;
  std::vector<NetworkPosition> origins;
  for (int k = 0; k < 3; ++k) facilities.push_back(snapper.snap({6.004 + 0.02 * k, 48.0003}));
  for (int k = 0; k < 20; ++k) origins.push_back(snapper.snap({6.0 + 0.0025 * k, 47.9998}));
  TravelTimeMatrixBuilder builder(graph, 1.25, TravelDirection::to_facility);
  const TravelTimeMatrix matrix = builder.compute(facilities, origins, 400.0);
  std::vector<std::vector<std::pair<std::uint32_t, double>>> visited(facilities.size());
  builder.visit_rows(
      facilities, origins, 400.0,
      [&](std::size_t f, std::span<const std::uint32_t> o, std::span<const double> s) {
        for (std::size_t e = 0; e < o.size(); ++e) visited[f].push_back({o[e], s[e]});
      });
  for (std::size_t f = 0; f < facilities.size(); ++f) {
    std::sort(visited[f].begin(), visited[f].end());
    ASSERT_EQ(visited[f].size(), matrix.row_origins(f).size()) << f;
    EXPECT_GT(visited[f].size(), 0u);
    for (std::size_t e = 0; e < visited[f].size(); ++e) {
      EXPECT_EQ(visited[f][e].first, matrix.row_origins(f)[e]);
      EXPECT_DOUBLE_EQ(visited[f][e].second, matrix.row_seconds(f)[e]);
    }
  }
}

}  // namespace
}  // namespace couverture
