#include "couverture/algorithms/opportunity_access.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Matrix {
  std::vector<std::uint64_t> row_begin{0};
  std::vector<std::uint32_t> origin;
  std::vector<double> minutes;
  std::size_t origin_count = 0;

  [[nodiscard]] SparseTravelTimes view() const {
    return {row_begin, origin, minutes, origin_count};
  }
  [[nodiscard]] std::size_t site_count() const { return row_begin.size() - 1; }
};

Matrix from_rows(std::size_t origin_count,
                 const std::vector<std::vector<std::pair<std::uint32_t, double>>>& rows) {
  Matrix m;
  m.origin_count = origin_count;
  for (const auto& row : rows) {
    for (const auto& [i, t] : row) {
      m.origin.push_back(i);
      m.minutes.push_back(t);
    }
    m.row_begin.push_back(m.origin.size());
  }
  return m;
}

// Random sparse rows in shuffled order, some times landing exactly on a
// threshold (whole minutes), a few +inf, some empty rows.
Matrix random_matrix(std::mt19937& rng, std::size_t sites, std::size_t origins) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::vector<std::pair<std::uint32_t, double>>> rows(sites);
  for (auto& row : rows) {
    if (unit(rng) < 0.1) continue;
    for (std::uint32_t i = 0; i < origins; ++i) {
      if (unit(rng) >= 0.4) continue;
      const double u = unit(rng);
      const double t = u < 0.03 ? kInf : u < 0.3 ? static_cast<double>(rng() % 35) : 35 * unit(rng);
      row.emplace_back(i, t);
    }
    std::shuffle(row.begin(), row.end(), rng);
  }
  return from_rows(origins, rows);
}

std::vector<double> random_supply(std::mt19937& rng, std::size_t n) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values(n);
  for (double& v : values) v = unit(rng) < 0.1 ? 0.0 : 40 * unit(rng);
  return values;
}

TEST(OpportunityAccess, HandWorkedCumulativeOpportunities) {
  // Thresholds 5, 10, 15 min (each inclusive).
  //   site 0, supply 10: origin 0 at 5, origin 1 at 12.
  //   site 1, supply 3:  origin 0 at 9, origin 1 at 15, origin 2 at 20 (beyond all).
  // origin 0: within 5 -> site 0 (1 site, 10); within 10 and 15 -> both (2, 13).
  // origin 1: within 5 and 10 -> none; within 15 -> both (2, 13).
  // origin 2: none anywhere.
  const Matrix m = from_rows(3, {{{0, 5}, {1, 12}}, {{0, 9}, {1, 15}, {2, 20}}});
  const std::vector<double> supply = {10, 3};
  const std::vector<double> thresholds = {5, 10, 15};
  const CumulativeOpportunities result = cumulative_opportunities(m.view(), supply, thresholds);
  EXPECT_EQ(result.origin_count, 3u);
  ASSERT_EQ(result.sites_within.size(), 9u);
  ASSERT_EQ(result.supply_within.size(), 9u);
  const std::vector<std::uint32_t> sites = {1, 0, 0, /**/ 2, 0, 0, /**/ 2, 2, 0};
  const std::vector<double> supplies = {10, 0, 0, /**/ 13, 0, 0, /**/ 13, 13, 0};
  for (std::size_t k = 0; k < 3; ++k) {
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(result.sites(k, i), sites[k * 3 + i]) << "threshold " << k << " origin " << i;
      EXPECT_DOUBLE_EQ(result.supply(k, i), supplies[k * 3 + i])
          << "threshold " << k << " origin " << i;
    }
  }
  EXPECT_THROW((void)result.sites(3, 0), std::out_of_range);
  EXPECT_THROW((void)result.sites(0, 3), std::out_of_range);
  EXPECT_THROW((void)result.supply(3, 0), std::out_of_range);
  EXPECT_THROW((void)result.supply(0, 3), std::out_of_range);
}

TEST(OpportunityAccess, CumulativeMatchesANaiveLoop) {
  // For every threshold and origin, scan every entry of the matrix.
  std::mt19937 rng(314);
  const std::vector<double> thresholds = {0, 5, 10, 12.5, 15, 30, kInf};
  for (int trial = 0; trial < 20; ++trial) {
    const Matrix m = random_matrix(rng, 1 + rng() % 25, 1 + rng() % 40);
    const std::vector<double> supply = random_supply(rng, m.site_count());
    const CumulativeOpportunities result = cumulative_opportunities(m.view(), supply, thresholds);
    for (std::size_t k = 0; k < thresholds.size(); ++k) {
      for (std::size_t i = 0; i < m.origin_count; ++i) {
        std::uint32_t count = 0;
        double within = 0.0;
        for (std::size_t s = 0; s < m.site_count(); ++s) {
          for (std::size_t e = m.row_begin[s]; e < m.row_begin[s + 1]; ++e) {
            if (m.origin[e] == i && m.minutes[e] <= thresholds[k]) {
              ++count;
              within += supply[s];
            }
          }
        }
        EXPECT_EQ(result.sites(k, i), count) << "trial " << trial;
        EXPECT_NEAR(result.supply(k, i), within, 1e-12 * std::max(1.0, within))
            << "trial " << trial;
      }
    }
  }
}

TEST(OpportunityAccess, NoThresholdsGivesEmptyTables) {
  const Matrix m = from_rows(2, {{{0, 5}}});
  const std::vector<double> supply = {1};
  const CumulativeOpportunities result = cumulative_opportunities(m.view(), supply, {});
  EXPECT_EQ(result.origin_count, 2u);
  EXPECT_TRUE(result.sites_within.empty());
  EXPECT_TRUE(result.supply_within.empty());
}

TEST(OpportunityAccess, CumulativeRejectsBadInput) {
  const Matrix m = from_rows(2, {{{0, 5}}, {{1, 5}}});
  const std::vector<double> supply = {1, 2};
  const std::vector<double> thresholds = {5, 10};
  EXPECT_NO_THROW(cumulative_opportunities(m.view(), supply, thresholds));
  const std::vector<double> one = {1};
  EXPECT_THROW(cumulative_opportunities(m.view(), one, thresholds), std::invalid_argument);
  const std::vector<double> negative = {1, -2};
  EXPECT_THROW(cumulative_opportunities(m.view(), negative, thresholds), std::invalid_argument);
  for (const std::vector<double>& bad : {std::vector<double>{10, 5}, std::vector<double>{5, 5},
                                         std::vector<double>{kNaN}, std::vector<double>{5, kNaN}}) {
    EXPECT_THROW(cumulative_opportunities(m.view(), supply, bad), std::invalid_argument);
  }
  SparseTravelTimes broken = m.view();
  broken.origin_count = 1;
  EXPECT_THROW(cumulative_opportunities(broken, supply, thresholds), std::invalid_argument);
}

TEST(OpportunityAccess, HandWorkedGravity) {
  //   site 0, supply 10: origin 0 at 5, origin 1 at 25.
  //   site 1, supply 6:  origin 1 at 15. Origin 2 unreached.
  // Luo & Qi steps over 30 min (10: 1, 20: 0.68, 30: 0.22):
  //   G0 = 10 * 1 = 10; G1 = 10 * 0.22 + 6 * 0.68 = 2.2 + 4.08 = 6.28; G2 = 0.
  // Exponential, beta 0.1, catchment 30:
  //   G0 = 10 exp(-0.5) = 6.065306597126334;
  //   G1 = 10 exp(-2.5) + 6 exp(-1.5) = 0.820849986238988 + 1.338780960890579 = 2.1596309471295667.
  // Plain, catchment 20: G0 = 10, G1 = 6 (25 min is beyond).
  const Matrix m = from_rows(3, {{{0, 5}, {1, 25}}, {{1, 15}}});
  const std::vector<double> supply = {10, 6};
  const std::vector<double> steps =
      gravity_access(m.view(), supply, DistanceDecay::luo_qi_steps(30));
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_DOUBLE_EQ(steps[0], 10);
  EXPECT_DOUBLE_EQ(steps[1], 6.28);
  EXPECT_DOUBLE_EQ(steps[2], 0);
  const std::vector<double> exponential =
      gravity_access(m.view(), supply, DistanceDecay::exponential(30, 0.1));
  EXPECT_DOUBLE_EQ(exponential[0], 6.065306597126334);
  EXPECT_DOUBLE_EQ(exponential[1], 2.1596309471295667);
  EXPECT_DOUBLE_EQ(exponential[2], 0);
  const std::vector<double> plain = gravity_access(m.view(), supply, DistanceDecay::plain(20));
  EXPECT_EQ(plain, (std::vector<double>{10, 6, 0}));
}

TEST(OpportunityAccess, GravityWithPlainDecayIsTheSupplyWithinTheCatchment) {
  // Two formulations of the same number: the plain-decay potential and the
  // cumulative supply at a threshold equal to the catchment.
  std::mt19937 rng(2718);
  for (int trial = 0; trial < 20; ++trial) {
    const Matrix m = random_matrix(rng, 1 + rng() % 25, 1 + rng() % 40);
    const std::vector<double> supply = random_supply(rng, m.site_count());
    const std::vector<double> threshold = {15};
    const std::vector<double> potential =
        gravity_access(m.view(), supply, DistanceDecay::plain(15));
    const CumulativeOpportunities within = cumulative_opportunities(m.view(), supply, threshold);
    for (std::size_t i = 0; i < m.origin_count; ++i) {
      EXPECT_NEAR(potential[i], within.supply(0, i), 1e-12 * std::max(1.0, potential[i]));
    }
  }
}

TEST(OpportunityAccess, GravityMatchesADenseLoop) {
  // Dense formulation: origin by origin, every site, the row searched for it.
  std::mt19937 rng(1618);
  for (const DistanceDecay& decay : {DistanceDecay::luo_qi_steps(30), DistanceDecay::gaussian(20),
                                     DistanceDecay::exponential(25, 0.08)}) {
    for (int trial = 0; trial < 10; ++trial) {
      const Matrix m = random_matrix(rng, 1 + rng() % 25, 1 + rng() % 40);
      const std::vector<double> supply = random_supply(rng, m.site_count());
      const std::vector<double> potential = gravity_access(m.view(), supply, decay);
      ASSERT_EQ(potential.size(), m.origin_count);
      for (std::size_t i = 0; i < m.origin_count; ++i) {
        double expected = 0.0;
        for (std::size_t s = 0; s < m.site_count(); ++s) {
          const auto begin = m.origin.begin() + static_cast<std::ptrdiff_t>(m.row_begin[s]);
          const auto end = m.origin.begin() + static_cast<std::ptrdiff_t>(m.row_begin[s + 1]);
          const auto found = std::find(begin, end, i);
          if (found == end) continue;
          expected += supply[s] *
                      decay.weight(m.minutes[static_cast<std::size_t>(found - m.origin.begin())]);
        }
        EXPECT_NEAR(potential[i], expected, 1e-12 * std::max(1.0, expected));
      }
    }
  }
}

TEST(OpportunityAccess, GravityRejectsBadInput) {
  const Matrix m = from_rows(2, {{{0, 5}}, {{1, 5}}});
  const std::vector<double> supply = {1, 2};
  EXPECT_NO_THROW(gravity_access(m.view(), supply, DistanceDecay::plain(15)));
  const std::vector<double> one = {1};
  EXPECT_THROW(gravity_access(m.view(), one, DistanceDecay::plain(15)), std::invalid_argument);
  const std::vector<double> negative = {-1, 2};
  EXPECT_THROW(gravity_access(m.view(), negative, DistanceDecay::plain(15)), std::invalid_argument);
  EXPECT_THROW(gravity_access(m.view(), supply, DistanceDecay::exponential(15, -1)),
               std::invalid_argument);
  SparseTravelTimes broken = m.view();
  broken.origin_count = 1;
  EXPECT_THROW(gravity_access(broken, supply, DistanceDecay::plain(15)), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
