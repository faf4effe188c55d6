#include "couverture/engine/priority_groups.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "couverture/engine/small_count_masking.hpp"
#include "paper_case.hpp"

namespace couverture {
namespace {

using paper::PaperCase;

// The paper case's three points (A, B, C: 30, 20 and 50 children; nearest
// crèche at 0.25, 1.5 and 0.25 min), with 50 %, 80 % and 10 % of their
// households below the poverty line.
PriorityGroup poor_on_paper() {
  PriorityGroup group;
  group.name = "poor_households";
  group.label = default_group_label(group.name);
  group.share = {0.5, 0.8, 0.1};
  group.count = {40, 64, 8};
  return group;
}

// The concentration index straight from its definition, for three points
// listed most deprived first (distinct shares): C = 2/(W μ) Σ w (h − μ)(R − ½).
double direct_concentration_index(const std::vector<double>& h, const std::vector<double>& w) {
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  double mean = 0.0;
  for (std::size_t i = 0; i < h.size(); ++i) mean += w[i] * h[i] / total;
  double before = 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    const double rank = (before + w[i] / 2.0) / total;
    sum += w[i] * (h[i] - mean) * (rank - 0.5);
    before += w[i];
  }
  return 2.0 * sum / (total * mean);
}

TEST(PriorityGroups, PaperCaseComparisonsByHand) {
  PaperCase paper;
  const auto services = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                              paper.coverage, PaperCase::parameters());
  const std::vector<PriorityGroup> groups = {poor_on_paper()};
  const std::vector<double> thresholds = {1, 2};
  const std::vector<GroupComparison> comparisons =
      compare_priority_groups(paper.coverage.services, services, groups, thresholds);
  ASSERT_EQ(comparisons.size(), 1u);
  const GroupComparison& g = comparisons[0];
  // Children in poor households: 15, 16, 5 (36); the others 15, 4, 45 (64).
  EXPECT_NEAR(g.group_target, 36.0, 1e-12);
  EXPECT_NEAR(g.others_target, 64.0, 1e-12);
  EXPECT_DOUBLE_EQ(g.unknown_target, 0.0);
  // Mean times: (15·0.25 + 16·1.5 + 5·0.25)/36 = 29/36; (15·0.25 + 4·1.5 +
  // 45·0.25)/64 = 21/64, the road's exact times being within a fraction of
  // a second of those round minutes; weighted by hand on the exact times.
  const std::vector<double>& t = paper.coverage.services[0].demand_minutes;
  EXPECT_NEAR(t[0], 0.25, 1e-3);
  EXPECT_NEAR(t[1], 1.5, 1e-3);
  EXPECT_NEAR(t[2], 0.25, 1e-3);
  EXPECT_NEAR(g.group_mean_minutes, (15 * t[0] + 16 * t[1] + 5 * t[2]) / 36.0, 1e-12);
  EXPECT_NEAR(g.others_mean_minutes, (15 * t[0] + 4 * t[1] + 45 * t[2]) / 64.0, 1e-12);
  EXPECT_NEAR(g.group_mean_minutes, 29.0 / 36.0, 1e-3);
  EXPECT_NEAR(g.others_mean_minutes, 21.0 / 64.0, 1e-3);
  // Beyond 1 min: B only. Beyond 2 min: nobody.
  EXPECT_NEAR(g.group_share_beyond[0], 16.0 / 36.0, 1e-12);
  EXPECT_NEAR(g.others_share_beyond[0], 4.0 / 64.0, 1e-12);
  EXPECT_NEAR(g.group_share_beyond[1], 0.0, 1e-12);
  // E2SFCA per 100 (A 25, B 100·(0.125 + 0.5/3), C 100/3) weighted likewise.
  const double a = 25.0, b = 100.0 * (0.125 + 0.5 / 3.0), c = 100.0 / 3.0;
  EXPECT_NEAR(g.group_e2sfca, (15 * a + 16 * b + 5 * c) / 36.0, 1e-6);
  EXPECT_NEAR(g.others_e2sfca, (15 * a + 4 * b + 45 * c) / 64.0, 1e-6);
  EXPECT_TRUE(std::isnan(g.group_global_e2sfca));  // no [supply]
  // Concentration of travel times by the share of poor households, most
  // deprived first: B (0.8, 20 children, 1.5 min), A (0.5, 30, 0.25),
  // C (0.1, 50, 0.25): by hand −0.4 (the poor are farther).
  EXPECT_EQ(g.measure, "travel_time");
  EXPECT_NEAR(g.concentration_index, direct_concentration_index({t[1], t[0], t[2]}, {20, 30, 50}),
              1e-12);
  EXPECT_NEAR(direct_concentration_index({1.5, 0.25, 0.25}, {20, 30, 50}), -0.4, 1e-12);
  EXPECT_NEAR(g.concentration_index, -0.4, 1e-3);
}

TEST(PriorityGroups, UnknownPointsCountInNeitherSide) {
  PaperCase paper;
  const auto services = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                              paper.coverage, PaperCase::parameters());
  PriorityGroup group = poor_on_paper();
  group.share[1] = std::nan("");
  const std::vector<double> thresholds = {1, 2};
  const auto g = compare_priority_groups(paper.coverage.services, services,
                                         std::vector<PriorityGroup>{group}, thresholds)[0];
  EXPECT_NEAR(g.unknown_target, 20.0, 1e-12);
  EXPECT_NEAR(g.group_target, 20.0, 1e-12);
  EXPECT_NEAR(g.others_target, 60.0, 1e-12);
  const std::vector<double>& t = paper.coverage.services[0].demand_minutes;
  EXPECT_NEAR(g.group_mean_minutes, (15 * t[0] + 5 * t[2]) / 20.0, 1e-12);
}

TEST(PriorityGroups, FromTheGridShareOfHouseholds) {
  std::vector<PopulationCell> cells(2);
  cells[0].extra = {40, 10};  // Men, Men_pauv
  cells[1].extra = {20, 30};  // more poor than households (imputation): clamped
  std::vector<DemandPoint> points(3);
  points[0].grid_cell = 1;
  points[1].grid_cell = 0;
  // points[2] was not placed by the grid.
  const PriorityGroup group = group_from_grid("poor_households", "x", points, cells, 1, 0);
  EXPECT_DOUBLE_EQ(group.share[0], 1.0);
  EXPECT_DOUBLE_EQ(group.share[1], 0.25);
  EXPECT_TRUE(std::isnan(group.share[2]));
  EXPECT_DOUBLE_EQ(group.count[0], 30.0);
  EXPECT_DOUBLE_EQ(group.count[1], 10.0);
  EXPECT_TRUE(std::isnan(group.count[2]));
  EXPECT_EQ(default_group_label("poor_households"), "familles sous le seuil de pauvreté");
  EXPECT_EQ(default_group_label("mine"), "mine");
}

TEST(PriorityGroups, FromACommuneTableSpreadLikeThePopulation) {
  std::vector<Commune> communes(3);
  std::vector<DemandPoint> points(4);
  points[0].commune = 0;
  points[0].population = 100;
  points[1].commune = 0;
  points[1].population = 300;
  points[2].commune = 1;
  points[2].population = 50;
  points[3].commune = 2;
  points[3].population = 10;
  const std::vector<double> counts = {20, std::nan(""), 5};
  const PriorityGroup group = group_from_communes("aeeh", "x", points, communes, counts);
  // Commune 0: 20 over 400 people, 5 and 15; share 5 %. Conserved per commune.
  EXPECT_DOUBLE_EQ(group.count[0], 5.0);
  EXPECT_DOUBLE_EQ(group.count[1], 15.0);
  EXPECT_DOUBLE_EQ(group.count[0] + group.count[1], 20.0);
  EXPECT_DOUBLE_EQ(group.share[0], 0.05);
  EXPECT_DOUBLE_EQ(group.share[1], 0.05);
  EXPECT_TRUE(std::isnan(group.share[2]));
  EXPECT_DOUBLE_EQ(group.count[3], 5.0);
  EXPECT_DOUBLE_EQ(group.share[3], 0.5);
}

TEST(PriorityGroups, SitingWeightFactor) {
  PriorityGroup poor;
  poor.share = {0.5, std::nan(""), 0.0};
  PriorityGroup lone;
  lone.share = {0.25, 1.0, 0.0};
  const std::vector<PriorityGroup> groups = {poor, lone};
  const std::vector<double> weights = {2.0, 1.0};
  EXPECT_EQ(group_weight_factor(groups, weights, 3), (std::vector<double>{1.5, 1.0, 1.0}));
  const std::vector<double> one = {2.0};
  EXPECT_THROW(group_weight_factor(groups, one, 3), std::invalid_argument);
}

TEST(SmallCountMasking, PrimaryAndSecondarySuppressionPerCommune) {
  // Two count columns (e.g. a band and a group) on seven points.
  const std::vector<std::vector<double>> counts = {
      {5, 30, 12, 3, 4, 50, 2},
      {20, 40, 13, 0, 0, 60, 0},
  };
  const std::vector<std::uint32_t> commune_of = {0, 0, 0, 1, 1, 2, 3};
  const std::vector<std::uint8_t> hidden = mask_small_counts(counts, commune_of, 11.0);
  // Commune 0: point 0 (5 < 11) and, so that the commune's totals minus the
  // shown points do not give it back, the smallest other point (2: 25).
  // Commune 1: both small. Commune 2: nothing small. Commune 3: alone.
  EXPECT_EQ(hidden, (std::vector<std::uint8_t>{1, 0, 1, 1, 1, 0, 1}));
  // Recovery by subtraction: in every commune with more than one point, a
  // hidden point is never the only one hidden.
  for (std::uint32_t c = 0; c < 3; ++c) {
    std::size_t points = 0, masked = 0;
    for (std::size_t i = 0; i < commune_of.size(); ++i) {
      if (commune_of[i] != c) continue;
      ++points;
      masked += hidden[i];
    }
    if (points > 1) {
      EXPECT_NE(masked, 1u) << "commune " << c;
    }
  }
  // Unknown (NaN) counts hide nothing; mismatched columns are refused.
  const std::vector<std::vector<double>> unknown = {{std::nan(""), 30}};
  const std::vector<std::uint32_t> two = {0, 0};
  EXPECT_EQ(mask_small_counts(unknown, two, 11.0), (std::vector<std::uint8_t>{0, 0}));
  const std::vector<std::vector<double>> short_column = {{1}};
  EXPECT_THROW(mask_small_counts(short_column, two, 11.0), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
