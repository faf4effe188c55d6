#include "couverture/algorithms/group_accessibility.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(GroupAccessibility, HandWorkedTwoCommunes) {
  // Commune 0: 100 people at 4 min, 300 at 12 min.
  //   mean = (400 + 3600) / 400 = 10; max 12; within 5: 1/4, within 15: 1.
  // Commune 1: 50 at 20 min, 50 unreachable.
  //   mean over reachable = 20; max 20; within 5 and 15: 0; reachable weight 50.
  const std::vector<std::uint32_t> group = {0, 0, 1, 1};
  const std::vector<double> weight = {100, 300, 50, 50};
  const std::vector<double> minutes = {4, 12, 20, kInf};
  const std::vector<double> thresholds = {5, 15};
  const auto result = summarise_accessibility_by_group(group, weight, minutes, 2, thresholds);
  ASSERT_EQ(result.size(), 2u);
  EXPECT_DOUBLE_EQ(result[0].weight, 400);
  EXPECT_DOUBLE_EQ(result[0].mean, 10);
  EXPECT_DOUBLE_EQ(result[0].max, 12);
  EXPECT_DOUBLE_EQ(result[0].share_within[0], 0.25);
  EXPECT_DOUBLE_EQ(result[0].share_within[1], 1.0);
  EXPECT_DOUBLE_EQ(result[1].weight, 100);
  EXPECT_DOUBLE_EQ(result[1].reachable_weight, 50);
  EXPECT_DOUBLE_EQ(result[1].mean, 20);
  EXPECT_DOUBLE_EQ(result[1].max, 20);
  EXPECT_DOUBLE_EQ(result[1].share_within[0], 0.0);
  EXPECT_DOUBLE_EQ(result[1].share_within[1], 0.0);
}

TEST(GroupAccessibility, ThresholdIsInclusiveAndZeroWeightPointsDoNotSetTheMax) {
  const std::vector<std::uint32_t> group = {0, 0};
  const std::vector<double> weight = {10, 0};
  const std::vector<double> minutes = {15, 40};
  const std::vector<double> thresholds = {15};
  const auto result = summarise_accessibility_by_group(group, weight, minutes, 1, thresholds);
  EXPECT_DOUBLE_EQ(result[0].share_within[0], 1.0);
  EXPECT_DOUBLE_EQ(result[0].max, 15);
}

TEST(GroupAccessibility, EmptyGroupHasZeroes) {
  const std::vector<double> thresholds = {10};
  const auto result = summarise_accessibility_by_group({}, {}, {}, 1, thresholds);
  EXPECT_DOUBLE_EQ(result[0].weight, 0);
  EXPECT_DOUBLE_EQ(result[0].mean, 0);
  EXPECT_DOUBLE_EQ(result[0].share_within[0], 0);
}

TEST(GroupAccessibility, MismatchedLengthsThrow) {
  const std::vector<std::uint32_t> group = {0};
  EXPECT_THROW(summarise_accessibility_by_group(group, {}, {}, 1, {}), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
