#include "couverture/engine/scenario_changes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/geodata/data_error.hpp"

namespace couverture {
namespace {

// One directed arc with everything the graph keeps about it.
struct TestArc {
  NodeId tail;
  NodeId head;
  Millis weight;
  std::int64_t way;
  float length_m;
  RoadClass road_class;
  auto operator<=>(const TestArc&) const = default;
};

// Builds a graph from the test's own arc list, per-arc arrays aligned by
// the arc order build_csr_graph reports.
RoadGraph graph_of(std::size_t node_count, const std::vector<TestArc>& arcs) {
  RoadGraph roads;
  roads.profile = "car";
  for (std::size_t u = 0; u < node_count; ++u) {
    roads.node_position.push_back({6.0 + 0.01 * static_cast<double>(u), 48.0});
    roads.node_osm_id.push_back(static_cast<std::int64_t>(1000 + u));
  }
  std::vector<ArcTriple> triples;
  for (const TestArc& a : arcs) triples.push_back({a.tail, a.head, a.weight});
  std::vector<ArcId> order;
  roads.graph = build_csr_graph(node_count, triples, &order);
  for (const ArcId k : order) {
    roads.arc_length_m.push_back(arcs[k].length_m);
    roads.arc_class.push_back(arcs[k].road_class);
    roads.arc_way_id.push_back(arcs[k].way);
  }
  roads.detached_segment_end = {{7.0, 48.0}, {7.01, 48.0}};
  roads.detached_segment_class = {RoadClass::track};
  return roads;
}

// Every arc of `roads` read back through its arrays, sorted.
std::vector<TestArc> arcs_of(const RoadGraph& roads) {
  EXPECT_EQ(roads.arc_length_m.size(), roads.arc_count());
  EXPECT_EQ(roads.arc_class.size(), roads.arc_count());
  EXPECT_EQ(roads.arc_way_id.size(), roads.arc_count());
  std::vector<TestArc> arcs;
  for (NodeId u = 0; u < roads.node_count(); ++u) {
    for (ArcId a = roads.graph.arcs_begin(u); a < roads.graph.arcs_end(u); ++a) {
      arcs.push_back({u, roads.graph.head[a], roads.graph.weight[a], roads.arc_way_id[a],
                      roads.arc_length_m[a], roads.arc_class[a]});
    }
  }
  std::sort(arcs.begin(), arcs.end());
  return arcs;
}

// The loop of one_way_loop_network.hpp with OSM ways (seconds, metres):
//   way 100: 0 <-> 1, 60 s, 500 m, primary
//   way 101: 1 -> 2,  30 s, 333 m, secondary
//   way 102: 2 -> 0,  90 s, 1500 m, tertiary
//   way 103: 1 <-> 3, 40 s, 400 m, residential (dead end)
//   way 104: 4 <-> 5, 10 s, 0.0004 m, service (an island)
std::vector<TestArc> loop_arcs() {
  return {{0, 1, 60000, 100, 500.0f, RoadClass::primary},
          {1, 0, 60000, 100, 500.0f, RoadClass::primary},
          {1, 2, 30000, 101, 333.0f, RoadClass::secondary},
          {2, 0, 90000, 102, 1500.0f, RoadClass::tertiary},
          {1, 3, 40000, 103, 400.0f, RoadClass::residential},
          {3, 1, 40000, 103, 400.0f, RoadClass::residential},
          {4, 5, 10000, 104, 0.0004f, RoadClass::service},
          {5, 4, 10000, 104, 0.0004f, RoadClass::service}};
}

std::vector<TestArc> without_way(std::vector<TestArc> arcs, std::int64_t way) {
  std::erase_if(arcs, [way](const TestArc& a) { return a.way == way; });
  std::sort(arcs.begin(), arcs.end());
  return arcs;
}

TEST(ScenarioRoadChanges, ClosingAWayRemovesExactlyItsArcs) {
  const RoadGraph roads = graph_of(6, loop_arcs());
  ScenarioChanges changes;
  changes.closed_ways = {103};
  std::vector<std::string> warnings;
  const RoadGraph variant = apply_road_changes(roads, changes, warnings);
  EXPECT_EQ(variant.arc_count(), 6u);
  EXPECT_EQ(arcs_of(variant), without_way(loop_arcs(), 103));
  // Nodes keep their ids and places; node 3 is left without arcs, so no
  // point can join there: nothing is cut off.
  EXPECT_EQ(variant.node_count(), 6u);
  EXPECT_EQ(variant.node_osm_id, roads.node_osm_id);
  EXPECT_EQ(variant.node_position, roads.node_position);
  EXPECT_EQ(variant.detached_segment_end, roads.detached_segment_end);
  EXPECT_EQ(variant.detached_segment_class, roads.detached_segment_class);
  EXPECT_EQ(variant.profile, "car");
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  // The baseline is untouched.
  EXPECT_EQ(roads.arc_count(), 8u);
}

TEST(ScenarioRoadChanges, AVariantKeepsTheSlopeAwarenessOfItsGraph) {
  RoadGraph roads = graph_of(6, loop_arcs());
  roads.slope_aware = true;
  ScenarioChanges changes;
  changes.closed_ways = {103};
  std::vector<std::string> warnings;
  EXPECT_TRUE(apply_road_changes(roads, changes, warnings).slope_aware);
}

TEST(ScenarioRoadChanges, ClosingTheOnlyWayInCutsANodeOffAndWarns) {
  const RoadGraph roads = graph_of(6, loop_arcs());
  ScenarioChanges changes;
  changes.closed_ways = {101};
  std::vector<std::string> warnings;
  const RoadGraph variant = apply_road_changes(roads, changes, warnings);
  EXPECT_EQ(arcs_of(variant), without_way(loop_arcs(), 101));
  // Node 2 keeps its way out (2 -> 0) but nothing reaches it: 1 node cut
  // off. The island 4-5 was outside the main network already: not counted.
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("cut 1 road node"), std::string::npos) << warnings[0];
  EXPECT_EQ(variant.node_count(), 6u);
}

TEST(ScenarioRoadChanges, SpeedChangeGivesTheHandComputedWeight) {
  const RoadGraph roads = graph_of(6, loop_arcs());
  ScenarioChanges changes;
  // 333 m at 50 km/h (13.888… m/s) = 23.976 s; 500 m at 45 km/h (12.5 m/s)
  // = 40 s each way; 0.0004 m at 10 km/h = 0.144 ms, at least 1 ms.
  changes.way_speeds = {{101, 50.0}, {100, 45.0}, {104, 10.0}};
  std::vector<std::string> warnings;
  const RoadGraph variant = apply_road_changes(roads, changes, warnings);
  std::vector<TestArc> expected = loop_arcs();
  expected[0].weight = expected[1].weight = 40000;
  expected[2].weight = 23976;
  expected[6].weight = expected[7].weight = 1;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(arcs_of(variant), expected);
  EXPECT_TRUE(warnings.empty());
}

TEST(ScenarioRoadChanges, UnknownOrContradictoryWaysThrowNamingTheWay) {
  const RoadGraph roads = graph_of(6, loop_arcs());
  std::vector<std::string> warnings;
  const auto message_of = [&](const ScenarioChanges& changes) -> std::string {
    try {
      (void)apply_road_changes(roads, changes, warnings);
    } catch (const DataError& e) {
      return e.what();
    }
    return "no error";
  };
  ScenarioChanges closed;
  closed.closed_ways = {100, 999};
  std::string message = message_of(closed);
  EXPECT_NE(message.find("way 999"), std::string::npos) << message;
  EXPECT_NE(message.find("not a road of this network: check the OSM way id, or the profile"),
            std::string::npos)
      << message;
  ScenarioChanges sped;
  sped.way_speeds = {{998, 30.0}};
  message = message_of(sped);
  EXPECT_NE(message.find("way 998"), std::string::npos) << message;
  EXPECT_NE(message.find("not a road of this network"), std::string::npos) << message;
  ScenarioChanges zero;
  zero.way_speeds = {{100, 0.0}};
  EXPECT_NE(message_of(zero).find("way 100"), std::string::npos);
  ScenarioChanges both;
  both.closed_ways = {100};
  both.way_speeds = {{100, 30.0}};
  EXPECT_NE(message_of(both).find("both closed and given a speed"), std::string::npos);
  ScenarioChanges twice;
  twice.way_speeds = {{100, 30.0}, {100, 40.0}};
  EXPECT_NE(message_of(twice).find("two speeds"), std::string::npos);
  EXPECT_TRUE(warnings.empty());
}

TEST(ScenarioRoadChanges, WithoutRoadChangesTheGraphIsTheBaselines) {
  const RoadGraph roads = graph_of(6, loop_arcs());
  ScenarioChanges changes;
  changes.removed = {"X"};
  std::vector<std::string> warnings;
  const RoadGraph same = apply_road_changes(roads, changes, warnings);
  EXPECT_EQ(arcs_of(same), arcs_of(roads));
  EXPECT_TRUE(warnings.empty());
}

// Naive O(n²) Dijkstra over a plain arc list: the reference.
std::vector<std::uint64_t> reference_distances(std::size_t node_count,
                                               const std::vector<TestArc>& arcs, NodeId source) {
  const std::uint64_t inf = std::numeric_limits<std::uint64_t>::max();
  std::vector<std::uint64_t> distance(node_count, inf);
  std::vector<bool> done(node_count, false);
  distance[source] = 0;
  for (std::size_t step = 0; step < node_count; ++step) {
    std::size_t best = node_count;
    for (std::size_t v = 0; v < node_count; ++v) {
      if (!done[v] && distance[v] != inf && (best == node_count || distance[v] < distance[best])) {
        best = v;
      }
    }
    if (best == node_count) break;
    done[best] = true;
    for (const TestArc& a : arcs) {
      if (a.tail == best) distance[a.head] = std::min(distance[a.head], distance[best] + a.weight);
    }
  }
  return distance;
}

TEST(ScenarioRoadChanges, RandomChangesOnAGridKeepArraysAlignedAndRoutesRight) {
  // A 6 × 6 grid, one way per edge (random length, class; one way in four
  // one-way), arcs listed in random order so that CSR order differs from it.
  constexpr std::size_t side = 6;
  std::mt19937 random(20240505);
  std::uniform_real_distribution<double> length(50.0, 2000.0);
  std::vector<TestArc> arcs;
  std::int64_t way = 5000;
  const auto speed_ms = [](double metres, double kmh) {
    return static_cast<Millis>(std::max(1.0, std::round(metres / (kmh / 3.6) * 1000.0)));
  };
  for (std::size_t r = 0; r < side; ++r) {
    for (std::size_t c = 0; c < side; ++c) {
      const auto u = static_cast<NodeId>(r * side + c);
      for (const NodeId v : {static_cast<NodeId>(u + 1), static_cast<NodeId>(u + side)}) {
        if ((v == u + 1 && c + 1 == side) || v >= side * side) continue;
        const auto metres = static_cast<float>(length(random));
        const auto cls = static_cast<RoadClass>(random() % kRoadClassCount);
        const Millis w = speed_ms(metres, 30.0);
        arcs.push_back({u, v, w, way, metres, cls});
        if (random() % 4 != 0) arcs.push_back({v, u, w, way, metres, cls});
        ++way;
      }
    }
  }
  std::shuffle(arcs.begin(), arcs.end(), random);
  const RoadGraph roads = graph_of(side * side, arcs);

  for (int trial = 0; trial < 5; ++trial) {
    ScenarioChanges changes;
    std::map<std::int64_t, double> speeds;
    for (std::int64_t w = 5000; w < way; ++w) {
      const auto pick = random() % 10;
      if (pick == 0) changes.closed_ways.push_back(w);
      if (pick == 1) {
        speeds[w] = 5.0 + static_cast<double>(random() % 90);
        changes.way_speeds.push_back({w, speeds[w]});
      }
    }
    std::vector<TestArc> expected;
    for (TestArc a : arcs) {
      if (std::find(changes.closed_ways.begin(), changes.closed_ways.end(), a.way) !=
          changes.closed_ways.end()) {
        continue;
      }
      if (speeds.contains(a.way)) a.weight = speed_ms(a.length_m, speeds[a.way]);
      expected.push_back(a);
    }
    std::vector<std::string> warnings;
    const RoadGraph variant = apply_road_changes(roads, changes, warnings);
    std::vector<TestArc> sorted = expected;
    std::sort(sorted.begin(), sorted.end());
    ASSERT_EQ(arcs_of(variant), sorted) << "trial " << trial;

    Dijkstra dijkstra(variant.node_count());
    for (NodeId s = 0; s < variant.node_count(); ++s) {
      const std::vector<std::uint64_t> reference = reference_distances(side * side, expected, s);
      const DijkstraSeed seed{s, 0};
      dijkstra.run(variant.graph, std::span(&seed, 1));
      for (NodeId v = 0; v < variant.node_count(); ++v) {
        if (reference[v] == std::numeric_limits<std::uint64_t>::max()) {
          EXPECT_FALSE(dijkstra.reached(v)) << s << " -> " << v;
        } else {
          EXPECT_EQ(dijkstra.distance(v), reference[v]) << s << " -> " << v;
        }
      }
    }
  }
}

std::vector<Facility> four_facilities() {
  return {{"A", "Crèche A", "eaje", 10, {6.0, 48.0}},
          {"B", "Crèche B", "eaje", 20, {6.1, 48.0}},
          {"C", "ALSH C", "alsh", 30, {6.2, 48.0}},
          {"D", "Crèche D", "eaje", 40, {6.3, 48.0}}};
}

std::vector<std::string> ids_of(const std::vector<Facility>& facilities) {
  std::vector<std::string> ids;
  for (const Facility& f : facilities) ids.push_back(f.id);
  return ids;
}

TEST(ScenarioFacilityChanges, RemovesThenSetsCapacitiesThenAppends) {
  ScenarioChanges changes;
  changes.removed = {"B"};
  changes.capacities = {{"C", 5.0}};
  changes.added = {{"E", "Micro-crèche E", "eaje", 10, {6.4, 48.0}},
                   {"B", "Crèche B, moved", "eaje", 12, {6.5, 48.0}}};
  const std::vector<Facility> result = apply_facility_changes(four_facilities(), changes);
  // Removing B and adding it back moves it (to the end, at its new place).
  EXPECT_EQ(ids_of(result), (std::vector<std::string>{"A", "C", "D", "E", "B"}));
  EXPECT_DOUBLE_EQ(result[1].capacity, 5.0);
  EXPECT_DOUBLE_EQ(result[0].capacity, 10.0);
  EXPECT_DOUBLE_EQ(result[4].position.lon, 6.5);
  EXPECT_EQ(result[3].name, "Micro-crèche E");
  EXPECT_EQ(ids_of(apply_facility_changes(four_facilities(), ScenarioChanges{})),
            ids_of(four_facilities()));
}

TEST(ScenarioFacilityChanges, WrongIdsThrowNamingTheIdAndTheFix) {
  const auto message_of = [](const ScenarioChanges& changes) -> std::string {
    try {
      (void)apply_facility_changes(four_facilities(), changes);
    } catch (const DataError& e) {
      return e.what();
    }
    return "no error";
  };
  ScenarioChanges removed;
  removed.removed = {"A", "Z"};
  std::string message = message_of(removed);
  EXPECT_NE(message.find("'Z'"), std::string::npos) << message;
  EXPECT_NE(message.find("check the id in the facilities file"), std::string::npos) << message;

  ScenarioChanges capacity;
  capacity.capacities = {{"Y", 3.0}};
  message = message_of(capacity);
  EXPECT_NE(message.find("'Y'"), std::string::npos) << message;
  EXPECT_NE(message.find("check the id in the facilities file"), std::string::npos) << message;

  ScenarioChanges removed_then_capacity;
  removed_then_capacity.removed = {"B"};
  removed_then_capacity.capacities = {{"B", 3.0}};
  EXPECT_NE(message_of(removed_then_capacity).find("'B'"), std::string::npos);

  ScenarioChanges existing;
  existing.added = {{"D", "Again", "eaje", 1, {6.0, 48.0}}};
  message = message_of(existing);
  EXPECT_NE(message.find("'D'"), std::string::npos) << message;
  EXPECT_NE(message.find("check the id in the facilities file"), std::string::npos) << message;

  ScenarioChanges twice;
  twice.added = {{"N", "New", "eaje", 1, {6.0, 48.0}}, {"N", "New too", "eaje", 1, {6.0, 48.0}}};
  EXPECT_NE(message_of(twice).find("'N'"), std::string::npos);

  ScenarioChanges negative;
  negative.capacities = {{"A", -1.0}};
  EXPECT_NE(message_of(negative).find("'A'"), std::string::npos);
}

}  // namespace
}  // namespace couverture
