// geodata/geos_operations, tested here beside their first user (the
// isochrones).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "couverture/geodata/geos_operations.hpp"

namespace couverture {
namespace {

TEST(GeosOperations, MultiLineHoldsTheSegments) {
  const std::vector<PlanarSegment> segments{{0, 0, 10, 0}, {0, 5, 0, 8}};
  const GeosGeometry lines = geos_multi_line(segments);
  const GeosGeometry expected = geos_from_wkt("MULTILINESTRING ((0 0, 10 0), (0 5, 0 8))");
  EXPECT_EQ(GEOSEqualsExact_r(geos_context(), lines.get(), expected.get(), 0.0), 1);
  EXPECT_EQ(GEOSisEmpty_r(geos_context(), geos_multi_line({}).get()), 1);
}

TEST(GeosOperations, MergedLinesDissolveOverlapsAndChains) {
  // 0-10 and 5-15 overlap on 5-10, 15-20 continues them: one line, 20 long
  // (a plain multi-line would measure 25).
  const std::vector<PlanarSegment> segments{{0, 0, 10, 0}, {15, 0, 5, 0}, {15, 0, 20, 0}};
  const GeosGeometry merged = geos_merged_lines(segments);
  double length = 0.0;
  GEOSLength_r(geos_context(), merged.get(), &length);
  EXPECT_DOUBLE_EQ(length, 20.0);
  EXPECT_EQ(GEOSGetNumGeometries_r(geos_context(), merged.get()), 1);
}

TEST(GeosOperations, BufferOfASegmentIsAStadium) {
  // Length 100, radius 10: 100 x 20 + a circle drawn as a 4k-gon with k
  // segments per quarter: (4k / 2) sin(2 pi / 4k) r^2.
  const std::vector<PlanarSegment> segment{{0, 0, 100, 0}};
  const GeosGeometry stadium = geos_buffer(*geos_multi_line(segment), 10.0, 8);
  const double polygon_circle = 16.0 * std::sin(2.0 * std::numbers::pi / 32.0) * 100.0;
  EXPECT_NEAR(geos_area(*stadium), 2000.0 + polygon_circle, 1e-6);
  EXPECT_TRUE(geos_covers(*stadium, *geos_point(105.0, 8.0)));
  EXPECT_FALSE(geos_covers(*stadium, *geos_point(50.0, 10.5)));
}

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

TEST(GeosOperations, WithoutSliversDropsTinyPolygonsAndHoles) {
  // A 10 x 10 square with a 4 x 4 hole (area 16) and a 0.01 x 0.01 hole
  // (1e-4), plus a sliver triangle of area 0.5 * 10 * 1e-5 = 5e-5.
  const GeosGeometry input = geos_from_wkt(
      "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(1 1,5 1,5 5,1 5,1 1),"
      "(7 7,7.01 7,7.01 7.01,7 7.01,7 7)),((20 0,30 0,20 0.00001,20 0)))");
  const GeosGeometry cleaned = geos_without_slivers(*input, 0.001);
  // 100 - 16: the small hole is filled, the sliver gone.
  EXPECT_NEAR(geos_area(*cleaned), 84.0, 1e-9);
  EXPECT_EQ(GEOSGetNumGeometries_r(geos_context(), cleaned.get()), 1);
  EXPECT_EQ(GEOSGetNumInteriorRings_r(geos_context(),
                                      GEOSGetGeometryN_r(geos_context(), cleaned.get(), 0)),
            1);
  EXPECT_TRUE(geos_is_valid(*cleaned));
  // Nothing left is an empty MultiPolygon, not an error.
  EXPECT_NEAR(geos_area(*geos_without_slivers(*input, 1000.0)), 0.0, 0.0);
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
