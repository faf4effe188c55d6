#include "couverture/engine/service_accessibility.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "paper_case.hpp"

namespace couverture {
namespace {

using paper::PaperCase;

TEST(ServiceAccessibility, PaperCaseFloatingCatchmentAndCoverageRates) {
  PaperCase paper;
  ASSERT_EQ(paper.coverage.demand.size(), 3u);
  const auto services = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                              paper.coverage, PaperCase::parameters());
  ASSERT_EQ(services.size(), 1u);
  const ServiceAccessibility& eaje = services[0];
  EXPECT_TRUE(eaje.has_capacity);
  EXPECT_EQ(eaje.target, AgeBandSet::of(AgeBand::age_0_2));
  EXPECT_DOUBLE_EQ(eaje.places, 30.0);
  EXPECT_EQ(eaje.target_population, (std::vector<double>{30, 20, 50}));

  // 2SFCA, 2-minute catchment: X reaches A and B (50 children): 10/50 = 0.2;
  // Y reaches B and C (70): 20/70. A = 0.2, B = 0.2 + 2/7, C = 2/7.
  EXPECT_NEAR(eaje.fca_per_100[0], 20.0, 1e-6);
  EXPECT_NEAR(eaje.fca_per_100[1], 100.0 * (0.2 + 2.0 / 7.0), 1e-6);
  EXPECT_NEAR(eaje.fca_per_100[2], 100.0 * 2.0 / 7.0, 1e-6);
  // E2SFCA, weights 1 up to 1 min and 0.5 up to 2: X's weighted demand
  // 30 + 0.5·20 = 40, R = 0.25; Y's 0.5·20 + 50 = 60, R = 1/3.
  // A = 0.25, B = 0.5·0.25 + 0.5/3 = 0.291667, C = 1/3.
  EXPECT_NEAR(eaje.e2sfca_per_100[0], 25.0, 1e-6);
  EXPECT_NEAR(eaje.e2sfca_per_100[1], 100.0 * (0.125 + 0.5 / 3.0), 1e-6);
  EXPECT_NEAR(eaje.e2sfca_per_100[2], 100.0 / 3.0, 1e-6);
  // Every commune has one point: its rate is its point's.
  EXPECT_NEAR(eaje.by_commune[1].fca_rate, 100.0 * (0.2 + 2.0 / 7.0), 1e-6);
  // The territory: children-weighted places per 100 = places / children.
  EXPECT_NEAR(eaje.overall.fca_rate, 30.0, 1e-6);
  EXPECT_NEAR(eaje.overall.e2sfca_rate, 30.0, 1e-6);

  // CAF administrative rates: A 10/30, B 0/20, C 20/50 (per 100); 30/100.
  EXPECT_NEAR(eaje.by_commune[0].administrative_rate, 100.0 / 3.0, 1e-9);
  EXPECT_NEAR(eaje.by_commune[1].administrative_rate, 0.0, 1e-9);
  EXPECT_NEAR(eaje.by_commune[2].administrative_rate, 40.0, 1e-9);
  EXPECT_NEAR(eaje.overall.administrative_rate, 30.0, 1e-9);
  EXPECT_DOUBLE_EQ(eaje.by_commune[0].places_located, 10.0);
}

TEST(ServiceAccessibility, PaperCaseOpportunitiesGravityAndTension) {
  PaperCase paper;
  const auto services = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                              paper.coverage, PaperCase::parameters());
  const ServiceAccessibility& eaje = services.at(0);
  // Within 1 min: A reaches X (10 places), B nothing, C reaches Y (20).
  EXPECT_EQ(eaje.opportunities.sites(0, 0), 1u);
  EXPECT_EQ(eaje.opportunities.sites(0, 1), 0u);
  EXPECT_DOUBLE_EQ(eaje.opportunities.supply(0, 2), 20.0);
  // Within 2 min: B reaches both (30 places).
  EXPECT_EQ(eaje.opportunities.sites(1, 1), 2u);
  EXPECT_DOUBLE_EQ(eaje.opportunities.supply(1, 1), 30.0);
  EXPECT_DOUBLE_EQ(eaje.opportunities.supply(1, 0), 10.0);
  // Gravity, beta 0.5/min (kept up to 6 min): A = 10 e^-0.125 + 20 e^-1.375.
  EXPECT_NEAR(eaje.gravity[0], 10 * std::exp(-0.125) + 20 * std::exp(-1.375), 5e-3);
  EXPECT_NEAR(eaje.gravity[1], 30 * std::exp(-0.75), 5e-3);

  // Children beyond 1 minute: B's 20; beyond 2: none.
  EXPECT_NEAR(eaje.overall.target_beyond[0], 20.0, 1e-9);
  EXPECT_NEAR(eaje.overall.target_beyond[1], 0.0, 1e-9);
  EXPECT_NEAR(eaje.share_beyond[0], 0.2, 1e-12);
  EXPECT_NEAR(eaje.by_commune[1].target_beyond[0], 20.0, 1e-9);
  // Tension (over 1 min, or under 26 places per 100 by E2SFCA): A (25
  // places) and B (1.5 min), the least covered first; C is fine.
  EXPECT_TRUE(eaje.by_commune[0].in_tension);
  EXPECT_TRUE(eaje.by_commune[1].in_tension);
  EXPECT_FALSE(eaje.by_commune[2].in_tension);
  EXPECT_EQ(eaje.tension_communes, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(eaje.point_in_tension, (std::vector<std::uint8_t>{1, 1, 0}));
  EXPECT_NE(eaje.by_commune[1].tension_reason.find("temps moyen 1.5 min"), std::string::npos)
      << eaje.by_commune[1].tension_reason;
}

TEST(ServiceAccessibility, WorstServedCommunesLeastCoveredFirst) {
  PaperCase paper;
  const auto services = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                              paper.coverage, PaperCase::parameters());
  // E2SFCA: A 25, B 29.17, C 33.33 places per 100.
  EXPECT_EQ(worst_served_communes(services.at(0), 2), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(worst_served_communes(services.at(0), 5), (std::vector<std::uint32_t>{0, 1, 2}));
  // Without places: slowest first, B (1.5 min), then A and C (0.25 each).
  paper.facilities[1].capacity_known = false;
  const auto timed = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                           paper.coverage, PaperCase::parameters());
  const auto slowest = worst_served_communes(timed.at(0), 3);
  ASSERT_EQ(slowest.size(), 3u);
  EXPECT_EQ(slowest[0], 1u);
}

TEST(ServiceAccessibility, PaperCaseEquityOfTravelTimes) {
  PaperCase paper;
  const auto services = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                              paper.coverage, PaperCase::parameters());
  const EquitySummary& equity = services.at(0).equity;
  EXPECT_EQ(equity.measure, "travel_time");
  // Minutes 0.25 (30 children), 1.5 (20), 0.25 (50); mean 0.5. The demand
  // points sit within a fraction of a second of their box's middle, hence
  // the tolerances (a wrong formula is off by far more).
  EXPECT_NEAR(equity.mean, 0.5, 5e-4);
  // Gini = sum_ij w_i w_j |x_i - x_j| / (2 W² mean)
  //      = 2 (30·20 + 50·20) 1.25 / (2 · 100² · 0.5) = 4000 / 10000 = 0.4.
  EXPECT_NEAR(equity.gini, 0.4, 5e-4);
  // Theil T = sum (w/W)(x/mean) ln(x/mean) = 0.15 ln 0.5 + 0.6 ln 3 + 0.25 ln 0.5
  //         = 0.381908; one point per commune: all of it between communes.
  EXPECT_NEAR(equity.theil.total, 0.381908, 5e-4);
  EXPECT_NEAR(equity.theil.between, 0.381908, 5e-4);
  EXPECT_NEAR(equity.theil.within, 0.0, 1e-9);
  // Atkinson(1) = 1 - geometric mean / mean; GM = exp(0.8 ln 0.25 + 0.2 ln 1.5)
  //             = 0.357771 -> 0.284458.
  EXPECT_NEAR(equity.atkinson_1, 0.284458, 5e-4);
  // The slowest fifth (B's 20 children, 1.5 min) over the fastest (0.25 min).
  EXPECT_NEAR(equity.best_to_worst_fifth, 6.0, 0.01);
  EXPECT_DOUBLE_EQ(equity.weight, 100.0);
}

TEST(ServiceAccessibility, FacilitiesWithoutCapacityGiveNoRatesAndTimeEquity) {
  PaperCase paper;
  paper.facilities[0].capacity_known = false;  // one unknown capacity: no places for the type
  AccessibilityParameters p = PaperCase::parameters();
  p.equity_measure = EquityMeasure::e2sfca;
  const auto services =
      analyse_accessibility(paper.roads, paper.communes, paper.facilities, paper.coverage, p);
  const ServiceAccessibility& eaje = services.at(0);
  EXPECT_FALSE(eaje.has_capacity);
  EXPECT_TRUE(std::isnan(eaje.fca_per_100[0]));
  EXPECT_TRUE(std::isnan(eaje.by_commune[0].administrative_rate));
  EXPECT_EQ(eaje.equity.measure, "travel_time");  // no places: equity of times
  // Opportunities count facilities: within 2 min, B reaches 2.
  EXPECT_DOUBLE_EQ(eaje.opportunities.supply(1, 1), 2.0);
}

TEST(ServiceAccessibility, ZeroPlacesAreKnownPlacesNotUnknown) {
  PaperCase paper;
  paper.facilities[0].capacity = 0;  // X has no places (known), Y 20
  const auto services = analyse_accessibility(paper.roads, paper.communes, paper.facilities,
                                              paper.coverage, PaperCase::parameters());
  const ServiceAccessibility& eaje = services.at(0);
  EXPECT_TRUE(eaje.has_capacity);
  EXPECT_DOUBLE_EQ(eaje.places, 20.0);
  // 2SFCA: R_X = 0; R_Y = 20 / (20 + 50). A 0, B and C 2/7 per child.
  EXPECT_NEAR(eaje.fca_per_100[0], 0.0, 1e-9);
  EXPECT_NEAR(eaje.fca_per_100[1], 100.0 * 2.0 / 7.0, 1e-6);
  EXPECT_NEAR(eaje.by_commune[0].administrative_rate, 0.0, 1e-9);  // 0 places / 30
  EXPECT_NEAR(eaje.overall.administrative_rate, 20.0, 1e-9);       // 20 / 100
}

TEST(ServiceAccessibility, ScenarioTargetsOverrideTheDefaults) {
  PaperCase paper;
  AccessibilityParameters p = PaperCase::parameters();
  p.targets["EAJE"] = AgeBandSet::all();  // any case names the type
  const auto services =
      analyse_accessibility(paper.roads, paper.communes, paper.facilities, paper.coverage, p);
  EXPECT_EQ(services.at(0).target_population, (std::vector<double>{930, 920, 950}));
}

}  // namespace
}  // namespace couverture
