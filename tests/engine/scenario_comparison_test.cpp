#include "couverture/engine/scenario_comparison.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <random>

#include "couverture/engine/scenario_changes.hpp"
#include "couverture/geodata/data_error.hpp"

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The paper case of issue 4 (service_accessibility_test.cpp): a straight
// two-way road along lat 48.0, nodes at lon 6.00, 6.01, 6.02, 6.03, one
// minute per segment. Communes A, B, C side by side, one demand point in
// each middle: A at 6.0025, B at 6.015, C at 6.0275. Crèches X (10 places)
// on node 0 in A and Y (20 places) on node 3 in C. Children 0–2: A 30, B 20,
// C 50, and 900 adults in each.
RoadGraph straight_road() {
  RoadGraph roads;
  roads.profile = "car";
  roads.node_position = {{6.00, 48.0}, {6.01, 48.0}, {6.02, 48.0}, {6.03, 48.0}};
  roads.node_osm_id = {1, 2, 3, 4};
  const std::vector<ArcTriple> arcs = {{0, 1, 60000}, {1, 0, 60000}, {1, 2, 60000},
                                       {2, 1, 60000}, {2, 3, 60000}, {3, 2, 60000}};
  roads.graph = build_csr_graph(4, arcs);
  roads.arc_length_m.assign(6, 744.0f);
  roads.arc_class.assign(6, RoadClass::residential);
  roads.arc_way_id.assign(6, 10);
  return roads;
}

Commune box(const std::string& code, double children, double west, double east,
            double south = 47.995, double north = 48.005) {
  Commune commune;
  commune.code = code;
  commune.name = code;
  commune.population_by_band = {children, 0, 0, 0, 900};
  commune.population = children + 900;
  commune.bands_estimated = false;
  const std::string s = std::to_string(south);
  const std::string n = std::to_string(north);
  const std::string w = std::to_string(west);
  const std::string e = std::to_string(east);
  commune.boundary = geos_from_wkt("POLYGON((" + w + " " + s + "," + e + " " + s + "," + e + " " +
                                   n + "," + w + " " + n + "," + w + " " + s + "))");
  return commune;
}

// One run: its inputs and what the engine computed from them.
struct ScenarioRun {
  RoadGraph roads;
  std::vector<Commune> communes;
  std::vector<Facility> facilities;
  std::vector<double> thresholds = {1, 2};
  CoverageResult coverage;
  std::vector<ServiceAccessibility> accessibility;

  [[nodiscard]] RunIndicators indicators() const { return {coverage, accessibility, thresholds}; }
};

AccessibilityParameters paper_accessibility(const std::vector<double>& thresholds) {
  AccessibilityParameters p;
  p.thresholds_minutes = thresholds;
  p.catchment_minutes = 2;
  // Zones: up to 1 min weighted 1, up to 2 min weighted 0.5.
  p.e2sfca_decay = DistanceDecay{DecayKind::step, 2.0, {{1.0, 1.0}, {2.0, 0.5}}, 0.0};
  p.gravity_beta_per_minute = 0.5;
  p.tension_max_minutes = 1.0;
  p.tension_min_places_per_100 = 26.0;
  p.network.access_speed_kmh = 3.6;
  return p;
}

std::unique_ptr<ScenarioRun> paper_run(std::vector<Facility> facilities, double spacing_m = 5000,
                                       std::vector<double> thresholds = {1, 2},
                                       RoadGraph roads = straight_road()) {
  auto run = std::make_unique<ScenarioRun>();
  run->roads = std::move(roads);
  run->communes.push_back(box("A", 30, 5.995, 6.01));
  run->communes.push_back(box("B", 20, 6.01, 6.02));
  run->communes.push_back(box("C", 50, 6.02, 6.035));
  run->facilities = std::move(facilities);
  run->thresholds = std::move(thresholds);
  CoverageParameters p;
  p.thresholds_minutes = run->thresholds;
  p.demand_spacing_m = spacing_m;  // 5000: wider than any commune, one point in each middle
  p.network.access_speed_kmh = 3.6;
  run->coverage = analyse_coverage(run->roads, run->communes, run->facilities, p);
  // The age bands of each point, whatever the demand model did with them
  // (one point per commune at 5000 m).
  if (spacing_m >= 5000) {
    for (DemandPoint& point : run->coverage.demand) {
      point.by_band = run->communes[point.commune].population_by_band;
      point.population = run->communes[point.commune].population;
    }
  }
  run->accessibility = analyse_accessibility(run->roads, run->communes, run->facilities,
                                             run->coverage, paper_accessibility(run->thresholds));
  return run;
}

std::vector<Facility> x_and_y() {
  return {{"X", "Crèche X", "eaje", 10, {6.00, 48.0}}, {"Y", "Crèche Y", "eaje", 20, {6.03, 48.0}}};
}

TEST(ScenarioComparison, PaperCaseRemovingCrecheY) {
  const auto baseline = paper_run(x_and_y());
  const auto variant = paper_run({x_and_y()[0]});
  const ScenarioComparison diff = compare_runs(baseline->indicators(), variant->indicators());
  EXPECT_TRUE(diff.same_demand_points);
  EXPECT_TRUE(diff.same_thresholds);
  ASSERT_EQ(diff.services.size(), 1u);
  const ServiceComparison& eaje = diff.services[0];
  EXPECT_EQ(eaje.service_type, "eaje");
  EXPECT_TRUE(eaje.in_baseline && eaje.in_variant);
  ASSERT_EQ(eaje.by_commune.size(), 3u);

  // Minutes before (nearest of X, Y): A 0.25, B 1.5 (both at 1.5), C 0.25.
  // After (X only): A 0.25, B 1.5, C 0.75 + 2 = 2.75: B unchanged, C +2.5.
  ASSERT_EQ(eaje.point_minutes.size(), 3u);
  EXPECT_NEAR(eaje.point_minutes[0], 0.0, 5e-3);
  EXPECT_NEAR(eaje.point_minutes[1], 0.0, 5e-3);
  EXPECT_NEAR(eaje.point_minutes[2], 2.5, 5e-3);
  EXPECT_NEAR(eaje.by_commune[2].target_mean_minutes, 2.5, 5e-3);
  // Overall, children-weighted: (7.5 + 30 + 12.5) / 100 = 0.5 -> (7.5 + 30
  // + 137.5) / 100 = 1.75.
  EXPECT_NEAR(eaje.overall.target_mean_minutes, 1.25, 5e-3);
  // C's 50 children leave both thresholds (1 and 2 min).
  EXPECT_NEAR(eaje.by_commune[2].share_within[0], -1.0, 1e-12);
  EXPECT_NEAR(eaje.by_commune[2].share_within[1], -1.0, 1e-12);
  EXPECT_NEAR(eaje.by_commune[2].target_beyond[1], 50.0, 1e-9);
  EXPECT_NEAR(eaje.by_commune[1].target_beyond[0], 0.0, 1e-9);

  // 2SFCA (2-min catchment), per 100: before A 20, B 100 (0.2 + 2/7),
  // C 100 · 2/7. After, X reaches A and B (50 children): 10/50 = 0.2, so
  // A 20, B 20, C 0: B and C each lose 100 · 2/7 = 28.571.
  EXPECT_NEAR(eaje.by_commune[0].fca_rate, 0.0, 1e-6);
  EXPECT_NEAR(eaje.by_commune[1].fca_rate, -100.0 * 2.0 / 7.0, 1e-6);
  EXPECT_NEAR(eaje.by_commune[2].fca_rate, -100.0 * 2.0 / 7.0, 1e-6);
  // E2SFCA: before A 25, B 12.5 + 50/3, C 100/3; after X's weighted demand
  // stays 30 + 0.5·20 = 40 (R = 0.25): A 25, B 12.5, C 0.
  EXPECT_NEAR(eaje.by_commune[1].e2sfca_rate, -50.0 / 3.0, 1e-6);
  EXPECT_NEAR(eaje.by_commune[2].e2sfca_rate, -100.0 / 3.0, 1e-6);
  EXPECT_NEAR(eaje.point_e2sfca[2], -100.0 / 3.0, 1e-6);
  // CAF administrative rate of C: 20 places for 50 children = 40 -> 0;
  // overall 30 -> 10 places per 100 children.
  EXPECT_NEAR(eaje.by_commune[2].administrative_rate, -40.0, 1e-9);
  EXPECT_NEAR(eaje.by_commune[0].administrative_rate, 0.0, 1e-9);
  EXPECT_NEAR(eaje.overall.administrative_rate, -20.0, 1e-9);
  // Gravity (beta 0.5): C loses Y's 20 e^{-0.125}, B 20 e^{-0.75}.
  EXPECT_NEAR(eaje.point_gravity[2], -20.0 * std::exp(-0.125), 5e-3);
  EXPECT_NEAR(eaje.by_commune[1].gravity, -20.0 * std::exp(-0.75), 5e-3);
  // Tension (over 1 min, or under 26 places per 100): A and B before and
  // after; C joins them (2.75 min, 0 places).
  EXPECT_TRUE(eaje.by_commune[0].tension_before && eaje.by_commune[0].tension_after);
  EXPECT_FALSE(eaje.by_commune[2].tension_before);
  EXPECT_TRUE(eaje.by_commune[2].tension_after);

  // Equity of times. Gini before 0.4 (service_accessibility_test); after,
  // minutes 0.25 (30), 1.5 (20), 2.75 (50), mean 1.75:
  // 2 (30·20·1.25 + 30·50·2.5 + 20·50·1.25) / (2 · 100² · 1.75)
  // = 11500 / 35000 = 0.328571. Everyone is worse off or equal, yet more
  // equal.
  EXPECT_EQ(eaje.equity_measure_before, "travel_time");
  EXPECT_NEAR(eaje.gini.before, 0.4, 5e-4);
  EXPECT_NEAR(eaje.gini.after, 11500.0 / 35000.0, 5e-4);
  EXPECT_NEAR(eaje.gini.change, 11500.0 / 35000.0 - 0.4, 1e-3);
  EXPECT_NEAR(eaje.equity_mean.change, 1.25, 5e-3);
  // Children beyond 1 min: B's 20 (0.2) -> B and C's 70; beyond 2: 0 -> 0.5.
  ASSERT_EQ(eaje.share_beyond.size(), 2u);
  EXPECT_NEAR(eaje.share_beyond[0].before, 0.2, 1e-12);
  EXPECT_NEAR(eaje.share_beyond[0].after, 0.7, 1e-12);
  EXPECT_NEAR(eaje.share_beyond[1].change, 0.5, 1e-12);
  // C's 50 children lose 2.5 min; nobody gains.
  EXPECT_DOUBLE_EQ(eaje.target_gaining, 0.0);
  EXPECT_DOUBLE_EQ(eaje.target_losing, 50.0);
  EXPECT_EQ(eaje.target_newly_within, (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(eaje.target_no_longer_within, (std::vector<double>{50.0, 50.0}));
}

void expect_zero(const CommuneServiceDifference& d) {
  EXPECT_EQ(d.target_mean_minutes, 0.0);
  EXPECT_EQ(d.target_unreachable, 0.0);
  for (double v : d.share_within) EXPECT_EQ(v, 0.0);
  for (double v : d.target_beyond) EXPECT_EQ(v, 0.0);
  EXPECT_EQ(d.administrative_rate, 0.0);
  EXPECT_EQ(d.fca_rate, 0.0);
  EXPECT_EQ(d.e2sfca_rate, 0.0);
  EXPECT_EQ(d.gravity, 0.0);
  EXPECT_EQ(d.tension_before, d.tension_after);
}

TEST(ScenarioComparison, RunComparedWithItselfChangesNothing) {
  const auto run = paper_run(x_and_y());
  const ScenarioComparison diff = compare_runs(run->indicators(), run->indicators());
  ASSERT_EQ(diff.services.size(), 1u);
  const ServiceComparison& eaje = diff.services[0];
  for (const CommuneServiceDifference& d : eaje.by_commune) expect_zero(d);
  expect_zero(eaje.overall);
  EXPECT_EQ(eaje.by_commune[0].share_within.size(), 2u);
  ASSERT_EQ(eaje.point_minutes.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(eaje.point_minutes[i], 0.0);
    EXPECT_EQ(eaje.point_e2sfca[i], 0.0);
    EXPECT_EQ(eaje.point_gravity[i], 0.0);
  }
  for (const IndexChange& c :
       {eaje.equity_mean, eaje.gini, eaje.theil_total, eaje.theil_between, eaje.theil_within,
        eaje.atkinson_0_5, eaje.atkinson_1, eaje.atkinson_2, eaje.best_to_worst_fifth}) {
    EXPECT_EQ(c.change, 0.0);
    EXPECT_EQ(c.before, c.after);
  }
  for (const IndexChange& c : eaje.share_beyond) EXPECT_EQ(c.change, 0.0);
  EXPECT_EQ(eaje.target_gaining, 0.0);
  EXPECT_EQ(eaje.target_losing, 0.0);
  EXPECT_EQ(eaje.target_newly_within, (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(eaje.target_no_longer_within, (std::vector<double>{0.0, 0.0}));

  // Without places the rates are NaN on both sides: their change too.
  std::vector<Facility> unknown = x_and_y();
  unknown[1].capacity_known = false;
  const auto timed = paper_run(unknown);
  const ScenarioComparison same = compare_runs(timed->indicators(), timed->indicators());
  EXPECT_TRUE(std::isnan(same.services[0].by_commune[0].fca_rate));
  EXPECT_TRUE(std::isnan(same.services[0].point_e2sfca[0]));
  EXPECT_EQ(same.services[0].by_commune[0].target_mean_minutes, 0.0);
}

TEST(ScenarioComparison, ServiceOnOneSideIsComparedWithNoFacility) {
  // The variant adds a toy library (a type without default target: all
  // ages, A 930, B 920, C 950) with 5 places on node 0.
  std::vector<Facility> with_library = x_and_y();
  with_library.push_back({"L", "Ludothèque", "ludotheque", 5, {6.00, 48.0}});
  const auto baseline = paper_run(x_and_y());
  const auto variant = paper_run(with_library);
  const ScenarioComparison diff = compare_runs(baseline->indicators(), variant->indicators());
  ASSERT_EQ(diff.services.size(), 2u);
  EXPECT_EQ(diff.services[0].service_type, "eaje");
  for (const CommuneServiceDifference& d : diff.services[0].by_commune) expect_zero(d);
  const ServiceComparison& library = diff.services[1];
  EXPECT_EQ(library.service_type, "ludotheque");
  EXPECT_FALSE(library.in_baseline);
  EXPECT_TRUE(library.in_variant);
  // Unreachable (no facility) -> reachable: −inf at every point.
  for (double change : library.point_minutes) EXPECT_EQ(change, -kInf);
  // A: 930 people unreachable -> 0; within 1 min (0.25) now.
  EXPECT_NEAR(library.by_commune[0].target_unreachable, -930.0, 1e-9);
  EXPECT_NEAR(library.by_commune[0].target_beyond[0], -930.0, 1e-9);
  EXPECT_NEAR(library.by_commune[1].target_beyond[0], 0.0, 1e-9);      // B at 1.5 min
  EXPECT_NEAR(library.by_commune[1].share_within[1], 1.0, 1e-12);      // within 2
  EXPECT_NEAR(library.by_commune[2].share_within[1], 0.0, 1e-12);      // C at 2.75
  EXPECT_TRUE(std::isnan(library.by_commune[0].target_mean_minutes));  // no time before
  // 5 places in A for 930 people: 0 -> 0.5376 per 100.
  EXPECT_NEAR(library.by_commune[0].administrative_rate, 500.0 / 930.0, 1e-9);
  EXPECT_NEAR(library.by_commune[2].gravity, 5.0 * std::exp(-1.375), 5e-3);
  EXPECT_TRUE(library.by_commune[2].tension_before);
  EXPECT_TRUE(std::isnan(library.gini.change));
  EXPECT_DOUBLE_EQ(library.target_gaining, 2800.0);
  EXPECT_DOUBLE_EQ(library.target_newly_within[0], 930.0);
  EXPECT_DOUBLE_EQ(library.target_newly_within[1], 1850.0);

  // The other way round: everyone loses it.
  const ScenarioComparison back = compare_runs(variant->indicators(), baseline->indicators());
  EXPECT_TRUE(back.services[1].in_baseline);
  EXPECT_FALSE(back.services[1].in_variant);
  for (double change : back.services[1].point_minutes) EXPECT_EQ(change, kInf);
  EXPECT_DOUBLE_EQ(back.services[1].target_losing, 2800.0);
  EXPECT_NEAR(back.services[1].share_beyond[1].after, 1.0, 1e-12);
}

TEST(ScenarioComparison, UnreachableOnBothSidesIsNoChange) {
  // The road stops at node 2 (lon 6.02); C's point (6.0275) joins an island
  // 6.025 - 6.03, which no crèche can reach.
  RoadGraph roads;
  roads.profile = "car";
  roads.node_position = {{6.00, 48.0}, {6.01, 48.0}, {6.02, 48.0}, {6.025, 48.0}, {6.03, 48.0}};
  roads.graph = build_csr_graph(5, std::vector<ArcTriple>{{0, 1, 60000},
                                                          {1, 0, 60000},
                                                          {1, 2, 60000},
                                                          {2, 1, 60000},
                                                          {3, 4, 30000},
                                                          {4, 3, 30000}});
  const auto run = paper_run({x_and_y()[0]}, 5000, {1, 2}, roads);
  ASSERT_TRUE(std::isinf(run->coverage.services.at(0).demand_minutes.at(2)));
  const ScenarioComparison diff = compare_runs(run->indicators(), run->indicators());
  const ServiceComparison& eaje = diff.services.at(0);
  EXPECT_EQ(eaje.point_minutes[2], 0.0);
  EXPECT_EQ(eaje.by_commune[2].target_unreachable, 0.0);
  EXPECT_TRUE(std::isnan(eaje.by_commune[2].target_mean_minutes));  // no time on either side
  EXPECT_EQ(eaje.target_losing, 0.0);
}

TEST(ScenarioComparison, SlowerRoadFromApplyRoadChanges) {
  // Segments as ways 10 (0-1), 11 (1-2), 12 (2-3). Way 11, 744 m, at
  // 14.88 km/h (4.1333 m/s): 180 s instead of 60. B's point, halfway along
  // it, is then 90 + 60 s from X or Y (2.5 min) instead of 1.5: +1 min, its
  // 20 children lose and leave the 2-minute band.
  RoadGraph roads = straight_road();
  for (ArcId a = 0; a < roads.arc_count(); ++a) {
    NodeId tail = 0;
    while (roads.graph.arcs_end(tail) <= a) ++tail;
    roads.arc_way_id[a] = 10 + std::min(tail, roads.graph.head[a]);
  }
  ScenarioChanges changes;
  changes.way_speeds = {{11, 14.88}};
  std::vector<std::string> warnings;
  RoadGraph slower = apply_road_changes(roads, changes, warnings);
  const auto baseline = paper_run(x_and_y(), 5000, {1, 2}, roads);
  const auto variant = paper_run(x_and_y(), 5000, {1, 2}, std::move(slower));
  const ScenarioComparison diff = compare_runs(baseline->indicators(), variant->indicators());
  const ServiceComparison& eaje = diff.services.at(0);
  EXPECT_NEAR(eaje.point_minutes[0], 0.0, 5e-3);
  EXPECT_NEAR(eaje.point_minutes[1], 1.0, 5e-3);
  EXPECT_NEAR(eaje.point_minutes[2], 0.0, 5e-3);
  EXPECT_DOUBLE_EQ(eaje.target_losing, 20.0);
  EXPECT_EQ(eaje.target_no_longer_within, (std::vector<double>{0.0, 20.0}));
  EXPECT_NEAR(eaje.by_commune[1].share_within[1], -1.0, 1e-12);
  EXPECT_TRUE(warnings.empty());
}

TEST(ScenarioComparison, OtherDemandPointsOrThresholdsGiveCommuneDifferencesOnly) {
  const auto baseline = paper_run(x_and_y());
  // 500 m spacing: several points per commune.
  const auto denser = paper_run(x_and_y(), 500);
  ASSERT_GT(denser->coverage.demand.size(), 3u);
  const ScenarioComparison diff = compare_runs(baseline->indicators(), denser->indicators());
  EXPECT_FALSE(diff.same_demand_points);
  const ServiceComparison& eaje = diff.services.at(0);
  EXPECT_TRUE(eaje.point_minutes.empty());
  EXPECT_TRUE(eaje.point_gravity.empty());
  EXPECT_TRUE(std::isnan(eaje.target_gaining));
  EXPECT_TRUE(eaje.target_newly_within.empty());
  ASSERT_EQ(eaje.by_commune.size(), 3u);
  EXPECT_EQ(eaje.by_commune[0].share_within.size(), 2u);

  const auto other_thresholds = paper_run(x_and_y(), 5000, {1, 3});
  const ScenarioComparison thresholds =
      compare_runs(baseline->indicators(), other_thresholds->indicators());
  EXPECT_TRUE(thresholds.same_demand_points);
  EXPECT_FALSE(thresholds.same_thresholds);
  EXPECT_TRUE(thresholds.thresholds_minutes.empty());
  EXPECT_TRUE(thresholds.services[0].by_commune[0].share_within.empty());
  EXPECT_TRUE(thresholds.services[0].share_beyond.empty());
  EXPECT_EQ(thresholds.services[0].point_minutes.size(), 3u);
}

TEST(ScenarioComparison, RunsOfDifferentTerritoriesAreRefused) {
  const auto baseline = paper_run(x_and_y());
  const auto other = paper_run(x_and_y());
  other->coverage.demand_source_by_commune.pop_back();
  for (ServiceAccessibility& s : other->accessibility) s.by_commune.pop_back();
  EXPECT_THROW((void)compare_runs(baseline->indicators(), other->indicators()), DataError);
  // Accessibility of another coverage: a programming error.
  const auto mismatched = paper_run(x_and_y());
  mismatched->accessibility.clear();
  EXPECT_THROW((void)compare_runs(baseline->indicators(), mismatched->indicators()),
               std::invalid_argument);
}

// A grid of streets 6 × 6 nodes, 0.004° of longitude (≈ 298 m) by 0.003° of
// latitude (≈ 334 m), two-way at 30 km/h, split between two communes.
RoadGraph grid_roads() {
  constexpr std::size_t side = 6;
  RoadGraph roads;
  roads.profile = "car";
  for (std::size_t r = 0; r < side; ++r) {
    for (std::size_t c = 0; c < side; ++c) {
      roads.node_position.push_back(
          {6.0 + 0.004 * static_cast<double>(c), 48.0 + 0.003 * static_cast<double>(r)});
      roads.node_osm_id.push_back(static_cast<std::int64_t>(r * side + c + 1));
    }
  }
  std::vector<ArcTriple> triples;
  std::vector<float> lengths;
  for (NodeId u = 0; u < side * side; ++u) {
    for (const NodeId v : {u + 1, static_cast<NodeId>(u + side)}) {
      if ((v == u + 1 && (u + 1) % side == 0) || v >= side * side) continue;
      const double metres = geodesic_distance_m(roads.node_position[u], roads.node_position[v]);
      const auto ms = static_cast<Millis>(std::round(metres / (30.0 / 3.6) * 1000.0));
      triples.push_back({u, v, ms});
      triples.push_back({v, u, ms});
      lengths.push_back(static_cast<float>(metres));
      lengths.push_back(static_cast<float>(metres));
    }
  }
  std::vector<ArcId> order;
  roads.graph = build_csr_graph(side * side, triples, &order);
  for (const ArcId k : order) roads.arc_length_m.push_back(lengths[k]);
  roads.arc_class.assign(triples.size(), RoadClass::residential);
  for (std::size_t a = 0; a < triples.size(); ++a) roads.arc_way_id.push_back(100 + a / 2);
  return roads;
}

TEST(ScenarioComparison, AddingFacilitiesNeverLengthensAnyTripNorLowersAnyScore) {
  const RoadGraph roads = grid_roads();
  std::vector<Commune> communes;
  communes.push_back(box("W", 40, 5.998, 6.01, 47.998, 48.017));
  communes.push_back(box("E", 60, 6.01, 6.022, 47.998, 48.017));
  CoverageParameters coverage_parameters;
  coverage_parameters.thresholds_minutes = {1, 2};
  coverage_parameters.demand_spacing_m = 400;
  AccessibilityParameters access_parameters = paper_accessibility({1, 2});
  access_parameters.network.access_speed_kmh = coverage_parameters.network.access_speed_kmh;

  std::mt19937 random(5);
  std::uniform_real_distribution<double> lon(6.0, 6.02);
  std::uniform_real_distribution<double> lat(48.0, 48.015);
  std::uniform_int_distribution<int> places(1, 30);
  const auto random_facility = [&](const std::string& id, const char* type) {
    return Facility{id, id, type, static_cast<double>(places(random)), {lon(random), lat(random)}};
  };
  std::size_t faster_points = 0;
  for (int trial = 0; trial < 8; ++trial) {
    std::vector<Facility> before = {random_facility("b0", "eaje"), random_facility("b1", "alsh")};
    if (trial % 2 == 0) before.push_back(random_facility("b2", "eaje"));
    std::vector<Facility> after = before;
    const int additions = 1 + trial % 3;
    for (int k = 0; k < additions; ++k) {
      after.push_back(random_facility("a" + std::to_string(k), k % 2 == 0 ? "eaje" : "alsh"));
    }
    const CoverageResult base = analyse_coverage(roads, communes, before, coverage_parameters);
    const CoverageResult more = analyse_coverage(roads, communes, after, coverage_parameters);
    const auto base_access =
        analyse_accessibility(roads, communes, before, base, access_parameters);
    const auto more_access = analyse_accessibility(roads, communes, after, more, access_parameters);
    const std::vector<double> thresholds = {1, 2};
    const ScenarioComparison diff =
        compare_runs({base, base_access, thresholds}, {more, more_access, thresholds});
    ASSERT_TRUE(diff.same_demand_points);
    ASSERT_EQ(diff.services.size(), 2u);
    for (const ServiceComparison& service : diff.services) {
      ASSERT_EQ(service.point_minutes.size(), base.demand.size());
      for (std::size_t i = 0; i < service.point_minutes.size(); ++i) {
        EXPECT_LE(service.point_minutes[i], 1e-9) << service.service_type << " point " << i;
        if (service.point_minutes[i] < -1e-3) ++faster_points;
        // Every facility's ratio depends on its own catchment only, so a new
        // one adds to every score it reaches and takes from none.
        EXPECT_GE(service.point_e2sfca[i], -1e-9) << service.service_type << " point " << i;
        EXPECT_GE(service.point_gravity[i], -1e-9) << service.service_type << " point " << i;
      }
      EXPECT_DOUBLE_EQ(service.target_losing, 0.0);
      for (double lost : service.target_no_longer_within) EXPECT_DOUBLE_EQ(lost, 0.0);
    }
  }
  EXPECT_GT(faster_points, 10u);  // the additions did bring some points closer
}

}  // namespace
}  // namespace couverture
