#include "couverture/engine/childcare_supply.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "paper_case.hpp"

namespace couverture {
namespace {

using paper::PaperCase;

TEST(SpreadCommunePlaces, SharesEachCommuneByWeightAndConservesPlaces) {
  // Commune 0: 10 places on points weighing 1 and 3; commune 1: 4 places on
  // two points weighing nothing (shared equally); commune 2: 5 places and no
  // point; commune 3: no places.
  const std::vector<double> places = {10, 4, 5, 0};
  const std::vector<std::uint32_t> commune_of = {0, 1, 0, 1, 3};
  const std::vector<double> weight = {1, 0, 3, 0, 7};
  const SpreadPlaces spread = spread_commune_places(places, commune_of, weight);
  EXPECT_EQ(spread.by_point, (std::vector<double>{2.5, 2, 7.5, 2, 0}));
  EXPECT_EQ(spread.unplaced_communes, (std::vector<std::uint32_t>{2}));
  // Per commune and in total (the unplaced commune aside).
  std::vector<double> per_commune(4, 0.0);
  for (std::size_t i = 0; i < commune_of.size(); ++i)
    per_commune[commune_of[i]] += spread.by_point[i];
  EXPECT_DOUBLE_EQ(per_commune[0], 10.0);
  EXPECT_DOUBLE_EQ(per_commune[1], 4.0);
  EXPECT_DOUBLE_EQ(per_commune[3], 0.0);
  EXPECT_DOUBLE_EQ(std::accumulate(spread.by_point.begin(), spread.by_point.end(), 0.0),
                   10.0 + 4.0);
}

TEST(SpreadCommunePlaces, RejectsMismatchedInputs) {
  const std::vector<double> places = {1};
  const std::vector<std::uint32_t> commune_of = {0, 1};
  const std::vector<double> weight = {1, 1};
  EXPECT_THROW(spread_commune_places(places, commune_of, weight), std::invalid_argument);
  const std::vector<double> one = {1};
  EXPECT_THROW(spread_commune_places(places, commune_of, one), std::invalid_argument);
}

// The paper case with [supply]: 6 places with assistants maternels in A, 4 in
// B (3 of them at home, 1 at school), none in C.
AccessibilityParameters with_supply(bool tension_on_global) {
  AccessibilityParameters p = PaperCase::parameters();
  ChildcareSupply supply;
  supply.by_commune = {{6, 0, 0}, {3, 0.5, 0.5}, {0, 0, 0}};
  supply.tension_on_global = tension_on_global;
  p.supply = supply;
  return p;
}

TEST(GlobalCoverage, PaperCaseRatesByHand) {
  PaperCase paper;
  const auto services = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                              paper.coverage, with_supply(false));
  ASSERT_EQ(services.size(), 1u);
  const ServiceAccessibility& eaje = services[0];
  ASSERT_TRUE(eaje.global.has_value());
  const GlobalCoverage& global = *eaje.global;
  // One point per commune: each commune's places stand on its point.
  EXPECT_EQ(global.places_by_point, (std::vector<double>{6, 4, 0}));
  EXPECT_DOUBLE_EQ(global.places[index_of(SupplyKind::assistants_maternels)], 9.0);
  EXPECT_DOUBLE_EQ(global.places[index_of(SupplyKind::home_childcare)], 0.5);
  EXPECT_DOUBLE_EQ(global.places[index_of(SupplyKind::school_2_year_olds)], 0.5);

  // Administrative: (EAJE places located + [supply] places) per 100 children:
  // A (10 + 6)/30, B (0 + 4)/20, C (20 + 0)/50, all (30 + 10)/100; the
  // EAJE-only rates stay 100/3, 0, 40 and 30.
  EXPECT_NEAR(global.by_commune[0].administrative_rate, 100.0 * 16.0 / 30.0, 1e-9);
  EXPECT_NEAR(global.by_commune[1].administrative_rate, 20.0, 1e-9);
  EXPECT_NEAR(global.by_commune[2].administrative_rate, 40.0, 1e-9);
  EXPECT_NEAR(global.overall.administrative_rate, 40.0, 1e-9);
  EXPECT_NEAR(eaje.overall.administrative_rate, 30.0, 1e-9);
  EXPECT_NEAR(eaje.by_commune[1].administrative_rate, 0.0, 1e-9);

  // Points A, B, C at 6.0025, 6.015, 6.0275 on a road of one minute per
  // 0.01°: A–B 1.25 min, B–C 1.25, A–C 2.5 (beyond the 2-min catchment).
  // E2SFCA of the spread places (weight 1 up to 1 min, 0.5 up to 2):
  //   site A (6): weighted demand 30 + 0.5·20 = 40, R = 0.15;
  //   site B (4): 0.5·30 + 20 + 0.5·50 = 60, R = 1/15.
  //   A = 0.15 + 0.5/15, B = 0.5·0.15 + 1/15, C = 0.5/15.
  // Added to the EAJE scores (A 0.25, B 0.125 + 0.5/3, C 1/3).
  const double a = 0.15 + 0.5 / 15.0;
  const double b = 0.075 + 1.0 / 15.0;
  const double c = 0.5 / 15.0;
  EXPECT_NEAR(global.e2sfca_per_100[0], 100.0 * (0.25 + a), 1e-6);
  EXPECT_NEAR(global.e2sfca_per_100[1], 100.0 * (0.125 + 0.5 / 3.0 + b), 1e-6);
  EXPECT_NEAR(global.e2sfca_per_100[2], 100.0 * (1.0 / 3.0 + c), 1e-6);
  // 2SFCA (weight 1 up to 2 min): site A 6 / (30 + 20), site B 4 / 100.
  EXPECT_NEAR(global.fca_per_100[0], eaje.fca_per_100[0] + 100.0 * (0.12 + 0.04), 1e-6);
  EXPECT_NEAR(global.fca_per_100[2], eaje.fca_per_100[2] + 100.0 * 0.04, 1e-6);
  // The places are conserved: the territory's rate is (30 + 10) per 100.
  EXPECT_NEAR(global.overall.e2sfca_rate, 40.0, 1e-6);
  EXPECT_NEAR(global.overall.fca_rate, 40.0, 1e-6);
  EXPECT_NEAR(eaje.overall.e2sfca_rate, 30.0, 1e-6);
  EXPECT_NEAR(global.by_commune[1].e2sfca_rate, global.e2sfca_per_100[1], 1e-9);
}

TEST(GlobalCoverage, TensionFollowsTheGlobalRateWhenAsked) {
  PaperCase paper;
  // Level 26 places per 100, 1 minute. EAJE only: A (25 places/100) and B
  // (slower than 1 min) are in tension.
  const auto service_only = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                                  paper.coverage, with_supply(false));
  EXPECT_TRUE(service_only[0].by_commune[0].in_tension);
  EXPECT_EQ(service_only[0].point_in_tension, (std::vector<std::uint8_t>{1, 1, 0}));
  // Global: A has 25 + 18.3 places per 100 and leaves; B stays for its time.
  const auto global = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                            paper.coverage, with_supply(true));
  const ServiceAccessibility& eaje = global[0];
  EXPECT_TRUE(eaje.tension_on_global);
  EXPECT_FALSE(eaje.by_commune[0].in_tension);
  EXPECT_TRUE(eaje.by_commune[1].in_tension);
  EXPECT_FALSE(eaje.by_commune[2].in_tension);
  EXPECT_EQ(eaje.tension_communes, (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(eaje.point_in_tension, (std::vector<std::uint8_t>{0, 1, 0}));
  // A level above every global rate puts the reason in global terms.
  AccessibilityParameters strict = with_supply(true);
  strict.tension_min_places_per_100 = 50.0;
  const auto scarce =
      analyse_accessibility(paper.roads, paper.communes, paper.facilities, paper.coverage, strict);
  EXPECT_TRUE(scarce[0].by_commune[2].tension.too_few_places);
  EXPECT_TRUE(scarce[0].by_commune[2].tension.global_rate);
}

TEST(GlobalCoverage, OnlyTheTypeTheSupplyCompletes) {
  PaperCase paper;
  AccessibilityParameters p = with_supply(false);
  p.supply->service_type = "alsh";
  const auto services =
      analyse_accessibility(paper.roads, paper.communes, paper.facilities, paper.coverage, p);
  EXPECT_FALSE(services[0].global.has_value());
  // Spelt another way, the type still matches.
  p.supply->service_type = "EAJE";
  EXPECT_TRUE(
      analyse_accessibility(paper.roads, paper.communes, paper.facilities, paper.coverage, p)[0]
          .global.has_value());
}

}  // namespace
}  // namespace couverture
