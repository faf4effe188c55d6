// geodata/geos_operations.
#include "couverture/geodata/geos_operations.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "couverture/geodata/lon_lat.hpp"

namespace couverture {
namespace {

TEST(GeosOperations, UnionDifferenceAreaCovers) {
  const GeosGeometry a = geos_from_wkt("POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))");
  const GeosGeometry b = geos_from_wkt("POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))");
  EXPECT_DOUBLE_EQ(geos_area(*geos_union(*a, *b)), 7.0);
  EXPECT_DOUBLE_EQ(geos_area(*geos_difference(*a, *b)), 3.0);
  const std::vector<const GEOSGeometry*> parts{a.get(), b.get()};
  EXPECT_DOUBLE_EQ(geos_area(*geos_union_all(parts)), 7.0);
  EXPECT_DOUBLE_EQ(geos_area(*geos_union_all({})), 0.0);
  EXPECT_TRUE(geos_covers(*geos_union(*a, *b), *a));
  EXPECT_FALSE(geos_covers(*a, *b));
  EXPECT_TRUE(geos_covers(*a, *geos_point(2.0, 1.0)));  // boundary included
  const GeosGeometry empty = geos_empty_polygon();
  EXPECT_EQ(GEOSisEmpty_r(geos_context(), empty.get()), 1);
  EXPECT_EQ(GEOSGeomTypeId_r(geos_context(), empty.get()), GEOS_POLYGON);
}

TEST(GeosOperations, ReprojectionRoundTripsAndKeepsMetres) {
  const LocalProjection frame(LonLat{6.6, 48.0});
  const GeosGeometry local = geos_from_wkt("LINESTRING(0 0, 3000 4000)");
  const GeosGeometry wgs84 = geos_to_wgs84(*local, frame);
  // 5 km from the centre, measured on the ellipsoid.
  double lon = 0.0;
  double lat = 0.0;
  const GeosGeometry end = take_geos(GEOSGeomGetEndPoint_r(geos_context(), wgs84.get()), "end");
  GEOSGeomGetX_r(geos_context(), end.get(), &lon);
  GEOSGeomGetY_r(geos_context(), end.get(), &lat);
  EXPECT_NEAR(geodesic_distance_m({6.6, 48.0}, {lon, lat}), 5000.0, 1e-6);
  const GeosGeometry back = geos_to_local(*wgs84, frame);
  double length = 0.0;
  GEOSLength_r(geos_context(), back.get(), &length);
  EXPECT_NEAR(length, 5000.0, 1e-6);
}

}  // namespace
}  // namespace couverture
