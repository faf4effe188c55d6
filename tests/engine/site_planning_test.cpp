#include "couverture/engine/site_planning.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <random>

#include "couverture/algorithms/floating_catchment.hpp"
#include "couverture/geodata/data_error.hpp"

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::size_t at(SitePlanObjective o) { return static_cast<std::size_t>(o); }

Commune box(const std::string& code, const std::string& name, double children, double west,
            double east, double south = 47.995, double north = 48.005) {
  Commune commune;
  commune.code = code;
  commune.name = name;
  commune.population_by_band = {children, 0, 0, 0, 900};
  commune.population = children + 900;
  commune.bands_estimated = false;
  const std::string w = std::to_string(west), e = std::to_string(east);
  const std::string s = std::to_string(south), n = std::to_string(north);
  commune.boundary = geos_from_wkt("POLYGON((" + w + " " + s + "," + e + " " + s + "," + e + " " +
                                   n + "," + w + " " + n + "," + w + " " + s + "))");
  return commune;
}

// ---------------------------------------------------------------------------
// The straight road of the accessibility tests: nodes at lon 6.00 .. 6.03 on
// lat 48.0, one minute per segment each way. Communes A, B, C side by side
// (C is "Éloyes"), one demand point in each middle (6.0025, 6.015, 6.0275),
// children A 30, B 20, C 50. One crèche X (10 places) on node 0.
// Candidates P at 6.005, Q at 6.015, R at 6.025 (middles of the segments).
//
// Minutes (along the road; same-segment pairs straight):
//        X     P     Q     R
//   A  0.25  0.25  1.25  2.25
//   B  1.5   1.0   0     1.0
//   C  2.75  2.25  1.25  0.25
struct StraightRoad {
  RoadGraph roads;
  std::vector<Commune> communes;
  std::vector<Facility> facilities = {{"X", "Crèche X", "eaje", 10, {6.00, 48.0}}};
  CoverageResult coverage;
  std::vector<ServiceAccessibility> accessibility;
  std::vector<SiteCandidate> candidates = {{"P", "Site P", {6.005, 48.0}, 0},
                                           {"Q", "Site Q", {6.015, 48.0}, 1},
                                           {"R", "Site R", {6.025, 48.0}, 2}};

  StraightRoad() {
    roads.profile = "car";
    roads.source_description = "hand-built";
    roads.node_position = {{6.00, 48.0}, {6.01, 48.0}, {6.02, 48.0}, {6.03, 48.0}};
    roads.node_osm_id = {1, 2, 3, 4};
    const std::vector<ArcTriple> arcs = {{0, 1, 60000}, {1, 0, 60000}, {1, 2, 60000},
                                         {2, 1, 60000}, {2, 3, 60000}, {3, 2, 60000}};
    roads.graph = build_csr_graph(4, arcs);
    roads.arc_length_m.assign(6, 744.0f);
    roads.arc_class.assign(6, RoadClass::residential);
    roads.arc_way_id.assign(6, 10);
    communes.push_back(box("A", "A", 30, 5.995, 6.01));
    communes.push_back(box("B", "B", 20, 6.01, 6.02));
    communes.push_back(box("88160", "Éloyes", 50, 6.02, 6.035));
    CoverageParameters p;
    p.thresholds_minutes = {1, 2};
    p.demand_spacing_m = 5000;  // one point in each middle
    p.network.access_speed_kmh = 3.6;
    coverage = analyse_coverage(roads, communes, facilities, p);
    for (DemandPoint& point : coverage.demand) {
      point.by_band = communes[point.commune].population_by_band;
      point.population = communes[point.commune].population;
    }
    AccessibilityParameters a;
    a.thresholds_minutes = {1, 2};
    a.network.access_speed_kmh = 3.6;
    accessibility = analyse_accessibility(roads, communes, facilities, coverage, a);
  }

  SitePlanParameters parameters(SitePlanObjective objective, std::size_t k) const {
    SitePlanParameters p;
    p.service_type = "EAJE";  // spelt otherwise than the facilities
    p.objective = objective;
    p.sites = k;
    p.coverage_minutes = 0.5;
    p.network.access_speed_kmh = 3.6;
    p.solver = SiteSolver::exact;
    return p;
  }

  SitePlan plan(SitePlanObjective objective, std::size_t k) const {
    return plan_sites(roads, communes, coverage, accessibility, candidates,
                      parameters(objective, k));
  }
};

TEST(SitePlanning, StraightRoadMaxCoveringHandWorked) {
  const StraightRoad road;
  ASSERT_EQ(road.coverage.demand.size(), 3u);
  // T = 0.5 min: X covers A (30). P adds nothing (B at 1.0), Q adds B (20),
  // R adds C (50): k = 1 takes R, 80 covered; k = 2 takes Q and R, 100.
  const SitePlan one = road.plan(SitePlanObjective::max_covering, 1);
  EXPECT_EQ(one.service_type, "eaje");
  EXPECT_EQ(one.chosen, (std::vector<std::uint32_t>{2}));
  EXPECT_NEAR(one.chosen_objective, 80.0, 1e-9);
  EXPECT_NEAR(one.baseline[at(SitePlanObjective::max_covering)], 30.0, 1e-9);
  ASSERT_TRUE(one.exact.has_value());
  ASSERT_TRUE(one.greedy.has_value());
  EXPECT_EQ(one.exact->status, SitingStatus::optimal);
  EXPECT_NEAR(one.exact->objective, 80.0, 1e-6);
  EXPECT_NEAR(one.greedy_gap, 0.0, 1e-9);
  const SitePlan two = road.plan(SitePlanObjective::max_covering, 2);
  EXPECT_EQ(two.chosen, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_NEAR(two.chosen_objective, 100.0, 1e-9);
  // Gains alone: P 0, Q 20, R 50; ranks R 1, Q 2, P 3.
  const auto& gain = one.gain[at(SitePlanObjective::max_covering)];
  EXPECT_NEAR(gain[0], 0.0, 1e-9);
  EXPECT_NEAR(gain[1], 20.0, 1e-9);
  EXPECT_NEAR(gain[2], 50.0, 1e-9);
  EXPECT_EQ(one.rank[at(SitePlanObjective::max_covering)], (std::vector<std::uint32_t>{3, 2, 1}));
}

TEST(SitePlanning, ADemandFactorWeightsAPriorityGroup) {
  const StraightRoad road;
  // B's 20 children all in a group weighing 3 ([siting] weight): B counts
  // 60. Covering gains alone: P 0, Q 60, R 50; k = 1 now takes Q, 30 + 60.
  SitePlanParameters p = road.parameters(SitePlanObjective::max_covering, 1);
  p.demand_factor = {1.0, 3.0, 1.0};
  const SitePlan plan =
      plan_sites(road.roads, road.communes, road.coverage, road.accessibility, road.candidates, p);
  EXPECT_EQ(plan.chosen, (std::vector<std::uint32_t>{1}));
  EXPECT_NEAR(plan.chosen_objective, 90.0, 1e-9);
  EXPECT_NEAR(plan.gain[at(SitePlanObjective::max_covering)][1], 60.0, 1e-9);
  EXPECT_NEAR(plan.baseline[at(SitePlanObjective::max_covering)], 30.0, 1e-9);
  p.demand_factor = {1.0, 3.0};
  EXPECT_THROW(
      plan_sites(road.roads, road.communes, road.coverage, road.accessibility, road.candidates, p),
      std::invalid_argument);
}

TEST(SitePlanning, CapacityShortfallCountsTheGlobalSupplyWhenTensionFollowsIt) {
  StraightRoad road;
  // 8 places with assistants maternels in A and 4 in C, tension on the
  // global rate: the baseline shortfall Σ D_i max(0, L − global score_i).
  AccessibilityParameters a;
  a.thresholds_minutes = {1, 2};
  a.network.access_speed_kmh = 3.6;
  ChildcareSupply supply;
  supply.by_commune = {{8, 0, 0}, {0, 0, 0}, {0, 0, 4}};
  supply.tension_on_global = true;
  a.supply = supply;
  road.accessibility =
      analyse_accessibility(road.roads, road.communes, road.facilities, road.coverage, a);
  ASSERT_TRUE(road.accessibility[0].global.has_value());
  SitePlanParameters p = road.parameters(SitePlanObjective::capacity, 1);
  p.tension_min_places_per_100 = 40.0;
  const SitePlan plan =
      plan_sites(road.roads, road.communes, road.coverage, road.accessibility, road.candidates, p);
  const std::vector<double> children = {30, 20, 50};
  double global_shortfall = 0.0, eaje_shortfall = 0.0;
  for (std::size_t i = 0; i < 3; ++i) {
    global_shortfall +=
        children[i] * std::max(0.0, 40.0 - road.accessibility[0].global->e2sfca_per_100[i]);
    eaje_shortfall += children[i] * std::max(0.0, 40.0 - road.accessibility[0].e2sfca_per_100[i]);
  }
  EXPECT_NEAR(plan.baseline[at(SitePlanObjective::capacity)], global_shortfall, 1e-6);
  EXPECT_LT(global_shortfall, eaje_shortfall - 100.0);
}

TEST(SitePlanning, EqualGainsShareTheirRank) {
  StraightRoad road;
  // A fourth candidate where R stands: the same gains as R for every
  // objective. Covering gains P 0, Q 20, R 50, R' 50 -> ranks 4, 3, 1, 1.
  road.candidates.push_back({"R2", "Site R bis", {6.025, 48.0}, 2});
  const SitePlan plan = road.plan(SitePlanObjective::max_covering, 1);
  EXPECT_EQ(plan.rank[at(SitePlanObjective::max_covering)],
            (std::vector<std::uint32_t>{4, 3, 1, 1}));
  EXPECT_EQ(plan.rank[at(SitePlanObjective::p_median)], (std::vector<std::uint32_t>{4, 3, 1, 1}));
}

TEST(SitePlanning, StraightRoadPMedianAndGiniHandWorked) {
  const StraightRoad road;
  // Children-weighted minutes, X alone: 30·0.25 + 20·1.5 + 50·2.75 = 175.
  // With P: 7.5 + 20·1.0 + 50·2.25 = 140 (gain 35); Q: 7.5 + 0 + 62.5 = 70
  // (gain 105); R: 7.5 + 20 + 12.5 = 40 (gain 135). k = 1 takes R.
  // The demand points sit within a fraction of a second of their box's
  // middle (grid cell centres), hence the tolerances: 100 children times
  // 0.03 s; a wrong formula is off by far more.
  const SitePlan plan = road.plan(SitePlanObjective::p_median, 1);
  EXPECT_EQ(plan.chosen, (std::vector<std::uint32_t>{2}));
  EXPECT_NEAR(plan.chosen_objective, 40.0, 0.05);
  EXPECT_NEAR(plan.exact->objective, 40.0, 0.05);
  const auto& minutes = plan.gain[at(SitePlanObjective::p_median)];
  EXPECT_NEAR(plan.baseline[at(SitePlanObjective::p_median)], 175.0, 0.05);
  EXPECT_NEAR(minutes[0], 35.0, 0.05);
  EXPECT_NEAR(minutes[1], 105.0, 0.05);
  EXPECT_NEAR(minutes[2], 135.0, 0.05);
  EXPECT_EQ(plan.rank[at(SitePlanObjective::p_median)], (std::vector<std::uint32_t>{3, 2, 1}));
  // k = 2: {P,Q} A 0.25, B 0, C 1.25 -> 70;
  // {P,R} 7.5 + 20 + 12.5 = 40; {Q,R} 7.5 + 0 + 12.5 = 20: Q and R.
  EXPECT_EQ(road.plan(SitePlanObjective::p_median, 2).chosen, (std::vector<std::uint32_t>{1, 2}));

  // Gini = sum_ij w_i w_j |x_i - x_j| / (2 W² mean), over ordered pairs.
  // X alone: 0.25 (30), 1.5 (20), 2.75 (50), mean 1.75; pairs 30·20·1.25 +
  // 30·50·2.5 + 20·50·1.25 = 5750 -> 11500 / 35000 = 0.328571.
  // With R: 0.25, 1.0, 0.25, mean 0.4; (600 + 1000)·0.75 = 1200 -> 2400 /
  // 8000 = 0.3 (fall 0.028571). With P: 0.25, 1.0, 2.25, mean 1.4; 450 +
  // 3000 + 1250 = 4700 -> 9400 / 28000 = 0.335714 (fall -0.007143). With Q:
  // 0.25, 0, 1.25, mean 0.7; 150 + 1500 + 1250 = 2900 -> 5800 / 14000 =
  // 0.414286 (fall -0.085714). Ranks: R, P, Q - not p-median's order.
  const auto& gini = plan.gain[at(SitePlanObjective::equity_gini)];
  EXPECT_NEAR(plan.baseline[at(SitePlanObjective::equity_gini)], 0.328571, 5e-4);
  EXPECT_NEAR(gini[0], -0.007143, 5e-4);
  EXPECT_NEAR(gini[1], -0.085714, 5e-4);
  EXPECT_NEAR(gini[2], 0.028571, 5e-4);
  EXPECT_EQ(plan.rank[at(SitePlanObjective::equity_gini)], (std::vector<std::uint32_t>{2, 3, 1}));
  const SitePlan fairest = road.plan(SitePlanObjective::equity_gini, 1);
  EXPECT_EQ(fairest.chosen, (std::vector<std::uint32_t>{2}));
  EXPECT_NEAR(fairest.chosen_objective, 0.3, 5e-4);
  EXPECT_FALSE(fairest.exact.has_value());
  EXPECT_EQ(fairest.greedy->status, SitingStatus::heuristic);
}

TEST(SitePlanning, EvaluateSiteByCommuneNameWithoutAccents) {
  const StraightRoad road;
  const SitePlan plan = road.plan(SitePlanObjective::max_covering, 1);
  // "eloyes" is the commune "Éloyes", which holds R.
  const SiteEvaluation eloyes = evaluate_site(plan, road.communes, "eloyes");
  EXPECT_EQ(eloyes.candidate, 2u);
  EXPECT_EQ(evaluate_site(plan, road.communes, "ÉLOYES").candidate, 2u);
  EXPECT_EQ(eloyes.rank[at(SitePlanObjective::max_covering)], 1u);
  EXPECT_NEAR(eloyes.gain[at(SitePlanObjective::max_covering)], 50.0, 1e-9);
  // R is first for MCLP: the best alternative is Q (20).
  EXPECT_EQ(eloyes.best_alternative[at(SitePlanObjective::max_covering)], 1u);
  // By id, any case; by name.
  const SiteEvaluation p = evaluate_site(plan, road.communes, "p");
  EXPECT_EQ(p.candidate, 0u);
  EXPECT_EQ(p.rank[at(SitePlanObjective::p_median)], 3u);
  EXPECT_EQ(p.best_alternative[at(SitePlanObjective::p_median)], 2u);
  EXPECT_EQ(evaluate_site(plan, road.communes, "site q").candidate, 1u);
  EXPECT_THROW((void)evaluate_site(plan, road.communes, "Remiremont"), DataError);
}

TEST(SitePlanning, FacilitiesForSitesCarryTypeAndCapacity) {
  const StraightRoad road;
  const SitePlan plan = road.plan(SitePlanObjective::max_covering, 2);
  const std::vector<Facility> added = facilities_for_sites(plan, plan.chosen, 10.0);
  ASSERT_EQ(added.size(), 2u);
  EXPECT_EQ(added[0].id, "Q");
  EXPECT_EQ(added[1].name, "Site R");
  EXPECT_EQ(added[1].service_type, "eaje");
  EXPECT_DOUBLE_EQ(added[1].capacity, 10.0);
  EXPECT_DOUBLE_EQ(added[1].position.lon, 6.025);
  // Re-running coverage with them: the new nearest times are the table's
  // minima (B 0, C 0.25), and no point is slower than before.
  std::vector<Facility> all = road.facilities;
  all.insert(all.end(), added.begin(), added.end());
  CoverageParameters p;
  p.thresholds_minutes = {1, 2};
  p.demand_spacing_m = 5000;
  p.network.access_speed_kmh = 3.6;
  const CoverageResult after = analyse_coverage(road.roads, road.communes, all, p);
  const auto& before = road.coverage.services.at(0).demand_minutes;
  const auto& now = after.services.at(0).demand_minutes;
  for (std::size_t i = 0; i < now.size(); ++i) EXPECT_LE(now[i], before[i] + 1e-9);
  EXPECT_NEAR(now[1], 0.0, 1e-3);
  EXPECT_NEAR(now[2], 0.25, 1e-3);
}

TEST(SitePlanning, TooFewCandidatesAndFarCandidates) {
  const StraightRoad road;
  SitePlanParameters p = road.parameters(SitePlanObjective::max_covering, 4);
  EXPECT_THROW((void)plan_sites(road.roads, road.communes, road.coverage, road.accessibility,
                                road.candidates, p),
               DataError);
  // A candidate 1.1 km off the road is dropped under a 1 km limit.
  p.sites = 1;
  p.max_snap_distance_m = 1000.0;
  std::vector<SiteCandidate> candidates = road.candidates;
  candidates.push_back({"far", "Far away", {6.015, 48.01}, kInvalidId});
  const SitePlan plan =
      plan_sites(road.roads, road.communes, road.coverage, road.accessibility, candidates, p);
  EXPECT_EQ(plan.candidates.size(), 3u);
  EXPECT_EQ(plan.candidate_positions.size(), 3u);
  ASSERT_FALSE(plan.warnings.empty());
}

// ---------------------------------------------------------------------------
// Random cases on a 4 × 4 grid of one-way-different times, checked against
// an independent reference: a plain Dijkstra in the test, and brute force
// over every k-subset of candidates. Every point and candidate sits on a
// node, so that the times are node-to-node shortest paths.
struct GridCase {
  static constexpr std::size_t kSide = 4;
  RoadGraph roads;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> reverse_arcs;  // head -> (tail, min)
  std::vector<Commune> communes;
  CoverageResult coverage;
  std::vector<ServiceAccessibility> accessibility;
  std::vector<SiteCandidate> candidates;
  std::vector<std::uint32_t> candidate_node = {3, 5, 6, 9, 10, 12, 15};
  std::uint32_t existing_node = 0;
  double existing_capacity = 5.0;
  std::vector<double> weight;                // target population per point (= node)
  std::vector<double> existing;              // minutes to the existing site
  std::vector<std::vector<double>> minutes;  // [candidate][point]
  DistanceDecay decay = DistanceDecay::gaussian(4.0);

  static LonLat node_at(std::size_t n) {
    return {6.0 + 0.01 * static_cast<double>(n % kSide),
            48.0 + 0.01 * static_cast<double>(n / kSide)};
  }

  // Minutes from every node to `target` (families travel to the site).
  std::vector<double> minutes_to(std::uint32_t target) const {
    std::vector<double> best(kSide * kSide, kInf);
    using Item = std::pair<double, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    best[target] = 0.0;
    queue.push({0.0, target});
    while (!queue.empty()) {
      const auto [d, v] = queue.top();
      queue.pop();
      if (d > best[v]) continue;
      for (const auto& [u, t] : reverse_arcs[v]) {
        if (d + t < best[u]) {
          best[u] = d + t;
          queue.push({best[u], u});
        }
      }
    }
    return best;
  }

  explicit GridCase(unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> arc_ms(30'000, 120'000);
    std::uniform_int_distribution<int> children(0, 10);
    const std::size_t n = kSide * kSide;
    std::vector<ArcTriple> arcs;
    reverse_arcs.resize(n);
    const auto add = [&](std::uint32_t a, std::uint32_t b) {
      for (const auto& [u, v] : {std::pair{a, b}, std::pair{b, a}}) {
        const int ms = arc_ms(random);
        arcs.push_back({u, v, static_cast<Millis>(ms)});
        reverse_arcs[v].push_back({u, ms / 60000.0});
      }
    };
    for (std::uint32_t v = 0; v < n; ++v) {
      if (v % kSide + 1 < kSide) add(v, v + 1);
      if (v + kSide < n) add(v, static_cast<std::uint32_t>(v + kSide));
    }
    roads.profile = "car";
    roads.source_description = "hand-built grid";
    for (std::size_t v = 0; v < n; ++v) {
      roads.node_position.push_back(node_at(v));
      roads.node_osm_id.push_back(static_cast<std::int64_t>(v + 1));
    }
    roads.graph = build_csr_graph(static_cast<NodeId>(n), arcs);
    roads.arc_length_m.assign(arcs.size(), 744.0f);
    roads.arc_class.assign(arcs.size(), RoadClass::residential);
    roads.arc_way_id.assign(arcs.size(), 1);
    // West (columns 0, 1) and east (2, 3).
    communes.push_back(box("W", "West", 0, 5.995, 6.015, 47.995, 48.035));
    communes.push_back(box("E", "Est", 0, 6.015, 6.035, 47.995, 48.035));

    const NetworkSnapper snapper(roads);
    for (std::uint32_t v = 0; v < n; ++v) {
      DemandPoint point;
      point.commune = (v % kSide) < 2 ? 0 : 1;
      point.position = node_at(v);
      weight.push_back(children(random));
      point.by_band = {weight.back(), 0, 0, 0, 100};
      point.population = weight.back() + 100;
      coverage.demand.push_back(point);
      coverage.demand_positions.push_back(snapper.snap(point.position));
    }
    existing = minutes_to(existing_node);
    ServiceCoverage service;
    service.service_type = "eaje";
    service.facilities = {0};
    service.demand_minutes = existing;
    coverage.services.push_back(service);
    for (std::uint32_t c : candidate_node) {
      minutes.push_back(minutes_to(c));
      candidates.push_back({"n" + std::to_string(c), "Node " + std::to_string(c), node_at(c),
                            (c % kSide) < 2 ? 0u : 1u});
    }
    // The baseline E2SFCA of the existing site, by the library formula on
    // the reference times.
    ServiceAccessibility access;
    access.service_type = "eaje";
    access.has_capacity = true;
    access.target_population = weight;
    const FloatingCatchment base = catchment({});
    for (double a : base.accessibility) access.e2sfca_per_100.push_back(100.0 * a);
    accessibility.push_back(access);
  }

  // E2SFCA with the existing site and `sites` (capacity each) recomputed
  // from scratch, dense reference times.
  FloatingCatchment catchment(const std::vector<std::uint32_t>& sites,
                              double capacity = 0.0) const {
    std::vector<std::vector<double>> rows = {existing};
    std::vector<double> supply = {existing_capacity};
    for (std::uint32_t s : sites) {
      rows.push_back(minutes[s]);
      supply.push_back(capacity);
    }
    std::vector<std::uint64_t> row_begin = {0};
    std::vector<std::uint32_t> origin;
    std::vector<double> flat;
    for (const auto& row : rows) {
      for (std::uint32_t i = 0; i < row.size(); ++i) {
        origin.push_back(i);
        flat.push_back(row[i]);
      }
      row_begin.push_back(origin.size());
    }
    const SparseTravelTimes times{row_begin, origin, flat, weight.size()};
    return floating_catchment(times, supply, weight, decay);
  }

  // The brute-force value of `sites` for one objective.
  double value(SitePlanObjective objective, const std::vector<std::uint32_t>& sites,
               const SitePlanParameters& p) const {
    std::vector<double> nearest = existing;
    for (std::uint32_t s : sites) {
      for (std::size_t i = 0; i < nearest.size(); ++i) {
        nearest[i] = std::min(nearest[i], minutes[s][i]);
      }
    }
    double covered = 0, total = 0;
    std::vector<double> commune_covered(2, 0), commune_weight(2, 0);
    for (std::size_t i = 0; i < nearest.size(); ++i) {
      const bool within = nearest[i] <= p.coverage_minutes;
      covered += within ? weight[i] : 0;
      total += weight[i] * nearest[i];
      commune_weight[coverage.demand[i].commune] += weight[i];
      commune_covered[coverage.demand[i].commune] += within ? weight[i] : 0;
    }
    switch (objective) {
      case SitePlanObjective::max_covering:
        return covered;
      case SitePlanObjective::p_median:
        return total;
      case SitePlanObjective::equity_maximin:
        return std::min(commune_covered[0] / commune_weight[0],
                        commune_covered[1] / commune_weight[1]);
      case SitePlanObjective::equity_gini: {
        // O(n²) definition.
        double pairs = 0, w = 0, mean = 0;
        for (std::size_t i = 0; i < nearest.size(); ++i) {
          w += weight[i];
          mean += weight[i] * nearest[i];
          for (std::size_t j = 0; j < nearest.size(); ++j) {
            pairs += weight[i] * weight[j] * std::abs(nearest[i] - nearest[j]);
          }
        }
        mean /= w;
        return pairs / (2 * w * w * mean);
      }
      case SitePlanObjective::capacity: {
        const FloatingCatchment fca = catchment(sites, p.capacity);
        double shortfall = 0;
        for (std::size_t i = 0; i < weight.size(); ++i) {
          shortfall +=
              weight[i] * std::max(0.0, p.tension_min_places_per_100 - 100 * fca.accessibility[i]);
        }
        return shortfall;
      }
    }
    return 0;
  }

  SitePlanParameters parameters(SitePlanObjective objective, std::size_t k) const {
    SitePlanParameters p;
    p.objective = objective;
    p.sites = k;
    p.capacity = 4.0;
    p.coverage_minutes = 2.5;
    p.e2sfca_decay = decay;
    p.tension_min_places_per_100 = 30.0;
    p.solver = SiteSolver::exact;
    return p;
  }

  SitePlan plan(const SitePlanParameters& p) const {
    return plan_sites(roads, communes, coverage, accessibility, candidates, p);
  }
};

// Every k-subset of n, lexicographic.
std::vector<std::vector<std::uint32_t>> subsets(std::uint32_t n, std::size_t k) {
  std::vector<std::vector<std::uint32_t>> all;
  std::vector<std::uint32_t> current;
  std::function<void(std::uint32_t)> extend = [&](std::uint32_t from) {
    if (current.size() == k) {
      all.push_back(current);
      return;
    }
    for (std::uint32_t c = from; c < n; ++c) {
      current.push_back(c);
      extend(c + 1);
      current.pop_back();
    }
  };
  extend(0);
  return all;
}

bool maximised(SitePlanObjective o) {
  return o == SitePlanObjective::max_covering || o == SitePlanObjective::equity_maximin;
}

// The best brute-force value over the subsets `allowed` accepts.
double brute_force_optimum(
    const GridCase& grid, SitePlanObjective o, const SitePlanParameters& p,
    const std::function<bool(const std::vector<std::uint32_t>&)>& allowed =
        [](const std::vector<std::uint32_t>&) { return true; }) {
  double best = maximised(o) ? -kInf : kInf;
  for (const auto& set : subsets(static_cast<std::uint32_t>(grid.candidates.size()), p.sites)) {
    if (!allowed(set)) continue;
    const double v = grid.value(o, set, p);
    best = maximised(o) ? std::max(best, v) : std::min(best, v);
  }
  return best;
}

TEST(SitePlanning, GridExactEqualsBruteForceAndGreedyNeverBeatsIt) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const GridCase grid(seed);
    for (SitePlanObjective o : {SitePlanObjective::max_covering, SitePlanObjective::p_median}) {
      for (std::size_t k : {1u, 2u, 3u}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + " " + std::string(to_string(o)) + " k " +
                     std::to_string(k));
        const SitePlanParameters p = grid.parameters(o, k);
        const SitePlan plan = grid.plan(p);
        const double optimum = brute_force_optimum(grid, o, p);
        ASSERT_TRUE(plan.exact.has_value());
        ASSERT_TRUE(plan.greedy.has_value());
        EXPECT_EQ(plan.exact->status, SitingStatus::optimal);
        EXPECT_NEAR(plan.exact->objective, optimum, 1e-4);
        EXPECT_NEAR(plan.chosen_objective, optimum, 1e-4);
        EXPECT_NEAR(grid.value(o, plan.chosen, p), optimum, 1e-4);
        const double greedy = plan.greedy->objective;
        if (o == SitePlanObjective::max_covering) {
          EXPECT_LE(greedy, optimum + 1e-6);
          // (1 - 1/e) of the gain over the existing coverage.
          const double base = grid.value(o, {}, p);
          EXPECT_GE(greedy - base, (1.0 - 1.0 / std::exp(1.0)) * (optimum - base) - 1e-6);
        } else {
          EXPECT_GE(greedy, optimum - 1e-4);
        }
        EXPECT_GE(plan.greedy_gap, -1e-9);
      }
    }
  }
}

TEST(SitePlanning, GridGainsOfEveryObjectiveMatchBruteForce) {
  const GridCase grid(4);
  const SitePlanParameters p = grid.parameters(SitePlanObjective::capacity, 1);
  const SitePlan plan = grid.plan(p);
  for (SitePlanObjective o : kSitePlanObjectives) {
    SCOPED_TRACE(std::string(to_string(o)));
    const double base = grid.value(o, {}, p);
    EXPECT_NEAR(plan.baseline[at(o)], base, 1e-6);
    for (std::uint32_t c = 0; c < grid.candidates.size(); ++c) {
      const double v = grid.value(o, {c}, p);
      const double expected = o == SitePlanObjective::max_covering     ? v - base
                              : o == SitePlanObjective::equity_maximin ? v
                                                                       : base - v;
      EXPECT_NEAR(plan.gain[at(o)][c], expected, 1e-6) << "candidate " << c;
    }
    // Ranks: a larger gain never ranks behind a smaller one.
    for (std::uint32_t a = 0; a < grid.candidates.size(); ++a) {
      for (std::uint32_t b = 0; b < grid.candidates.size(); ++b) {
        if (plan.gain[at(o)][a] > plan.gain[at(o)][b] + 1e-12) {
          EXPECT_LT(plan.rank[at(o)][a], plan.rank[at(o)][b]);
        }
      }
    }
  }
}

// The capacity objective adds each new site's E2SFCA contribution to the
// baseline; a from-scratch floating catchment over the existing and the
// chosen sites gives the same shortfall, for any set (proves the shortcut).
TEST(SitePlanning, GridCapacityAndEquityAgainstBruteForce) {
  for (unsigned seed : {5u, 6u}) {
    const GridCase grid(seed);
    for (SitePlanObjective o : {SitePlanObjective::capacity, SitePlanObjective::equity_maximin,
                                SitePlanObjective::equity_gini}) {
      for (std::size_t k : {1u, 2u, 3u}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + " " + std::string(to_string(o)) + " k " +
                     std::to_string(k));
        const SitePlanParameters p = grid.parameters(o, k);
        const SitePlan plan = grid.plan(p);
        ASSERT_EQ(plan.chosen.size(), k);
        EXPECT_FALSE(plan.exact.has_value());
        const double optimum = brute_force_optimum(grid, o, p);
        EXPECT_NEAR(plan.chosen_objective, grid.value(o, plan.chosen, p), 1e-6);
        if (maximised(o)) {
          EXPECT_LE(plan.chosen_objective, optimum + 1e-9);
        } else {
          EXPECT_GE(plan.chosen_objective, optimum - 1e-9);
        }
        // One site: the greedy tries them all.
        if (k == 1) {
          EXPECT_NEAR(plan.chosen_objective, optimum, 1e-9);
        }
      }
    }
  }
}

TEST(SitePlanning, GridConstraintsRespectedAndExactUnderThem) {
  const GridCase grid(7);
  for (SitePlanObjective o : {SitePlanObjective::max_covering, SitePlanObjective::p_median,
                              SitePlanObjective::capacity}) {
    SCOPED_TRACE(std::string(to_string(o)));
    SitePlanParameters p = grid.parameters(o, 2);
    p.one_per_commune = true;
    p.min_distance_m = 1600.0;  // more than two grid steps (about 1.1 km)
    const SitePlan plan = grid.plan(p);
    const auto allowed = [&grid, &p](const std::vector<std::uint32_t>& set) {
      for (std::size_t a = 0; a < set.size(); ++a) {
        for (std::size_t b = a + 1; b < set.size(); ++b) {
          if (grid.candidates[set[a]].commune == grid.candidates[set[b]].commune) return false;
          if (geodesic_distance_m(grid.candidates[set[a]].position,
                                  grid.candidates[set[b]].position) < p.min_distance_m) {
            return false;
          }
        }
      }
      return true;
    };
    ASSERT_EQ(plan.chosen.size(), 2u);
    EXPECT_TRUE(allowed(plan.chosen));
    if (plan.exact) {
      EXPECT_NEAR(plan.chosen_objective, brute_force_optimum(grid, o, p, allowed), 1e-4);
    }
    if (plan.greedy) {
      EXPECT_TRUE(allowed(plan.greedy->chosen));
    }
  }
}

TEST(SitePlanning, SolverChoiceFollowsTheSizeLimit) {
  const GridCase grid(8);
  SitePlanParameters p = grid.parameters(SitePlanObjective::max_covering, 2);
  p.solver = SiteSolver::automatic;
  p.exact_size_limit = 16.0 * 7.0;  // exactly the instance: exact runs
  EXPECT_TRUE(grid.plan(p).exact.has_value());
  p.exact_size_limit = 16.0 * 7.0 - 1.0;
  const SitePlan greedy_only = grid.plan(p);
  EXPECT_FALSE(greedy_only.exact.has_value());
  ASSERT_TRUE(greedy_only.greedy.has_value());
  EXPECT_EQ(greedy_only.chosen, greedy_only.greedy->chosen);
  EXPECT_TRUE(std::isnan(greedy_only.greedy_gap));
  p.solver = SiteSolver::greedy;
  p.exact_size_limit = 1e9;
  EXPECT_FALSE(grid.plan(p).exact.has_value());
}

TEST(SitePlanning, PMedianIsHeldToTheTighterOfTheLimitAndItsCap) {
  SitePlanParameters p;
  EXPECT_DOUBLE_EQ(exact_size_limit_for(p), 2e6);  // max_covering: the limit
  p.objective = SitePlanObjective::p_median;
  EXPECT_DOUBLE_EQ(exact_size_limit_for(p), 2e5);  // the cap
  p.exact_size_limit = 5e4;
  EXPECT_DOUBLE_EQ(exact_size_limit_for(p), 5e4);  // a tighter limit wins
  p.p_median_exact_size_cap = 1e3;
  EXPECT_DOUBLE_EQ(exact_size_limit_for(p), 1e3);
  p.objective = SitePlanObjective::capacity;
  EXPECT_DOUBLE_EQ(exact_size_limit_for(p), 5e4);
}

TEST(SitePlanning, ObjectiveAndSolverNames) {
  for (SitePlanObjective o : kSitePlanObjectives) {
    EXPECT_EQ(site_plan_objective_from(to_string(o)), o);
  }
  EXPECT_EQ(to_string(SitePlanObjective::equity_gini), "equity_gini");
  EXPECT_FALSE(site_plan_objective_from("maxcover").has_value());
  EXPECT_EQ(site_solver_from("auto"), SiteSolver::automatic);
  EXPECT_EQ(site_solver_from("exact"), SiteSolver::exact);
  EXPECT_EQ(site_solver_from("greedy"), SiteSolver::greedy);
  EXPECT_FALSE(site_solver_from("cbc").has_value());
}

}  // namespace
}  // namespace couverture
