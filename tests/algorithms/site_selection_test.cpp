#include "couverture/algorithms/site_selection.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <vector>

#include "couverture/algorithms/site_selection_exact.hpp"
#include "couverture/algorithms/site_selection_greedy.hpp"

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Four demand points, three candidates, one existing facility near point 3.
//
//   point:      0    1    2    3    4
//   weight:    10   20   30   40    5
//   existing: inf  inf  inf    2  inf
//   candidate 0 reaches 0 (4 min), 1 (12 min)
//   candidate 1 reaches 1 (3 min), 2 (9 min), 3 (1 min)
//   candidate 2 reaches 2 (5 min), 0 (20 min)
//   point 4 is reached by nothing.
SitingInstance hand_worked() {
  SitingInstance s;
  s.demand_weight = {10, 20, 30, 40, 5};
  s.existing_minutes = {kInf, kInf, kInf, 2, kInf};
  s.row_begin = {0, 2, 5, 7};
  s.demand = {0, 1, 1, 2, 3, 2, 0};
  s.minutes = {4, 12, 3, 9, 1, 5, 20};
  return s;
}

TEST(SitingEvaluate, HandWorkedMaxCovering) {
  const SitingInstance s = hand_worked();
  const SitingProblem p{SitingObjective::max_covering, 10.0, 1};
  const std::vector<std::uint32_t> none, c0 = {0}, c1 = {1}, c2 = {2}, c01 = {0, 1};
  // Existing covers point 3 (2 <= 10): 40.
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, none), 40);
  // c0 covers 0 (4); 1 at 12 > 10 is not: 40 + 10 = 50.
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, c0), 50);
  // c1 covers 1 (3), 2 (9), 3 (already): 40 + 20 + 30 = 90.
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, c1), 90);
  // c2 covers 2 (5); 0 at 20 is not: 40 + 30 = 70.
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, c2), 70);
  // c0 + c1: 0, 1, 2, 3 = 10 + 20 + 30 + 40 = 100 (point 4 never).
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, c01), 100);
  // The threshold is inclusive: T = 9 still covers point 2 from c1.
  EXPECT_DOUBLE_EQ(evaluate_sites(s, {SitingObjective::max_covering, 9.0, 1}, c1), 90);
  EXPECT_DOUBLE_EQ(unservable_weight(s, p), 5);
}

TEST(SitingEvaluate, HandWorkedPMedian) {
  const SitingInstance s = hand_worked();
  const SitingProblem p{SitingObjective::p_median, 0.0, 2};
  // Point 4 is reached by nothing: left out (weight 5). Points 0, 1, 2 have
  // no existing facility, so a set must reach all three.
  // {0, 1}: 0 -> 4, 1 -> min(12, 3) = 3, 2 -> 9, 3 -> min(2, 1) = 1:
  //   10*4 + 20*3 + 30*9 + 40*1 = 40 + 60 + 270 + 40 = 410.
  const std::vector<std::uint32_t> c01 = {0, 1}, c12 = {1, 2}, c02 = {0, 2}, c1 = {1};
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, c01), 410);
  // {1, 2}: 0 -> 20, 1 -> 3, 2 -> min(9, 5) = 5, 3 -> 1:
  //   200 + 60 + 150 + 40 = 450.
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, c12), 450);
  // {0, 2}: 0 -> 4, 1 -> 12, 2 -> 5, 3 -> existing 2:
  //   40 + 240 + 150 + 80 = 510.
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, c02), 510);
  // {1} alone leaves point 0 unserved.
  EXPECT_EQ(evaluate_sites(s, p, c1), kInf);
  EXPECT_DOUBLE_EQ(unservable_weight(s, p), 5);
}

TEST(SitingSolvers, HandWorkedOptimaBothSolvers) {
  const SitingInstance s = hand_worked();
  // MCLP k = 1: c1 (90) beats c2 (70) and c0 (50).
  const SitingProblem covering{SitingObjective::max_covering, 10.0, 1};
  // p-median k = 2: {0, 1} = 410 < {1, 2} = 450 < {0, 2} = 510 (above).
  const SitingProblem median{SitingObjective::p_median, 0.0, 2};
  for (const SitingSolution& solution :
       {solve_siting_exact(s, covering), solve_siting_greedy(s, covering)}) {
    EXPECT_EQ(solution.chosen, std::vector<std::uint32_t>{1});
    EXPECT_DOUBLE_EQ(solution.objective, 90);
    EXPECT_DOUBLE_EQ(solution.unservable_weight, 5);
  }
  for (const SitingSolution& solution :
       {solve_siting_exact(s, median), solve_siting_greedy(s, median)}) {
    EXPECT_EQ(solution.chosen, (std::vector<std::uint32_t>{0, 1}));
    EXPECT_DOUBLE_EQ(solution.objective, 410);
  }
  const SitingSolution exact = solve_siting_exact(s, median);
  EXPECT_EQ(exact.status, SitingStatus::optimal);
  EXPECT_NEAR(exact.bound, 410, 1e-6);
  EXPECT_NEAR(exact.gap, 0, 1e-9);
  EXPECT_GE(exact.seconds, 0.0);
}

TEST(SitingSolvers, ForbiddenPairAndGroupChangeTheHandWorkedOptimum) {
  SitingInstance s = hand_worked();
  const SitingProblem median{SitingObjective::p_median, 0.0, 2};
  // Forbidding {0, 1} leaves {1, 2} = 450 as the best.
  s.forbidden_pairs = {{1, 0}};
  for (const SitingSolution& solution :
       {solve_siting_exact(s, median), solve_siting_greedy(s, median)}) {
    EXPECT_EQ(solution.chosen, (std::vector<std::uint32_t>{1, 2}));
    EXPECT_DOUBLE_EQ(solution.objective, 450);
  }
  // Candidates 1 and 2 in one group as well: only {0, 2} = 510 remains.
  s.candidate_group = {kNoSitingGroup, 7, 7};
  const SitingSolution exact = solve_siting_exact(s, median);
  EXPECT_EQ(exact.status, SitingStatus::optimal);
  EXPECT_EQ(exact.chosen, (std::vector<std::uint32_t>{0, 2}));
  EXPECT_DOUBLE_EQ(exact.objective, 510);
  // With k = 3 nothing is allowed.
  const SitingSolution none = solve_siting_exact(s, {SitingObjective::p_median, 0.0, 3});
  EXPECT_EQ(none.status, SitingStatus::infeasible);
  EXPECT_TRUE(none.chosen.empty());
  EXPECT_EQ(solve_siting_greedy(s, {SitingObjective::p_median, 0.0, 3}).status,
            SitingStatus::incomplete);
}

TEST(SitingEvaluate, DuplicatePairCountsWithItsSmallerTime) {
  SitingInstance s;
  s.demand_weight = {2};
  s.existing_minutes = {kInf};
  s.row_begin = {0, 2};
  s.demand = {0, 0};
  s.minutes = {7, 3};
  const std::vector<std::uint32_t> c0 = {0};
  EXPECT_DOUBLE_EQ(evaluate_sites(s, {SitingObjective::p_median, 0.0, 1}, c0), 6);  // 2 * 3
  EXPECT_DOUBLE_EQ(solve_siting_exact(s, {SitingObjective::p_median, 0.0, 1}).objective, 6);
  EXPECT_DOUBLE_EQ(evaluate_sites(s, {SitingObjective::max_covering, 5.0, 1}, c0), 2);
}

TEST(SitingConstraints, GroupsAndForbiddenPairs) {
  SitingInstance s = hand_worked();
  s.candidate_group = {3, kNoSitingGroup, 3};
  s.forbidden_pairs = {{0, 1}};
  const std::vector<std::uint32_t> c02 = {0, 2}, c01 = {1, 0}, c12 = {1, 2}, c0 = {0};
  EXPECT_FALSE(respects_siting_constraints(s, c02));  // same group 3
  EXPECT_FALSE(respects_siting_constraints(s, c01));  // forbidden pair, either order
  EXPECT_TRUE(respects_siting_constraints(s, c12));   // kNoSitingGroup is no group
  EXPECT_TRUE(respects_siting_constraints(s, c0));
}

TEST(SitingStatusNames, EveryStatusHasItsName) {
  EXPECT_EQ(to_string(SitingStatus::optimal), "optimal");
  EXPECT_EQ(to_string(SitingStatus::time_limit), "time limit");
  EXPECT_EQ(to_string(SitingStatus::time_limit_no_solution), "time limit (no solution)");
  EXPECT_EQ(to_string(SitingStatus::infeasible), "infeasible");
  EXPECT_EQ(to_string(SitingStatus::heuristic), "heuristic");
  EXPECT_EQ(to_string(SitingStatus::incomplete), "incomplete");
}

TEST(SitingValidation, BadInstancesThrow) {
  const SitingProblem p{SitingObjective::max_covering, 10.0, 1};
  const auto throws = [&p](const SitingInstance& s) {
    EXPECT_THROW(validate_siting(s, p), std::invalid_argument);
    EXPECT_THROW(solve_siting_exact(s, p), std::invalid_argument);
    EXPECT_THROW(solve_siting_greedy(s, p), std::invalid_argument);
  };
  EXPECT_NO_THROW(validate_siting(hand_worked(), p));
  throws(SitingInstance{});  // empty
  SitingInstance s = hand_worked();
  s.row_begin = {0};  // no candidates
  s.demand.clear();
  s.minutes.clear();
  throws(s);
  s = hand_worked();
  s.demand_weight.clear();  // no demand points
  s.existing_minutes.clear();
  throws(s);
  s = hand_worked();
  s.existing_minutes.pop_back();
  throws(s);
  s = hand_worked();
  s.row_begin.back() = 6;  // does not end at the entry count
  throws(s);
  s = hand_worked();
  s.row_begin = {0, 5, 2, 7};  // decreasing
  throws(s);
  s = hand_worked();
  s.minutes.pop_back();
  throws(s);
  s = hand_worked();
  s.demand[0] = 5;  // point out of range
  throws(s);
  s = hand_worked();
  s.minutes[0] = -1;
  throws(s);
  s = hand_worked();
  s.minutes[0] = kInf;
  throws(s);
  s = hand_worked();
  s.demand_weight[0] = std::numeric_limits<double>::quiet_NaN();
  throws(s);
  s = hand_worked();
  s.existing_minutes[0] = -kInf;
  throws(s);
  s = hand_worked();
  s.candidate_group = {1, 2};
  throws(s);
  s = hand_worked();
  s.forbidden_pairs = {{0, 3}};
  throws(s);
  s = hand_worked();
  s.forbidden_pairs = {{1, 1}};
  throws(s);
}

TEST(SitingValidation, BadProblemsThrow) {
  const SitingInstance s = hand_worked();
  for (const SitingProblem& p : {SitingProblem{SitingObjective::max_covering, 10.0, 4},
                                 SitingProblem{SitingObjective::p_median, 0.0, 4},
                                 SitingProblem{SitingObjective::p_median, 0.0, 0},
                                 SitingProblem{SitingObjective::max_covering, -1.0, 1},
                                 SitingProblem{SitingObjective::max_covering, kInf, 1}}) {
    EXPECT_THROW(solve_siting_exact(s, p), std::invalid_argument);
    EXPECT_THROW(solve_siting_greedy(s, p), std::invalid_argument);
  }
  EXPECT_THROW(solve_siting_exact(s, {SitingObjective::p_median, 0.0, 1}, {0.0}),
               std::invalid_argument);
  const SitingProblem p{SitingObjective::max_covering, 10.0, 1};
  const std::vector<std::uint32_t> out_of_range = {3}, repeated = {1, 1};
  EXPECT_THROW(evaluate_sites(s, p, out_of_range), std::invalid_argument);
  EXPECT_THROW(evaluate_sites(s, p, repeated), std::invalid_argument);
  EXPECT_THROW(respects_siting_constraints(s, out_of_range), std::invalid_argument);
  // Any number of sites can be evaluated, whatever k says.
  const std::vector<std::uint32_t> all = {0, 1, 2};
  EXPECT_DOUBLE_EQ(evaluate_sites(s, p, all), 100);
}

}  // namespace
}  // namespace couverture
