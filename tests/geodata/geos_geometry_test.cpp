// geodata/geos_geometry: the RAII owners of GEOS geometries and the
// conversions to and from WKB and WKT.
#include "couverture/geodata/geos_geometry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace couverture {
namespace {

double x_of(const GEOSGeometry& point) {
  double x = 0.0;
  GEOSGeomGetX_r(geos_context(), &point, &x);
  return x;
}

double y_of(const GEOSGeometry& point) {
  double y = 0.0;
  GEOSGeomGetY_r(geos_context(), &point, &y);
  return y;
}

double area_of(const GEOSGeometry& geometry) {
  double area = 0.0;
  GEOSArea_r(geos_context(), &geometry, &area);
  return area;
}

bool exactly_equal(const GEOSGeometry& a, const GEOSGeometry& b) {
  return GEOSEqualsExact_r(geos_context(), &a, &b, 0.0) == 1;
}

// ISO WKB of POINT (1.5 2) in little-endian order (byte order 1), worked out
// by hand: type 1 as uint32, then x = 1.5 = 0x3FF8000000000000 and y = 2 =
// 0x4000000000000000 as IEEE 754 doubles, least significant byte first.
const std::vector<unsigned char> kPointWkb = {
    0x01,                                            // little endian
    0x01, 0x00, 0x00, 0x00,                          // type 1: Point
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F,  // x = 1.5
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40,  // y = 2
};

TEST(GeosGeometry, MovingTransfersOwnershipAndResetReleasesIt) {
  GeosGeometry first = geos_point(1.0, 2.0);
  const GEOSGeometry* raw = first.get();
  GeosGeometry second = std::move(first);
  EXPECT_EQ(first.get(), nullptr);  // NOLINT(bugprone-use-after-move): the point of the test
  EXPECT_EQ(second.get(), raw);
  EXPECT_EQ(x_of(*second), 1.0);
  second.reset();
  EXPECT_EQ(second.get(), nullptr);
  // A moved-into owner destroys what it held before (ASan reports a leak
  // otherwise) and takes the new geometry.
  GeosGeometry third = geos_point(3.0, 4.0);
  third = geos_point(5.0, 6.0);
  EXPECT_EQ(y_of(*third), 6.0);
}

TEST(GeosGeometry, CloneIsIndependentOfItsOriginal) {
  GeosGeometry square = geos_from_wkt("POLYGON ((0 0, 3 0, 3 3, 0 3, 0 0))");
  const GeosGeometry copy = geos_clone(*square);
  EXPECT_NE(copy.get(), square.get());
  EXPECT_TRUE(exactly_equal(*copy, *square));
  square.reset();  // the copy owns its own coordinates (ASan: no use after free)
  EXPECT_DOUBLE_EQ(area_of(*copy), 9.0);
}

TEST(GeosGeometry, WkbIsTheIsoEncodingAndReadsBack) {
  EXPECT_EQ(geos_to_wkb(*geos_point(1.5, 2.0)), kPointWkb);
  const GeosGeometry point = geos_from_wkb(kPointWkb);
  EXPECT_EQ(GEOSGeomTypeId_r(geos_context(), point.get()), GEOS_POINT);
  EXPECT_EQ(x_of(*point), 1.5);
  EXPECT_EQ(y_of(*point), 2.0);

  const GeosGeometry polygon = geos_from_wkt("POLYGON ((0 0, 4 0, 4 1, 0 1, 0 0))");
  const GeosGeometry back = geos_from_wkb(geos_to_wkb(*polygon));
  EXPECT_TRUE(exactly_equal(*back, *polygon));
  EXPECT_DOUBLE_EQ(area_of(*back), 4.0);
}

TEST(GeosGeometry, TruncatedWkbIsRefusedWithGeosReason) {
  const std::vector<unsigned char> truncated(kPointWkb.begin(), kPointWkb.begin() + 12);
  try {
    (void)geos_from_wkb(truncated);
    FAIL() << "a truncated WKB was read";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("GEOS WKB read failed"), std::string::npos)
        << error.what();
  }
}

TEST(GeosGeometry, WktRoundTripKeepsTheCoordinates) {
  const GeosGeometry line = geos_from_wkt("LINESTRING (0.25 -1, 10 20.5, 7 3)");
  const GeosGeometry back = geos_from_wkt(geos_to_wkt(*line));
  EXPECT_TRUE(exactly_equal(*back, *line));
  double length = 0.0;
  GEOSLength_r(geos_context(), back.get(), &length);
  // Segments: (9.75, 21.5) and (-3, -17.5) long.
  EXPECT_NEAR(length, std::hypot(9.75, 21.5) + std::hypot(3.0, 17.5), 1e-12);
  EXPECT_EQ(geos_to_wkt(*geos_point(1.5, 2.0)).rfind("POINT", 0), 0u);
}

TEST(GeosGeometry, MalformedWktAndNullResultsThrowNamingTheOperation) {
  EXPECT_THROW((void)geos_from_wkt("POLYGON ((0 0, 1 1"), std::runtime_error);
  try {
    (void)take_geos(nullptr, "buffer");
    FAIL() << "a null GEOS result was taken";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()).rfind("GEOS buffer failed", 0), 0u) << error.what();
  }
}

TEST(GeosGeometry, PreparedGeometryAnswersContainment) {
  const GeosGeometry square = geos_from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
  const GeosPrepared prepared = geos_prepare(*square);
  EXPECT_EQ(GEOSPreparedContains_r(geos_context(), prepared.get(), geos_point(1.0, 1.0).get()), 1);
  EXPECT_EQ(GEOSPreparedContains_r(geos_context(), prepared.get(), geos_point(3.0, 1.0).get()), 0);
}

// A bow tie crossing itself at (1 1): two triangles of area 1 each (base 2
// on the sides x = 0 and x = 2, height 1 to the crossing).
constexpr const char* kBowTie = "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))";

TEST(GeosGeometry, ValidityNamesTheSelfIntersection) {
  const GeosGeometry square = geos_from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
  EXPECT_TRUE(geos_is_valid(*square));
  const GeosGeometry bow_tie = geos_from_wkt(kBowTie);
  EXPECT_FALSE(geos_is_valid(*bow_tie));
  EXPECT_EQ(geos_invalid_reason(*bow_tie), "Self-intersection[1 1]");
}

TEST(GeosGeometry, MakeValidKeepsTheAreaOnly) {
  const GeosGeometry valid = geos_make_valid_polygonal(*geos_from_wkt(kBowTie));
  EXPECT_TRUE(geos_is_valid(*valid));
  EXPECT_EQ(GEOSGeomTypeId_r(geos_context(), valid.get()), GEOS_MULTIPOLYGON);
  EXPECT_DOUBLE_EQ(area_of(*valid), 2.0);

  // A square with a dangling edge out to (4 0): MakeValid returns the
  // square with the edge as a line; the edge has no area and is dropped.
  const GeosGeometry with_spike = geos_from_wkt(
      "GEOMETRYCOLLECTION (POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0)), "
      "LINESTRING (2 0, 4 0))");
  const GeosGeometry area = geos_make_valid_polygonal(*with_spike);
  const int type = GEOSGeomTypeId_r(geos_context(), area.get());
  EXPECT_TRUE(type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) << geos_to_wkt(*area);
  EXPECT_DOUBLE_EQ(area_of(*area), 4.0);
  double length = 0.0;
  GEOSLength_r(geos_context(), area.get(), &length);
  EXPECT_DOUBLE_EQ(length, 8.0);  // the square's perimeter, without the 2-unit edge
}

TEST(GeosGeometry, EachThreadHasItsOwnContext) {
  const GEOSContextHandle_t here = geos_context();
  EXPECT_EQ(geos_context(), here);
  bool there_differs = false;
  double there_area = 0.0;
  std::thread worker([&] {
    // Compared while both contexts are alive: the worker's ends with it.
    there_differs = geos_context() != nullptr && geos_context() != here;
    there_area = area_of(*geos_from_wkt("POLYGON ((0 0, 5 0, 5 1, 0 1, 0 0))"));
  });
  worker.join();
  EXPECT_TRUE(there_differs);
  EXPECT_DOUBLE_EQ(there_area, 5.0);
}

}  // namespace
}  // namespace couverture
