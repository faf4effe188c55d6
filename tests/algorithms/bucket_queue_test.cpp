#include "couverture/algorithms/bucket_queue.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <queue>
#include <random>
#include <utility>
#include <vector>

namespace couverture {
namespace {

TEST(BucketQueue, BucketWidthKeepsTheCircleWithin4096Buckets) {
  // 20000 >> 2 = 5000 buckets is too many; 20000 >> 3 = 2500 fits.
  EXPECT_EQ(BucketQueue(20000).shift(), 3u);
  EXPECT_EQ(BucketQueue(100).shift(), 0u);
  EXPECT_EQ(BucketQueue(UINT32_MAX).shift(), 21u);  // (2^32 - 1) >> 21 = 2047
  EXPECT_EQ(BucketQueue(7).span(), 7u);
}

TEST(BucketQueue, PopsAHandMadeSequenceInKeyOrder) {
  BucketQueue queue(10);
  queue.push(5, 50);
  queue.push(3, 30);
  queue.push(9, 90);
  EXPECT_EQ(queue.size(), 3u);
  EXPECT_EQ(queue.pop().value, 30u);
  queue.push(4, 40);  // not below the last popped key 3
  EXPECT_EQ(queue.pop().value, 40u);
  EXPECT_EQ(queue.pop().value, 50u);
  const BucketQueue::Entry last = queue.pop();
  EXPECT_EQ(last.key, 9u);
  EXPECT_EQ(last.value, 90u);
  EXPECT_TRUE(queue.empty());
}

// Dijkstra's use: pop the minimum, push keys within max_weight above it,
// plus a few far keys (seeds) beyond the circle. Keys must come out in the
// order of a std::priority_queue fed the same pushes.
// `max_weight` above `span` sends some arcs through the overflow.
void expect_monotone_sequence_matches_reference(std::uint32_t span, std::uint32_t max_weight,
                                                std::uint32_t seed) {
  std::mt19937 random(seed);
  BucketQueue queue(span);
  for (int round = 0; round < 3; ++round) {  // the queue is reused once empty
    queue.clear();
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> reference;
    std::uniform_int_distribution<std::uint32_t> far(0, 200 * max_weight + 1000);
    for (int i = 0; i < 20; ++i) {
      const std::uint32_t key = far(random);
      queue.push(key, key);
      reference.push(key);
    }
    std::uniform_int_distribution<std::uint32_t> step(0, max_weight);
    std::uniform_int_distribution<int> fan_out(0, 3);
    int pushes = 0;
    while (!reference.empty()) {
      ASSERT_EQ(queue.size(), reference.size());
      const BucketQueue::Entry entry = queue.pop();
      ASSERT_EQ(entry.key, reference.top()) << "max_weight " << max_weight;
      ASSERT_EQ(entry.value, entry.key);
      reference.pop();
      for (int k = fan_out(random); k > 0 && pushes < 5000; --k, ++pushes) {
        const std::uint32_t key = entry.key + step(random);
        queue.push(key, key);
        reference.push(key);
      }
    }
    EXPECT_TRUE(queue.empty());
  }
}

TEST(BucketQueue, MonotoneSequencesMatchAReferenceHeap) {
  expect_monotone_sequence_matches_reference(0, 0, 1);
  expect_monotone_sequence_matches_reference(3, 3, 2);
  expect_monotone_sequence_matches_reference(100, 100, 3);
  expect_monotone_sequence_matches_reference(20000, 20000, 4);  // 8-wide buckets
  expect_monotone_sequence_matches_reference(1000000, 1000000, 5);
  expect_monotone_sequence_matches_reference(10, 5000, 6);  // most arcs overflow
  expect_monotone_sequence_matches_reference(20000, 150000, 7);
}

TEST(BucketQueue, ClearDropsEverythingEvenMidSearch) {
  BucketQueue queue(50);
  queue.push(1, 1);
  queue.push(40, 2);
  queue.push(100000, 3);  // overflow
  EXPECT_EQ(queue.pop().value, 1u);
  queue.clear();
  EXPECT_TRUE(queue.empty());
  queue.push(7, 8);
  EXPECT_EQ(queue.pop().key, 7u);
  EXPECT_TRUE(queue.empty());
}

}  // namespace
}  // namespace couverture
