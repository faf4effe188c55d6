#include "couverture/engine/service_accessibility.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "couverture/engine/travel_time_matrix.hpp"
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
  // B is too slow (the wording is the pipeline's: "temps moyen 1.5 min > 1 min").
  const TensionCauses& b = eaje.by_commune[1].tension;
  EXPECT_TRUE(b.too_slow);
  EXPECT_NEAR(b.mean_minutes, 1.5, 5e-3);  // written "1.5" (3 significant digits)
  EXPECT_DOUBLE_EQ(b.max_minutes, 1.0);
  EXPECT_DOUBLE_EQ(b.unreachable_population, 0.0);
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

TEST(ServiceAccessibility, SearchReachesTheFarthestMeasureOnly) {
  AccessibilityParameters p;  // thresholds 5-20, catchments 15, beta 0.1: gravity to 30 min
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, true), 30.0);
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, false), 30.0);
  p.tension_max_minutes = 90.0;  // read from the nearest facility's time, not these searches
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, true), 30.0);
  p.gravity_beta_per_minute = 0.0;  // gravity counts up to the largest threshold
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, false), 20.0);
  p.catchment_minutes = 25.0;  // the 2SFCA catchment only with places
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, false), 20.0);
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, true), 25.0);
  p.e2sfca_decay = DistanceDecay::gaussian(40.0);
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, true), 40.0);
  p.gravity_beta_per_minute = 0.05;  // 3 / 0.05 = 60 min
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, false), 60.0);
  p.thresholds_minutes.clear();  // no thresholds: the 2SFCA catchment stands in
  p.gravity_beta_per_minute = 0.0;
  EXPECT_DOUBLE_EQ(accessibility_search_minutes(p, false), 25.0);
}

// A 30 x 30 grid of streets 0.002° apart with random one-way times (10-40 s),
// about 25 minutes across: most pairs lie beyond the measures' reach.
RoadGraph random_grid() {
  std::mt19937_64 random(2026);
  std::uniform_int_distribution<Millis> weight(10000, 40000);
  RoadGraph roads;
  roads.profile = "car";
  constexpr NodeId side = 30;
  for (NodeId r = 0; r < side; ++r) {
    for (NodeId c = 0; c < side; ++c)
      roads.node_position.push_back({6.0 + 0.002 * c, 48.0 + 0.002 * r});
  }
  std::vector<ArcTriple> arcs;
  for (NodeId r = 0; r < side; ++r) {
    for (NodeId c = 0; c < side; ++c) {
      const NodeId u = r * side + c;
      for (const NodeId v : {c + 1 < side ? u + 1 : u, r + 1 < side ? u + side : u}) {
        if (v == u) continue;
        arcs.push_back({u, v, weight(random)});
        arcs.push_back({v, u, weight(random)});
      }
    }
  }
  roads.graph = build_csr_graph(roads.node_position.size(), arcs);
  roads.node_osm_id.resize(roads.node_position.size());
  roads.arc_length_m.assign(arcs.size(), 150.0f);
  roads.arc_class.assign(arcs.size(), RoadClass::residential);
  roads.arc_way_id.assign(arcs.size(), 1);
  return roads;
}

TEST(ServiceAccessibility, BoundedSearchesGiveWhatUnboundedTimesGive) {
  const RoadGraph roads = random_grid();
  std::vector<Commune> communes;
  communes.push_back(paper::box("G", 500, 5.999, 6.059));
  communes[0].boundary =
      geos_from_wkt("POLYGON((5.999 47.999,6.059 47.999,6.059 48.059,5.999 48.059,5.999 47.999))");
  std::vector<Facility> facilities;
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> along(0.0, 0.058);
  for (int f = 0; f < 8; ++f) {
    facilities.push_back({"F" + std::to_string(f),
                          "Crèche",
                          "eaje",
                          5.0 + 3.0 * f,
                          {6.0 + along(random), 48.0 + along(random)}});
  }
  CoverageParameters cp;
  cp.demand_spacing_m = 350;
  cp.network.access_speed_kmh = 4.5;
  const CoverageResult coverage = analyse_coverage(roads, communes, facilities, cp);
  const std::size_t n = coverage.demand.size();
  ASSERT_GT(n, 100u);

  AccessibilityParameters p;
  p.thresholds_minutes = {3, 6};
  p.catchment_minutes = 4;
  p.e2sfca_decay = DistanceDecay::gaussian(5.0);
  p.gravity_beta_per_minute = 0.5;  // cut at 6 min
  p.tension_max_minutes = 90;       // the old bound: every search a full tree
  p.network.access_speed_kmh = 4.5;
  const auto services = analyse_accessibility(roads, communes, facilities, coverage, p);
  const ServiceAccessibility& eaje = services.at(0);
  ASSERT_TRUE(eaje.has_capacity);

  // The reference: every pair's time (no cutoff), and each measure's formula.
  TravelTimeMatrixBuilder builder(roads, 4.5 / 3.6);
  std::vector<NetworkPosition> positions;
  std::vector<double> places;
  for (std::uint32_t f : coverage.services.at(0).facilities) {
    positions.push_back(coverage.facility_positions[f]);
    places.push_back(facilities[f].capacity);
  }
  const TravelTimeMatrix all = builder.compute(positions, coverage.demand_positions);
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> t(positions.size(), std::vector<double>(n, inf));
  std::size_t beyond = 0;
  for (std::size_t f = 0; f < positions.size(); ++f) {
    for (std::size_t e = all.row_begin[f]; e < all.row_begin[f + 1]; ++e) {
      t[f][all.origin[e]] = all.seconds[e] / 60.0;
      beyond += all.seconds[e] / 60.0 > 6.0 ? 1 : 0;
    }
  }
  ASSERT_GT(beyond, positions.size() * n / 2);  // the bound matters
  const auto gauss = [](double minutes) {
    if (minutes > 5.0) return 0.0;
    const double floor = std::exp(-0.5);
    return std::max(0.0, (std::exp(-minutes * minutes / 50.0) - floor) / (1.0 - floor));
  };
  std::vector<double> fca(n, 0.0);
  std::vector<double> e2(n, 0.0);
  for (std::size_t f = 0; f < positions.size(); ++f) {
    double plain_demand = 0.0;
    double gauss_demand = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      plain_demand += t[f][i] <= 4.0 ? eaje.target_population[i] : 0.0;
      gauss_demand += gauss(t[f][i]) * eaje.target_population[i];
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (plain_demand > 0.0 && t[f][i] <= 4.0) fca[i] += places[f] / plain_demand;
      if (gauss_demand > 0.0) e2[i] += gauss(t[f][i]) * places[f] / gauss_demand;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    double gravity = 0.0;
    std::uint32_t within3 = 0;
    double places6 = 0.0;
    for (std::size_t f = 0; f < positions.size(); ++f) {
      if (t[f][i] <= 6.0) gravity += places[f] * std::exp(-0.5 * t[f][i]);
      within3 += t[f][i] <= 3.0 ? 1 : 0;
      places6 += t[f][i] <= 6.0 ? places[f] : 0.0;
    }
    EXPECT_NEAR(eaje.gravity[i], gravity, 1e-9 * (1.0 + gravity)) << i;
    EXPECT_EQ(eaje.opportunities.sites(0, i), within3) << i;
    EXPECT_DOUBLE_EQ(eaje.opportunities.supply(1, i), places6) << i;
    EXPECT_NEAR(eaje.fca_per_100[i], 100.0 * fca[i], 1e-9 * (1.0 + fca[i])) << i;
    EXPECT_NEAR(eaje.e2sfca_per_100[i], 100.0 * e2[i], 1e-9 * (1.0 + e2[i])) << i;
  }
}

}  // namespace
}  // namespace couverture
