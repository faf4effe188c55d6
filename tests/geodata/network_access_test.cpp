#include "couverture/geodata/network_access.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

TEST(NetworkAccess, DefaultsAreAWalkOfFourAndAHalfKmhToTheFacilityWithinOneKilometre) {
  const NetworkAccess access;
  EXPECT_DOUBLE_EQ(access.access_speed_kmh, 4.5);
  EXPECT_DOUBLE_EQ(access.max_snap_distance_m, 1000.0);
  EXPECT_EQ(access.direction, TravelDirection::to_facility);
  EXPECT_FALSE(access.snappable_classes.has_value());
}

TEST(NetworkAccess, MetresPerSecondDividesByThreePointSix) {
  static_assert(metres_per_second(3.6) == 1.0);
  EXPECT_DOUBLE_EQ(metres_per_second(4.5), 1.25);  // 4500 m in 3600 s
  EXPECT_DOUBLE_EQ(metres_per_second(0.0), 0.0);
}

}  // namespace
}  // namespace couverture
