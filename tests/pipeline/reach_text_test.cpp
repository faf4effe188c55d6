#include "couverture/pipeline/reach_text.hpp"

#include <gtest/gtest.h>

namespace couverture::pipeline {
namespace {

TEST(ReachText, NobodyReachingIsNotAZeroTime) {
  GroupAccessibility nobody{
      .weight = 120.0, .reachable_weight = 0.0, .mean = 0.0, .max = 0.0, .share_within = {}};
  EXPECT_TRUE(nobody_reaches(nobody));
  EXPECT_TRUE(minutes_json(nobody, nobody.mean).is_null());
  EXPECT_EQ(minutes_cell(nobody, nobody.max), "   n/a");
  GroupAccessibility some{
      .weight = 120.0, .reachable_weight = 60.0, .mean = 7.456, .max = 12.0, .share_within = {}};
  EXPECT_FALSE(nobody_reaches(some));
  EXPECT_DOUBLE_EQ(minutes_json(some, some.mean).get<double>(), 7.46);
  EXPECT_EQ(minutes_cell(some, some.max), "  12.0");
}

}  // namespace
}  // namespace couverture::pipeline
