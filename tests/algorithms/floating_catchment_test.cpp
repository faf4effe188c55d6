#include "couverture/algorithms/floating_catchment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Owned arrays of a sparse matrix, plus the same times densely (+inf where a
// row has no entry) for the independent formulations below.
struct Matrix {
  std::vector<std::uint64_t> row_begin{0};
  std::vector<std::uint32_t> origin;
  std::vector<double> minutes;
  std::size_t origin_count = 0;
  std::vector<double> dense;  // [site * origin_count + origin]

  [[nodiscard]] SparseTravelTimes view() const {
    return {row_begin, origin, minutes, origin_count};
  }
  [[nodiscard]] std::size_t site_count() const { return row_begin.size() - 1; }
  [[nodiscard]] double time(std::size_t s, std::size_t i) const {
    return dense[s * origin_count + i];
  }
};

Matrix from_rows(std::size_t origin_count,
                 const std::vector<std::vector<std::pair<std::uint32_t, double>>>& rows) {
  Matrix m;
  m.origin_count = origin_count;
  m.dense.assign(rows.size() * origin_count, kInf);
  for (std::size_t s = 0; s < rows.size(); ++s) {
    for (const auto& [i, t] : rows[s]) {
      m.origin.push_back(i);
      m.minutes.push_back(t);
      m.dense[s * origin_count + i] = t;
    }
    m.row_begin.push_back(m.origin.size());
  }
  return m;
}

// Random sparse rows in shuffled order, times spread past the catchment so
// some entries weigh 0, a few +inf, some empty rows.
Matrix random_matrix(std::mt19937& rng, std::size_t sites, std::size_t origins,
                     double max_minutes) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::vector<std::pair<std::uint32_t, double>>> rows(sites);
  const double density = 0.1 + 0.5 * unit(rng);
  for (auto& row : rows) {
    if (unit(rng) < 0.1) continue;
    for (std::uint32_t i = 0; i < origins; ++i) {
      if (unit(rng) >= density) continue;
      row.emplace_back(i, unit(rng) < 0.03 ? kInf : max_minutes * unit(rng));
    }
    std::shuffle(row.begin(), row.end(), rng);
  }
  return from_rows(origins, rows);
}

std::vector<double> random_quantities(std::mt19937& rng, std::size_t n, double max,
                                      double zero_share) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values(n);
  for (double& v : values) v = unit(rng) < zero_share ? 0.0 : max * unit(rng);
  return values;
}

std::vector<DistanceDecay> all_decays() {
  return {DistanceDecay::plain(15), DistanceDecay::luo_qi_steps(30), DistanceDecay::gaussian(20),
          DistanceDecay::exponential(25, 0.08)};
}

std::string decay_name(const DistanceDecay& decay) {
  switch (decay.kind) {
    case DecayKind::step:
      return decay.zones.empty() ? "plain" : "steps";
    case DecayKind::gaussian:
      return "gaussian";
    case DecayKind::exponential:
      return "exponential";
  }
  return "?";
}

TEST(FloatingCatchment, HandWorkedTwoStep) {
  // Plain 2SFCA, catchment 15 min. Demand by origin: 100, 200, 100.
  //   site 0, supply 10: origin 0 at 5, origin 1 at 10, origin 2 at 20 (beyond).
  //   site 1, supply 6:  origin 1 at 12, origin 2 at 15 (the limit counts).
  //   site 2, supply 4:  origin 2 at 30 only (beyond): no weighted demand.
  // Step 1: R0 = 10 / (100 + 200) = 1/30; R1 = 6 / (200 + 100) = 1/50; R2 = 0.
  // Step 2: A0 = 1/30; A1 = 1/30 + 1/50 = 8/150 = 4/75; A2 = 1/50.
  // Check: 100/30 + 200*4/75 + 100/50 = 10/3 + 32/3 + 2 = 16 = 10 + 6 (site 2's 4 reach nobody).
  const Matrix m = from_rows(3, {{{0, 5}, {1, 10}, {2, 20}}, {{1, 12}, {2, 15}}, {{2, 30}}});
  const std::vector<double> supply = {10, 6, 4};
  const std::vector<double> demand = {100, 200, 100};
  const FloatingCatchment result =
      floating_catchment(m.view(), supply, demand, DistanceDecay::plain(15));
  ASSERT_EQ(result.supply_ratio.size(), 3u);
  ASSERT_EQ(result.accessibility.size(), 3u);
  EXPECT_DOUBLE_EQ(result.supply_ratio[0], 1.0 / 30);
  EXPECT_DOUBLE_EQ(result.supply_ratio[1], 1.0 / 50);
  EXPECT_DOUBLE_EQ(result.supply_ratio[2], 0.0);
  EXPECT_DOUBLE_EQ(result.accessibility[0], 1.0 / 30);
  EXPECT_DOUBLE_EQ(result.accessibility[1], 4.0 / 75);
  EXPECT_DOUBLE_EQ(result.accessibility[2], 1.0 / 50);
  EXPECT_EQ(result.sites_without_demand, std::vector<std::uint32_t>{2});
}

TEST(FloatingCatchment, HandWorkedEnhancedWithSteps) {
  // Luo & Qi steps over 30 min: (10, 1), (20, 0.68), (30, 0.22). Demand 100, 50, 200.
  //   site 0, supply 10: origin 0 at 5 (w 1), origin 1 at 15 (w 0.68).
  //   site 1, supply 5:  origin 1 at 8 (w 1), origin 2 at 25 (w 0.22).
  // Step 1: R0 = 10 / (100 + 0.68*50) = 10/134; R1 = 5 / (50 + 0.22*200) = 5/94.
  // Step 2: A0 = 10/134 = 0.0746...; A1 = 0.68*10/134 + 5/94 = 6.8/134 + 5/94; A2 = 0.22*5/94
  // = 1.1/94.
  const Matrix m = from_rows(3, {{{0, 5}, {1, 15}}, {{1, 8}, {2, 25}}});
  const std::vector<double> supply = {10, 5};
  const std::vector<double> demand = {100, 50, 200};
  const FloatingCatchment result =
      floating_catchment(m.view(), supply, demand, DistanceDecay::luo_qi_steps(30));
  EXPECT_DOUBLE_EQ(result.supply_ratio[0], 10.0 / 134);
  EXPECT_DOUBLE_EQ(result.supply_ratio[1], 5.0 / 94);
  EXPECT_DOUBLE_EQ(result.accessibility[0], 10.0 / 134);
  EXPECT_DOUBLE_EQ(result.accessibility[1], 6.8 / 134 + 5.0 / 94);
  EXPECT_DOUBLE_EQ(result.accessibility[2], 1.1 / 94);
  EXPECT_TRUE(result.sites_without_demand.empty());
}

TEST(FloatingCatchment, SitesReachingOnlyEmptyOriginsAreReported) {
  // Site 0 reaches origin 1 only, which has no demand; site 1 has an empty row.
  // Site 2 reaches origin 0 (demand 40) with supply 8: R2 = 8/40 = 0.2 = A0.
  const Matrix m = from_rows(2, {{{1, 3}}, {}, {{0, 4}}});
  const std::vector<double> supply = {5, 7, 8};
  const std::vector<double> demand = {40, 0};
  const FloatingCatchment result =
      floating_catchment(m.view(), supply, demand, DistanceDecay::plain(10));
  EXPECT_EQ(result.sites_without_demand, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_DOUBLE_EQ(result.supply_ratio[0], 0.0);
  EXPECT_DOUBLE_EQ(result.supply_ratio[2], 0.2);
  EXPECT_DOUBLE_EQ(result.accessibility[0], 0.2);
  EXPECT_DOUBLE_EQ(result.accessibility[1], 0.0);
}

TEST(FloatingCatchment, NoSitesGivesZeroAccessibility) {
  const Matrix m = from_rows(3, {});
  const std::vector<double> demand = {1, 2, 3};
  const FloatingCatchment result =
      floating_catchment(m.view(), {}, demand, DistanceDecay::plain(15));
  EXPECT_TRUE(result.supply_ratio.empty());
  EXPECT_EQ(result.accessibility, (std::vector<double>{0, 0, 0}));
  EXPECT_TRUE(result.sites_without_demand.empty());
}

TEST(FloatingCatchment, ConservesTheSupplyOfSitesThatReachDemand) {
  // sum_i demand_i A_i = sum_s R_s sum_i w_si demand_i = sum of supply over
  // sites with weighted demand. Which sites those are is decided here from the
  // dense times.
  std::mt19937 rng(20240611);
  for (const DistanceDecay& decay : all_decays()) {
    SCOPED_TRACE(decay_name(decay));
    for (int trial = 0; trial < 25; ++trial) {
      const Matrix m =
          random_matrix(rng, 1 + rng() % 30, 1 + rng() % 60, 1.4 * decay.catchment_minutes);
      const std::vector<double> supply = random_quantities(rng, m.site_count(), 50, 0.1);
      const std::vector<double> demand = random_quantities(rng, m.origin_count, 500, 0.3);
      const FloatingCatchment result = floating_catchment(m.view(), supply, demand, decay);

      double served_supply = 0.0;
      std::vector<std::uint32_t> unserved;
      for (std::size_t s = 0; s < m.site_count(); ++s) {
        bool reaches_demand = false;
        for (std::size_t i = 0; i < m.origin_count; ++i) {
          if (decay.weight(m.time(s, i)) > 0 && demand[i] > 0) {
            reaches_demand = true;
          }
        }
        if (reaches_demand) {
          served_supply += supply[s];
        } else {
          unserved.push_back(static_cast<std::uint32_t>(s));
        }
      }
      double received = 0.0;
      for (std::size_t i = 0; i < m.origin_count; ++i)
        received += demand[i] * result.accessibility[i];
      EXPECT_NEAR(received, served_supply, 1e-10 * std::max(1.0, served_supply))
          << "trial " << trial;
      EXPECT_EQ(result.sites_without_demand, unserved) << "trial " << trial;
    }
  }
}

TEST(FloatingCatchment, MatchesADenseOriginByOriginFormulation) {
  // A_i = sum_s w(t_si) supply_s / sum_k w(t_sk) demand_k, origin by origin
  // over the dense times (O(origins² x sites)), no ratio kept between origins.
  std::mt19937 rng(7);
  for (const DistanceDecay& decay : all_decays()) {
    SCOPED_TRACE(decay_name(decay));
    for (int trial = 0; trial < 15; ++trial) {
      const Matrix m =
          random_matrix(rng, 1 + rng() % 15, 1 + rng() % 40, 1.3 * decay.catchment_minutes);
      const std::vector<double> supply = random_quantities(rng, m.site_count(), 20, 0.1);
      const std::vector<double> demand = random_quantities(rng, m.origin_count, 300, 0.2);
      const FloatingCatchment result = floating_catchment(m.view(), supply, demand, decay);
      for (std::size_t i = 0; i < m.origin_count; ++i) {
        double expected = 0.0;
        for (std::size_t s = 0; s < m.site_count(); ++s) {
          const double w = decay.weight(m.time(s, i));
          if (w == 0.0) continue;
          double catchment_demand = 0.0;
          for (std::size_t k = 0; k < m.origin_count; ++k) {
            catchment_demand += decay.weight(m.time(s, k)) * demand[k];
          }
          if (catchment_demand > 0.0) expected += w * supply[s] / catchment_demand;
        }
        EXPECT_NEAR(result.accessibility[i], expected, 1e-12 * std::max(1.0, expected))
            << "trial " << trial << " origin " << i;
      }
    }
  }
}

TEST(FloatingCatchment, EnhancedWithAllWeightsOneIsTheTwoStep) {
  std::mt19937 rng(99);
  DistanceDecay unit_steps = DistanceDecay::plain(15);
  unit_steps.zones = {{5, 1.0}, {10, 1.0}, {15, 1.0}};
  const DistanceDecay flat_exponential = DistanceDecay::exponential(15, 0.0);
  for (int trial = 0; trial < 20; ++trial) {
    const Matrix m = random_matrix(rng, 1 + rng() % 20, 1 + rng() % 50, 25);
    const std::vector<double> supply = random_quantities(rng, m.site_count(), 20, 0.1);
    const std::vector<double> demand = random_quantities(rng, m.origin_count, 300, 0.2);
    const FloatingCatchment plain =
        floating_catchment(m.view(), supply, demand, DistanceDecay::plain(15));
    for (const DistanceDecay& decay : {unit_steps, flat_exponential}) {
      const FloatingCatchment enhanced = floating_catchment(m.view(), supply, demand, decay);
      ASSERT_EQ(enhanced.accessibility.size(), plain.accessibility.size());
      for (std::size_t i = 0; i < plain.accessibility.size(); ++i) {
        EXPECT_DOUBLE_EQ(enhanced.accessibility[i], plain.accessibility[i]);
      }
      for (std::size_t s = 0; s < plain.supply_ratio.size(); ++s) {
        EXPECT_DOUBLE_EQ(enhanced.supply_ratio[s], plain.supply_ratio[s]);
      }
      EXPECT_EQ(enhanced.sites_without_demand, plain.sites_without_demand);
    }
  }
}

TEST(FloatingCatchment, RejectsBadInput) {
  const Matrix m = from_rows(2, {{{0, 5}}, {{1, 5}}});
  const std::vector<double> supply = {1, 2};
  const std::vector<double> demand = {3, 4};
  const DistanceDecay decay = DistanceDecay::plain(15);
  EXPECT_NO_THROW(floating_catchment(m.view(), supply, demand, decay));
  const std::vector<double> one = {1};
  EXPECT_THROW(floating_catchment(m.view(), one, demand, decay), std::invalid_argument);
  EXPECT_THROW(floating_catchment(m.view(), supply, one, decay), std::invalid_argument);
  const std::vector<double> negative = {1, -2};
  EXPECT_THROW(floating_catchment(m.view(), negative, demand, decay), std::invalid_argument);
  EXPECT_THROW(floating_catchment(m.view(), supply, negative, decay), std::invalid_argument);
  const std::vector<double> infinite = {1, kInf};
  EXPECT_THROW(floating_catchment(m.view(), infinite, demand, decay), std::invalid_argument);
  EXPECT_THROW(floating_catchment(m.view(), supply, demand, DistanceDecay::plain(0)),
               std::invalid_argument);
  SparseTravelTimes out_of_range = m.view();
  out_of_range.origin_count = 1;  // origin 1 no longer exists
  const std::vector<double> demand_one = {3};
  EXPECT_THROW(floating_catchment(out_of_range, supply, demand_one, decay), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
