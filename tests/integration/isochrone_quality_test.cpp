// Every isochrone quality guarantee on real OpenStreetMap extracts: the
// Liechtenstein car and walk graphs and the Andorra walk and car graphs,
// with facilities placed 25 m off the network near nodes spread over the
// extract and snapped like real ones. The share of unreachable points
// swallowed is measured and printed, not asserted.
#include "couverture/engine/isochrone_quality.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "couverture/engine/isochrone_builder.hpp"
#include "couverture/engine/isochrone_outputs.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/geos_operations.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

struct Case {
  const char* extract;
  const char* profile;
  std::vector<double> minutes;
  TravelDirection direction;
};

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string extract = info.param.extract;
  extract = extract.substr(4, extract.find('.') - 4);  // "osm/andorra.osm.pbf" -> "andorra"
  return extract + "_" + info.param.profile + "_" + std::string(to_string(info.param.direction));
}

// Facility points: 25 m north-east of nodes spread over the id range (ids
// follow a Hilbert curve, so evenly spaced ids spread over the territory).
std::vector<LonLat> facility_points(const RoadGraph& graph, std::size_t count) {
  std::vector<LonLat> points;
  for (std::size_t i = 0; i < count; ++i) {
    const LonLat node = graph.node_position[(2 * i + 1) * graph.node_count() / (2 * count)];
    points.push_back({node.lon + 0.00024, node.lat + 0.00016});  // about 18 m east, 18 m north
  }
  return points;
}

// Readable test names in ctest rather than the parameter's bytes.
void PrintTo(const Case& c, std::ostream* out) {
  *out << c.extract << ' ' << c.profile << ' ' << to_string(c.direction);
}

class IsochroneQualityOnRealExtracts : public ::testing::TestWithParam<Case> {};

TEST_P(IsochroneQualityOnRealExtracts, EveryGuaranteeHoldsAndSwallowedShareIsReported) {
  const Case& c = GetParam();
  COUVERTURE_REQUIRE_SHARED(path, c.extract);
  const RoadGraph graph = read_road_graph(path, *TravelProfile::by_name(c.profile));
  ASSERT_GT(graph.node_count(), 1000u);

  IsochroneParameters parameters;
  parameters.thresholds_minutes = c.minutes;
  parameters.direction = c.direction;
  const std::vector<LonLat> points = facility_points(graph, 6);
  const NetworkSnapper snapper(graph);
  std::vector<NetworkPosition> positions;
  for (const LonLat& p : points) positions.push_back(snapper.snap(p));

  const IsochroneBuilder builder(graph, parameters);
  const std::vector<FacilityIsochrones> isochrones = builder.build(points, positions);
  const IsochroneQualityChecker checker(graph, parameters);
  const auto quality = checker.check_all(points, positions, isochrones);

  ASSERT_EQ(quality.size(), points.size());
  double worst_far_share = 0.0;
  double total_share = 0.0;
  std::size_t polygons = 0;
  for (std::size_t f = 0; f < points.size(); ++f) {
    ASSERT_EQ(isochrones[f].bands.size(), c.minutes.size());
    for (std::size_t k = 0; k < c.minutes.size(); ++k) {
      const IsochroneQuality& q = quality[f][k];
      const std::string where =
          "facility " + std::to_string(f) + ", " + std::to_string(c.minutes[k]) + " min";
      EXPECT_TRUE(q.origin_inside) << where;
      EXPECT_TRUE(q.valid) << where << ": " << geos_invalid_reason(*isochrones[f].bands[k]);
      EXPECT_TRUE(q.nested_in_next_band) << where;
      EXPECT_GT(q.reachable_points_checked, 0u) << where;
      EXPECT_EQ(q.reachable_points_outside, 0u) << where;
      EXPECT_GT(isochrones[f].area_km2[k], 0.0) << where;
      worst_far_share = std::max(worst_far_share, q.far_share_inside);
      total_share += q.unreachable_share_inside;
      ++polygons;
    }
  }
  // Rings and dissolved bands stay valid too.
  for (const FacilityIsochrones& facility : isochrones) {
    for (const GeosGeometry& ring : isochrone_rings(facility.bands)) {
      EXPECT_TRUE(geos_is_valid(*ring)) << geos_invalid_reason(*ring);
    }
  }
  const std::vector<std::string> types(points.size(), "service");
  const std::vector<DissolvedIsochrones> dissolved = dissolve_by_service_type(types, isochrones);
  for (const GeosGeometry& band : dissolved[0].bands) {
    EXPECT_TRUE(geos_is_valid(*band)) << geos_invalid_reason(*band);
  }
  std::printf(
      "%s: %zu polygons, mean share of unreachable points inside %.4f, worst far share %.4f\n",
      case_name({c, 0}).c_str(), polygons, total_share / static_cast<double>(polygons),
      worst_far_share);
  RecordProperty("mean_unreachable_share_inside",
                 std::to_string(total_share / static_cast<double>(polygons)));
  RecordProperty("worst_far_share_inside", std::to_string(worst_far_share));
}

INSTANTIATE_TEST_SUITE_P(
    Extracts, IsochroneQualityOnRealExtracts,
    ::testing::Values(
        Case{"osm/liechtenstein.osm.pbf", "car", {5, 10, 15, 20}, TravelDirection::to_facility},
        Case{"osm/liechtenstein.osm.pbf", "car", {5, 10, 15, 20}, TravelDirection::from_facility},
        Case{"osm/liechtenstein.osm.pbf", "walk", {5, 10, 15}, TravelDirection::to_facility},
        Case{"osm/andorra.osm.pbf", "walk", {5, 10, 15}, TravelDirection::to_facility},
        Case{"osm/andorra.osm.pbf", "car", {5, 10, 15, 20}, TravelDirection::from_facility}),
    case_name);

}  // namespace
}  // namespace couverture
