#include "couverture/engine/coverage_analysis.hpp"

#include <gtest/gtest.h>

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
  p.access_speed_kmh = 3.6;  // 1 m/s: the access leg in seconds is its length in metres
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
  p.max_snap_distance_m = 150;
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

}  // namespace
}  // namespace couverture
