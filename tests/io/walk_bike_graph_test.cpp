#include <gtest/gtest.h>

#include <cmath>

#include "couverture/algorithms/strongly_connected.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

bool has_reverse_arc(const CsrGraph& g, NodeId tail, NodeId head) {
  for (ArcId b = g.arcs_begin(head); b < g.arcs_end(head); ++b) {
    if (g.head[b] == tail) return true;
  }
  return false;
}

// Weights are positive and no arc is faster than `max_kmh`.
void expect_weights(const RoadGraph& road, double max_kmh) {
  ASSERT_GT(road.arc_count(), road.node_count());
  for (ArcId a = 0; a < road.arc_count(); ++a) {
    ASSERT_GT(road.graph.weight[a], 0u);
    ASSERT_GE(road.graph.weight[a], std::floor(road.arc_length_m[a] * 3600.0 / max_kmh));
  }
  EXPECT_EQ(largest_strong_component(road.graph).component_count, 1u);
}

TEST(WalkBikeGraph, RealLiechtensteinWalkAndBike) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  const RoadGraph car = read_road_graph(pbf, TravelProfile::car());
  const RoadGraph walk = read_road_graph(pbf, TravelProfile::walk());
  const RoadGraph bike = read_road_graph(pbf, TravelProfile::bike());
  EXPECT_EQ(walk.profile, "walk");
  EXPECT_EQ(bike.profile, "bike");

  // Footways, paths, tracks and steps add nodes cars never reach.
  EXPECT_GT(walk.node_count(), car.node_count());
  expect_weights(walk, 4.5);
  // One-way streets bind vehicles only: every walk arc has its reverse.
  const CsrGraph& g = walk.graph;
  for (NodeId u = 0; u < walk.node_count(); ++u) {
    for (ArcId a = g.arcs_begin(u); a < g.arcs_end(u); ++a) {
      ASSERT_TRUE(has_reverse_arc(g, u, g.head[a]))
          << "walk arc " << u << " -> " << g.head[a] << " of way " << walk.arc_way_id[a];
    }
  }

  EXPECT_GT(bike.node_count(), 1'000u);
  expect_weights(bike, 15.0);
  for (const RoadClass road_class : bike.arc_class) ASSERT_NE(road_class, RoadClass::steps);
}

}  // namespace
}  // namespace couverture
