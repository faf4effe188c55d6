#include "couverture/algorithms/site_search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>

namespace couverture {
namespace {

using Set = std::vector<std::uint32_t>;

// f(S) = sum of the values of the members: greedy takes the k best.
std::function<double(std::span<const std::uint32_t>)> additive(std::vector<double> values) {
  return [values](std::span<const std::uint32_t> set) {
    double sum = 0.0;
    for (std::uint32_t c : set) sum += values[c];
    return sum;
  };
}

TEST(SiteSearch, AdditiveFunctionTakesTheBestOrTheWorst) {
  const auto f = additive({2.0, 7.0, 1.0, 5.0, 3.0});
  // Maximise, k = 2: 7 (1) and 5 (3): 12.
  const SetSearchResult best = greedy_swap_search(5, 2, f, true);
  EXPECT_EQ(best.chosen, (Set{1, 3}));
  EXPECT_DOUBLE_EQ(best.objective, 12.0);
  EXPECT_DOUBLE_EQ(best.greedy_objective, 12.0);
  EXPECT_TRUE(best.complete);
  EXPECT_EQ(best.swaps, 0u);
  // Minimise, k = 3: 1 (2), 2 (0), 3 (4): 6.
  const SetSearchResult worst = greedy_swap_search(5, 3, f, false);
  EXPECT_EQ(worst.chosen, (Set{0, 2, 4}));
  EXPECT_DOUBLE_EQ(worst.objective, 6.0);
}

TEST(SiteSearch, SetsAreGivenSortedAndTiesGoToTheLowestId) {
  std::vector<Set> seen;
  const auto f = [&seen](std::span<const std::uint32_t> set) {
    seen.emplace_back(set.begin(), set.end());
    return 1.0;  // all equal
  };
  const SetSearchResult result = greedy_swap_search(4, 2, f, true);
  EXPECT_EQ(result.chosen, (Set{0, 1}));
  for (const Set& set : seen) EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
  EXPECT_EQ(result.evaluations, seen.size());
}

TEST(SiteSearch, SwapRepairsABadGreedyStartOnAComplementaryPair) {
  // Not submodular: 1 and 2 are worth 1 each alone but 10 together; 0 is
  // worth 3; any other pair is the sum of its singles.
  const auto f = [](std::span<const std::uint32_t> set) {
    const std::vector<double> single = {3.0, 1.0, 1.0, 0.0};
    if (set.size() == 2 && set[0] == 1 && set[1] == 2) return 10.0;
    double sum = 0.0;
    for (std::uint32_t c : set) sum += single[c];
    return sum;
  };
  // Greedy: 0 first (3), then 1 ({0,1} = 4 ties {0,2}, lowest id). Swap 0
  // out for 2: {1,2} = 10.
  const SetSearchResult result = greedy_swap_search(4, 2, f, true);
  EXPECT_DOUBLE_EQ(result.greedy_objective, 4.0);
  EXPECT_EQ(result.chosen, (Set{1, 2}));
  EXPECT_DOUBLE_EQ(result.objective, 10.0);
  EXPECT_GE(result.swaps, 1u);
  // Without swap rounds the greedy start stays.
  const SetSearchResult no_swaps = greedy_swap_search(4, 2, f, true, {}, 0);
  EXPECT_EQ(no_swaps.chosen, (Set{0, 1}));
  EXPECT_DOUBLE_EQ(no_swaps.objective, 4.0);
}

TEST(SiteSearch, GroupsAndForbiddenPairsAreRespected) {
  const auto f = additive({5.0, 4.0, 3.0, 1.0});
  SetSearchConstraints groups;
  groups.candidate_group = {0, 0, 1, 1};
  // One per group: 5 (0) from group 0, 3 (2) from group 1.
  EXPECT_EQ(greedy_swap_search(4, 2, f, true, groups).chosen, (Set{0, 2}));
  // And 0 may not go with 2: the allowed pairs are {0,3} = 6 and {1,2} = 7
  // ({1,3} = 5). Greedy: 0, then 3 (6); swapping 0 for 1 gives 5, 3 for 2 is
  // forbidden next to 0: {0,3} is a local optimum of one swap.
  SetSearchConstraints both = groups;
  both.forbidden_pairs = {{2, 0}};
  const SetSearchResult result = greedy_swap_search(4, 2, f, true, both);
  EXPECT_EQ(result.chosen, (Set{0, 3}));
  EXPECT_DOUBLE_EQ(result.objective, 6.0);
  // Ungrouped candidates (UINT32_MAX) may be chosen together.
  SetSearchConstraints free;
  free.candidate_group = {7, 7, std::numeric_limits<std::uint32_t>::max(),
                          std::numeric_limits<std::uint32_t>::max()};
  EXPECT_EQ(greedy_swap_search(4, 3, f, true, free).chosen, (Set{0, 2, 3}));
}

TEST(SiteSearch, ConstraintsThatStopTheGreedyLeaveItIncomplete) {
  SetSearchConstraints one_group;
  one_group.candidate_group = {3, 3, 3};
  const SetSearchResult result = greedy_swap_search(3, 2, additive({1, 2, 3}), true, one_group);
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(result.chosen, (Set{2}));
  EXPECT_DOUBLE_EQ(result.objective, 3.0);
}

TEST(SiteSearch, NaNCountsAsTheWorstValue) {
  // Sets holding 0 are NaN; otherwise additive.
  const auto f = [](std::span<const std::uint32_t> set) {
    double sum = 0.0;
    for (std::uint32_t c : set) {
      if (c == 0) return std::numeric_limits<double>::quiet_NaN();
      sum += static_cast<double>(c);
    }
    return sum;
  };
  EXPECT_EQ(greedy_swap_search(3, 1, f, false).chosen, (Set{1}));
  EXPECT_EQ(greedy_swap_search(3, 2, f, true).chosen, (Set{1, 2}));
}

// On random set functions (a table of values per subset), the result is
// never worse than the greedy start and no single allowed swap improves it.
TEST(SiteSearch, RandomFunctionsEndAtALocalOptimumOfOneSwap) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t n = 6;
    std::vector<double> table(1u << n);
    for (double& value : table) value = uniform(random);
    const auto mask = [](std::span<const std::uint32_t> set) {
      std::size_t m = 0;
      for (std::uint32_t c : set) m |= std::size_t{1} << c;
      return m;
    };
    const auto f = [&](std::span<const std::uint32_t> set) { return table[mask(set)]; };
    const bool maximise = trial % 2 == 0;
    const SetSearchResult result = greedy_swap_search(n, 3, f, maximise);
    ASSERT_EQ(result.chosen.size(), 3u);
    const double sign = maximise ? 1.0 : -1.0;
    EXPECT_GE(sign * result.objective, sign * result.greedy_objective);
    EXPECT_DOUBLE_EQ(result.objective, table[mask(result.chosen)]);
    for (std::uint32_t out : result.chosen) {
      for (std::uint32_t in = 0; in < n; ++in) {
        if (std::find(result.chosen.begin(), result.chosen.end(), in) != result.chosen.end()) {
          continue;
        }
        Set swapped = result.chosen;
        *std::find(swapped.begin(), swapped.end(), out) = in;
        EXPECT_LE(sign * table[mask(swapped)], sign * result.objective) << "trial " << trial;
      }
    }
  }
}

TEST(SiteSearch, RejectsBadArguments) {
  const auto f = additive({1, 2, 3});
  EXPECT_THROW((void)greedy_swap_search(3, 0, f, true), std::invalid_argument);
  EXPECT_THROW((void)greedy_swap_search(3, 4, f, true), std::invalid_argument);
  SetSearchConstraints short_groups;
  short_groups.candidate_group = {0, 1};
  EXPECT_THROW((void)greedy_swap_search(3, 1, f, true, short_groups), std::invalid_argument);
  SetSearchConstraints far_pair;
  far_pair.forbidden_pairs = {{0, 3}};
  EXPECT_THROW((void)greedy_swap_search(3, 1, f, true, far_pair), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
