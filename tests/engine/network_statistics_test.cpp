#include "couverture/engine/network_statistics.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "hand_road_network.hpp"

namespace couverture {
namespace {

TEST(NetworkStatistics, CountsATwoWayRoadOnceAndOneWaysFully) {
  const NetworkStatistics s = network_statistics(testing::hand_road_network());
  EXPECT_DOUBLE_EQ(s.road_km_by_class[static_cast<std::size_t>(RoadClass::residential)],
                   1.0 + 0.25 + 0.25);
  EXPECT_DOUBLE_EQ(s.road_km_by_class[static_cast<std::size_t>(RoadClass::primary)], 0.5);
  EXPECT_DOUBLE_EQ(s.road_km, 2.0);
}

TEST(NetworkStatistics, ExtentOfTheNodes) {
  const NetworkStatistics s = network_statistics(testing::hand_road_network());
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
