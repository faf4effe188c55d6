#include "couverture/engine/isochrone_outputs.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "couverture/geodata/geos_operations.hpp"

namespace couverture {
namespace {

// Squares in plain planar units: areas are counted by hand.
GeosGeometry square(double x0, double y0, double side) {
  const std::string a = std::to_string(x0);
  const std::string b = std::to_string(y0);
  const std::string c = std::to_string(x0 + side);
  const std::string d = std::to_string(y0 + side);
  return geos_from_wkt("POLYGON((" + a + " " + b + ", " + c + " " + b + ", " + c + " " + d + ", " +
                       a + " " + d + ", " + a + " " + b + "))");
}

TEST(IsochroneOutputs, RingsAreDifferencesOfConsecutiveBands) {
  std::vector<GeosGeometry> bands;
  bands.push_back(square(0, 0, 1));  // area 1
  bands.push_back(square(0, 0, 2));  // area 4
  bands.push_back(square(0, 0, 3));  // area 9
  const std::vector<GeosGeometry> rings = isochrone_rings(bands);
  ASSERT_EQ(rings.size(), 3u);
  EXPECT_DOUBLE_EQ(geos_area(*rings[0]), 1.0);
  EXPECT_DOUBLE_EQ(geos_area(*rings[1]), 3.0);
  EXPECT_DOUBLE_EQ(geos_area(*rings[2]), 5.0);
  // Rings do not overlap: the 1-2 ring holds no point of band 0.
  EXPECT_FALSE(geos_covers(*rings[1], *geos_point(0.5, 0.5)));
  EXPECT_TRUE(geos_covers(*rings[1], *geos_point(1.5, 0.5)));
  EXPECT_TRUE(isochrone_rings({}).empty());
}

TEST(IsochroneOutputs, DissolveUnitesPolygons) {
  const GeosGeometry a = square(0, 0, 1);
  const GeosGeometry b = square(0.5, 0.5, 1);  // overlaps a by 0.25
  const std::vector<const GEOSGeometry*> both{a.get(), b.get()};
  EXPECT_DOUBLE_EQ(geos_area(*dissolve_isochrones(both)), 1.75);
  EXPECT_DOUBLE_EQ(geos_area(*dissolve_isochrones({})), 0.0);
}

TEST(IsochroneOutputs, DissolveByServiceTypeGroupsFacilities) {
  std::vector<FacilityIsochrones> isochrones(3);
  // Facility 0 (creche): bands of side 1 and 2 at the origin; facility 1
  // (alsh): at (10, 10); facility 2 (creche): at (1, 0), overlapping 0.
  for (const auto& [f, x, y] : {std::tuple{0, 0.0, 0.0}, {1, 10.0, 10.0}, {2, 1.0, 0.0}}) {
    isochrones[f].bands.push_back(square(x, y, 1));
    isochrones[f].bands.push_back(square(x, y, 2));
  }
  const std::vector<std::string> type{"creche", "alsh", "creche"};
  const std::vector<DissolvedIsochrones> dissolved = dissolve_by_service_type(type, isochrones);
  ASSERT_EQ(dissolved.size(), 2u);
  EXPECT_EQ(dissolved[0].service_type, "creche");
  EXPECT_EQ(dissolved[1].service_type, "alsh");
  ASSERT_EQ(dissolved[0].bands.size(), 2u);
  EXPECT_DOUBLE_EQ(geos_area(*dissolved[0].bands[0]), 2.0);  // [0,2] x [0,1]
  EXPECT_DOUBLE_EQ(geos_area(*dissolved[0].bands[1]), 6.0);  // [0,3] x [0,2]
  EXPECT_DOUBLE_EQ(geos_area(*dissolved[1].bands[1]), 4.0);
  EXPECT_THROW((void)dissolve_by_service_type({}, isochrones), std::invalid_argument);
}

TEST(IsochroneOutputs, AreaIsMeasuredInTheMetricFrame) {
  // A 1 km x 2 km rectangle laid out in a local frame, turned to WGS84.
  const LocalProjection frame(LonLat{6.6, 48.0});
  const GeosGeometry local = geos_from_wkt("POLYGON((0 0, 1000 0, 1000 2000, 0 2000, 0 0))");
  const GeosGeometry wgs84 = geos_to_wgs84(*local, frame);
  EXPECT_NEAR(isochrone_area_km2(*wgs84, frame), 2.0, 1e-6);
  // A frame centred 20 km away measures the same area to 1e-4.
  const LocalProjection other(LonLat{6.8, 48.1});
  EXPECT_NEAR(isochrone_area_km2(*wgs84, other), 2.0, 2e-4);
}

TEST(IsochroneOutputs, PopulationInsideCountsPointsInOrOnThePolygon) {
  const GeosGeometry area = geos_from_wkt("POLYGON((6 48, 6.1 48, 6.1 48.1, 6 48.1, 6 48))");
  const std::vector<DemandPoint> demand{{0, {6.05, 48.05}, 120.0},  // inside
                                        {0, {6.1, 48.05}, 7.5},     // on the boundary
                                        {1, {6.2, 48.05}, 1000.0},  // outside
                                        {1, {6.01, 48.09}, 30.0}};  // inside
  EXPECT_DOUBLE_EQ(population_inside(*area, demand), 157.5);
  EXPECT_DOUBLE_EQ(population_inside(*area, {}), 0.0);
}

}  // namespace
}  // namespace couverture
