#include "couverture/engine/network_statistics.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace couverture {
namespace {

// 0 <-> 1 residential, way 10, 1,000 m (two arcs, one road);
// 1 -> 2 primary, way 20, 500 m, one-way;
// 2 <-> 0 residential, way 30, 250 m, but the way back is way 31 (two roads
// drawn on one another: both count).
RoadGraph hand_network() {
  RoadGraph road;
  road.node_position = {{6.0, 48.0}, {6.2, 47.9}, {5.9, 48.3}};
  // Sorted by tail, so the parallel arrays stay aligned with the CSR arcs.
  const std::vector<ArcTriple> arcs = {
      {0, 1, 1000}, {0, 2, 1000}, {1, 0, 1000}, {1, 2, 1000}, {2, 0, 1000}};
  road.graph = build_csr_graph(3, arcs);
  road.arc_length_m = {1000.0F, 250.0F, 1000.0F, 500.0F, 250.0F};
  road.arc_class = {RoadClass::residential, RoadClass::residential, RoadClass::residential,
                    RoadClass::primary, RoadClass::residential};
  road.arc_way_id = {10, 31, 10, 20, 30};
  return road;
}

TEST(NetworkStatistics, CountsATwoWayRoadOnceAndOneWaysFully) {
  const NetworkStatistics s = network_statistics(hand_network());
  EXPECT_DOUBLE_EQ(s.road_km_by_class[static_cast<std::size_t>(RoadClass::residential)],
                   1.0 + 0.25 + 0.25);
  EXPECT_DOUBLE_EQ(s.road_km_by_class[static_cast<std::size_t>(RoadClass::primary)], 0.5);
  EXPECT_DOUBLE_EQ(s.road_km, 2.0);
}

TEST(NetworkStatistics, ExtentOfTheNodes) {
  const NetworkStatistics s = network_statistics(hand_network());
  ASSERT_TRUE(s.extent.has_value());
  EXPECT_DOUBLE_EQ(s.extent->min_lon, 5.9);
  EXPECT_DOUBLE_EQ(s.extent->max_lon, 6.2);
  EXPECT_DOUBLE_EQ(s.extent->min_lat, 47.9);
  EXPECT_DOUBLE_EQ(s.extent->max_lat, 48.3);
}

TEST(NetworkStatistics, AnEmptyGraphHasNoExtent) {
  const NetworkStatistics s = network_statistics(RoadGraph{});
  EXPECT_FALSE(s.extent.has_value());
  EXPECT_EQ(s.road_km, 0.0);
}

}  // namespace
}  // namespace couverture
