#include "couverture/engine/coverage_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "couverture/geodata/data_error.hpp"

namespace couverture {
namespace {

// A straight two-way road along lat 48.0: nodes at lon 6.00, 6.01, 6.02, one
// minute per segment in each direction.
RoadGraph straight_road() {
  RoadGraph roads;
  roads.profile = "car";
  roads.source_description = "hand-built";
  roads.node_position = {{6.00, 48.0}, {6.01, 48.0}, {6.02, 48.0}};
  roads.node_osm_id = {1, 2, 3};
  const std::vector<ArcTriple> arcs = {{0, 1, 60000}, {1, 0, 60000}, {1, 2, 60000}, {2, 1, 60000}};
  roads.graph = build_csr_graph(3, arcs);
  roads.arc_length_m.assign(4, 744.0f);
  roads.arc_class.assign(4, RoadClass::residential);
  roads.arc_way_id.assign(4, 10);
  return roads;
}

Commune box(const std::string& code, double population, double west, double east) {
  Commune commune;
  commune.code = code;
  commune.name = code;
  commune.population = population;
  commune.boundary =
      geos_from_wkt("POLYGON((" + std::to_string(west) + " 47.995," + std::to_string(east) +
                    " 47.995," + std::to_string(east) + " 48.005," + std::to_string(west) +
                    " 48.005," + std::to_string(west) + " 47.995))");
  return commune;
}

std::vector<Commune> two_communes() {
  std::vector<Commune> communes;
  communes.push_back(box("A", 100, 5.995, 6.01));
  communes.push_back(box("B", 300, 6.01, 6.025));
  return communes;
}

CoverageParameters parameters() {
  CoverageParameters p;
  p.thresholds_minutes = {1, 2};
  // Wider than either commune: each gets a single point on its surface, the
  // middle of its box, which lies on the road.
  p.demand_spacing_m = 5000;
  p.network.access_speed_kmh = 3.6;  // 1 m/s: the access leg in seconds is its length in metres
  return p;
}

TEST(CoverageAnalysis, HandWorkedTimesSharesAndMeans) {
  const RoadGraph roads = straight_road();
  const auto communes = two_communes();
  // The crèche stands on node 0.
  const std::vector<Facility> facilities = {{"c1", "Crèche", "eaje", 10, {6.00, 48.0}}};
  const CoverageResult result = analyse_coverage(roads, communes, facilities, parameters());
  ASSERT_EQ(result.demand.size(), 2u);
  ASSERT_EQ(result.services.size(), 1u);
  const ServiceCoverage& eaje = result.services[0];
  // A's point at lon 6.0025 is a quarter along segment 0-1: 15 s = 0.25 min.
  // B's point at lon 6.0175 is three quarters along 1-2: 45 s back to node 1,
  // then 60 s to node 0 = 1.75 min.
  EXPECT_NEAR(eaje.demand_minutes[0], 0.25, 0.005);
  EXPECT_NEAR(eaje.demand_minutes[1], 1.75, 0.005);
  EXPECT_EQ(eaje.demand_nearest[0], 0u);
  EXPECT_NEAR(eaje.by_commune[0].share_within[0], 1.0, 1e-12);
  EXPECT_NEAR(eaje.by_commune[1].share_within[0], 0.0, 1e-12);
  EXPECT_NEAR(eaje.by_commune[1].share_within[1], 1.0, 1e-12);
  // Overall mean weighted by population: (100 × 0.25 + 300 × 1.75) / 400.
  EXPECT_NEAR(eaje.overall.mean, 1.375, 0.005);
  EXPECT_NEAR(eaje.overall.max, 1.75, 0.005);
  EXPECT_NEAR(eaje.overall.share_within[0], 0.25, 1e-12);
  EXPECT_EQ(result.facility_commune[0], 0u);
  EXPECT_TRUE(result.warnings.empty());
}

TEST(CoverageAnalysis, OffRoadFacilityAddsItsWalkAndFarPointsAreReported) {
  const RoadGraph roads = straight_road();
  const auto communes = two_communes();
  // 0.0018° of latitude north of node 0 ≈ 200.1 m (111,200 m per degree at
  // 48°): a 200 s walk at 1 m/s, beyond a 150 m snapping limit.
  const std::vector<Facility> facilities = {{"far", "Crèche", "eaje", 10, {6.00, 48.0018}}};
  CoverageParameters p = parameters();
  p.network.max_snap_distance_m = 150;
  const CoverageResult result = analyse_coverage(roads, communes, facilities, p);
  EXPECT_NEAR(result.facility_positions[0].distance_m, 200.1, 0.5);
  EXPECT_NEAR(result.services[0].demand_minutes[0], 0.25 + 200.1 / 60.0, 0.01);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("far"), std::string::npos) << result.warnings[0];
}

TEST(CoverageAnalysis, EachServiceTypeIsAnalysedOnItsOwnFacilities) {
  const RoadGraph roads = straight_road();
  const auto communes = two_communes();
  const std::vector<Facility> facilities = {{"c1", "Crèche", "eaje", 10, {6.00, 48.0}},
                                            {"l1", "ALSH", "alsh", 0, {6.02, 48.0}}};
  const CoverageResult result = analyse_coverage(roads, communes, facilities, parameters());
  ASSERT_EQ(result.services.size(), 2u);
  EXPECT_EQ(result.services[0].service_type, "alsh");  // sorted by name
  EXPECT_EQ(result.services[0].facilities, (std::vector<std::uint32_t>{1}));
  // From B's point to node 2: a quarter of a minute; from A's: 0.75 + 1 minutes.
  EXPECT_NEAR(result.services[0].demand_minutes[1], 0.25, 0.005);
  EXPECT_NEAR(result.services[0].demand_minutes[0], 1.75, 0.005);
  EXPECT_EQ(result.services[0].demand_nearest[0], 1u);  // input facility index
}

// The straight road with its second segment one-way 1 -> 2 and a one-way
// way back 2 -> 3 -> 0 through node 3 (6.01, 48.003), 90 s per arc.
RoadGraph one_way_road() {
  RoadGraph roads;
  roads.profile = "car";
  roads.node_position = {{6.00, 48.0}, {6.01, 48.0}, {6.02, 48.0}, {6.01, 48.003}};
  const std::vector<ArcTriple> arcs = {
      {0, 1, 60000}, {1, 0, 60000}, {1, 2, 60000}, {2, 3, 90000}, {3, 0, 90000}};
  roads.graph = build_csr_graph(4, arcs);
  roads.arc_class.assign(5, RoadClass::residential);
  return roads;
}

TEST(CoverageAnalysis, DirectionChoosesTheWayRoundTheOneWayLoop) {
  const RoadGraph roads = one_way_road();
  const auto communes = two_communes();
  const std::vector<Facility> facilities = {{"c1", "Crèche", "eaje", 10, {6.00, 48.0}}};
  CoverageParameters p = parameters();
  // To the crèche from B's point three quarters along 1->2: on to 2 (15 s),
  // 2->3->0 (180 s): 195 s = 3.25 min. A's point, a quarter along two-way
  // 0-1: 15 s = 0.25 min either way.
  const CoverageResult to = analyse_coverage(roads, communes, facilities, p);
  EXPECT_NEAR(to.services[0].demand_minutes[0], 0.25, 0.005);
  EXPECT_NEAR(to.services[0].demand_minutes[1], 3.25, 0.005);
  // From the crèche: 0->1 (60 s), then three quarters of 1->2 (45 s): 1.75 min.
  p.network.direction = TravelDirection::from_facility;
  const CoverageResult from = analyse_coverage(roads, communes, facilities, p);
  EXPECT_NEAR(from.services[0].demand_minutes[0], 0.25, 0.005);
  EXPECT_NEAR(from.services[0].demand_minutes[1], 1.75, 0.005);
}

TEST(CoverageAnalysis, FarAndDetachedPointsAreListedAndKept) {
  RoadGraph roads = straight_road();
  // A detached residential piece far north-east, in commune C.
  roads.detached_segment_end = {{6.030, 48.015}, {6.035, 48.015}};
  roads.detached_segment_class = {RoadClass::residential};
  std::vector<Commune> communes = two_communes();
  Commune c;
  c.code = "C";
  c.name = "Combe";
  c.population = 50;
  c.boundary =
      geos_from_wkt("POLYGON((6.025 48.01,6.04 48.01,6.04 48.02,6.025 48.02,6.025 48.01))");
  communes.push_back(std::move(c));
  // Facility 'iso' stands on the detached piece; C's demand point, the
  // middle of its box (6.0325, 48.015), too. Both join the main network at
  // node 2 (6.02, 48.0): 0.0125° × 74,625 = 932.8 m east and 0.015° ×
  // 111,190 = 1667.9 m north, 1911 m in all (1859 m for 'iso', 0.011° east:
  // 820.9 m).
  const std::vector<Facility> facilities = {
      {"c1", "Crèche", "eaje", 10, {6.00, 48.0}},
      {"iso", "Micro-crèche du Haut", "eaje", 5, {6.031, 48.015}}};
  const CoverageResult result = analyse_coverage(roads, communes, facilities, parameters());
  ASSERT_EQ(result.demand.size(), 3u);
  const NetworkPosition& iso = result.facility_positions[1];
  EXPECT_TRUE(iso.from_detached_piece);
  EXPECT_NEAR(iso.detached_distance_m, 0.0, 0.01);
  EXPECT_NEAR(iso.distance_m, 1859.0, 5.0);
  EXPECT_TRUE(result.demand_positions[2].from_detached_piece);
  EXPECT_NEAR(result.demand_positions[2].distance_m, 1911.0, 5.0);
  // Kept: C's time is the walk to node 2 and the drive back to 'c1' at
  // node 0 (120 s), or 'iso''s walk, 1859 + 1911 s: 'c1' wins by far.
  EXPECT_NEAR(result.services[0].demand_minutes[2], (1911.0 + 120.0) / 60.0, 0.1);

  // Four warnings: far facility, far demand, detached facility, detached demand.
  ASSERT_EQ(result.warnings.size(), 4u);
  const auto has = [](const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  };
  EXPECT_TRUE(has(result.warnings[0], "'iso' (Micro-crèche du Haut, 18")) << result.warnings[0];
  EXPECT_TRUE(has(result.warnings[0], "1000 m")) << result.warnings[0];
  EXPECT_FALSE(has(result.warnings[0], "'c1'")) << result.warnings[0];
  EXPECT_TRUE(has(result.warnings[1], "Combe: 1 point(s), 50 inhabitants")) << result.warnings[1];
  EXPECT_FALSE(has(result.warnings[1], "A:")) << result.warnings[1];
  EXPECT_TRUE(has(result.warnings[2], "'iso'")) << result.warnings[2];
  EXPECT_TRUE(has(result.warnings[2], "disconnected")) << result.warnings[2];
  EXPECT_TRUE(has(result.warnings[3], "Combe: 1 point(s), 50 inhabitants")) << result.warnings[3];
}

TEST(CoverageAnalysis, FacilityOutsideEveryCommuneIsADataError) {
  const RoadGraph roads = straight_road();
  const auto communes = two_communes();
  // x and y swapped: the classic CRS mistake.
  const std::vector<Facility> facilities = {{"lost", "Crèche", "eaje", 10, {48.0, 6.0}}};
  try {
    analyse_coverage(roads, communes, facilities, parameters());
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("'lost'"), std::string::npos) << error.what();
  }
}

// Each box is 0.015° × 0.01° at lat 48; at 100 m, step_lat = 100 / 111 195.08
// = 0.00089932° (0.01 / it = 11.12 -> 12 rows) and step_lon = step_lat /
// cos 48° = 0.0013440° (0.015 / it = 11.16 -> 12 columns): 144 + 1 per
// commune, 290 in all.
TEST(CoverageAnalysis, ADemandGridAboveTheLimitIsRefusedBeforeAnyPointIsPlaced) {
  const RoadGraph roads = straight_road();
  const auto communes = two_communes();
  const std::vector<Facility> facilities = {{"c1", "Crèche", "eaje", 10, {6.00, 48.0}}};
  CoverageParameters p = parameters();
  p.demand_spacing_m = 100.0;
  p.max_demand_grid_points = 289;
  try {
    analyse_coverage(roads, communes, facilities, p);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    for (const char* part : {"100 m", "up to 290 points", "limit of 289", "demand spacing"}) {
      EXPECT_NE(message.find(part), std::string::npos) << message;
    }
  }
  p.max_demand_grid_points = 290;
  EXPECT_NO_THROW(analyse_coverage(roads, communes, facilities, p));
}

TEST(CoverageAnalysis, ThresholdsBeyondOneDayOrNotFiniteAreRefused) {
  const RoadGraph roads = straight_road();
  const auto communes = two_communes();
  const std::vector<Facility> facilities = {{"c1", "Crèche", "eaje", 10, {6.00, 48.0}}};
  CoverageParameters p = parameters();
  for (const double bad : {1440.001, 1e9, std::numeric_limits<double>::infinity(), std::nan("")}) {
    p.thresholds_minutes = {1, bad};
    EXPECT_THROW(analyse_coverage(roads, communes, facilities, p), std::invalid_argument) << bad;
  }
  p.thresholds_minutes = {1, 1440};
  EXPECT_NO_THROW(analyse_coverage(roads, communes, facilities, p));
}

}  // namespace
}  // namespace couverture
