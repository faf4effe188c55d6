#include "couverture/geodata/contour_polygons.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "couverture/geodata/geos_operations.hpp"

namespace couverture {
namespace {

// A 10 × 10 grid of 10 m cells; cell (c, r) has its centre at
// (105 + 10c, 195 - 10r).
RasterGrid grid10() {
  RasterGrid grid;
  grid.min_x = 100.0;
  grid.max_y = 200.0;
  grid.cell_m = 10.0;
  grid.columns = 10;
  grid.rows = 10;
  grid.crs = "EPSG:2154";
  return grid;
}

// Values rising by one per column (value c in column c): the level L
// contour is the vertical line through x = 105 + 10 L, and the area below
// it runs from the raster's west edge, x = 100, and between its north and
// south edges, which areas reach halfway beyond the outer centres; corners
// are cut diagonally from one outer edge's midpoint to the other's: the
// grid's two west corners (12.5 m² each) and, where the contour meets the
// north and south edges, a triangle 5 m high and as wide as the contour is
// from the last centre (5 m for a level halfway between centres: 12.5 m²).
std::vector<float> ramp() {
  std::vector<float> values(100);
  for (int r = 0; r < 10; ++r) {
    for (int c = 0; c < 10; ++c) values[r * 10 + c] = static_cast<float>(c);
  }
  return values;
}

double x_max(const GeosGeometry& g) {
  double x = 0.0;
  GEOSGeom_getXMax_r(geos_context(), g.get(), &x);
  return x;
}

TEST(ContourPolygons, LinearRampGivesTheInterpolatedLine) {
  const std::vector<double> levels = {2.5, 4.5};
  const std::vector<GeosGeometry> bands =
      contour_polygons(grid10(), ramp(), levels, ContourForm::bands);
  ASSERT_EQ(bands.size(), 2u);
  // Level 2.5 lies halfway between the centres of columns 2 and 3: x = 130.
  EXPECT_NEAR(x_max(bands[0]), 130.0, 1e-3);
  EXPECT_NEAR(geos_area(*bands[0]), 30.0 * 100.0 - 50.0, 0.1);
  EXPECT_NEAR(x_max(bands[1]), 150.0, 1e-3);
  EXPECT_NEAR(geos_area(*bands[1]), 50.0 * 100.0 - 50.0, 0.1);
  EXPECT_TRUE(geos_covers(*bands[1], *bands[0]));
}

TEST(ContourPolygons, RingsAreDisjointAndAddUpToTheBands) {
  const std::vector<double> levels = {2.5, 4.5, 7.25};
  const std::vector<GeosGeometry> bands =
      contour_polygons(grid10(), ramp(), levels, ContourForm::bands);
  const std::vector<GeosGeometry> rings =
      contour_polygons(grid10(), ramp(), levels, ContourForm::rings);
  ASSERT_EQ(rings.size(), 3u);
  EXPECT_NEAR(geos_area(*rings[0]), 3000.0 - 50.0, 0.1);
  EXPECT_NEAR(geos_area(*rings[1]), 2000.0, 0.1);  // 130 <= x <= 150 (the cuts cancel)
  // 150 <= x <= 177.5, less the 7.25 contour's smaller border cuts (2.5 m × 5 m / 2 each).
  EXPECT_NEAR(geos_area(*rings[2]), 2750.0 + 25.0 - 12.5, 0.1);
  for (std::size_t k = 0; k < 3; ++k) {
    double band = 0.0;
    for (std::size_t j = 0; j <= k; ++j) band += geos_area(*rings[j]);
    EXPECT_NEAR(band, geos_area(*bands[k]), 0.1);
  }
  EXPECT_NEAR(geos_area(*geos_union(*rings[0], *rings[1])), 5000.0 - 50.0, 0.1);  // no overlap
}

TEST(ContourPolygons, AValueEqualToTheLevelIsWithinIt) {
  // Columns 0-3 at exactly 5 minutes, the rest at 9: the 5-minute band holds
  // the four columns, up to column 3's centre (x = 135) and the west edge.
  std::vector<float> values(100, 9.0F);
  for (int r = 0; r < 10; ++r) {
    for (int c = 0; c < 4; ++c) values[r * 10 + c] = 5.0F;
  }
  const std::vector<double> level = {5.0};
  std::vector<GeosGeometry> band = contour_polygons(grid10(), values, level, ContourForm::bands);
  EXPECT_NEAR(x_max(band[0]), 135.0, 0.01);
  // Crossing at the centres: no cut there; the two west corners' 25 m².
  EXPECT_NEAR(geos_area(*band[0]), 35.0 * 100.0 - 25.0, 1.0);
  // 6 ms later than 5 minutes is beyond: nothing is within 5 minutes.
  for (int r = 0; r < 10; ++r) {
    for (int c = 0; c < 4; ++c) values[r * 10 + c] = 5.0001F;
  }
  band = contour_polygons(grid10(), values, level, ContourForm::bands);
  EXPECT_EQ(GEOSisEmpty_r(geos_context(), band[0].get()), 1);
}

TEST(ContourPolygons, NoDataCellsAndFarValuesStayOut) {
  std::vector<float> values(100, kNoSurfaceValue);
  values[5 * 10 + 5] = 1.0F;  // one timed cell among cells without time
  const std::vector<double> level = {3.0};
  std::vector<GeosGeometry> band = contour_polygons(grid10(), values, level, ContourForm::bands);
  // Its own cell, cut halfway to each neighbour: the diamond through the
  // midpoints of its edges, half the cell.
  EXPECT_NEAR(geos_area(*band[0]), 50.0, 1e-6);
  // The same cell among cells beyond every level: the contour runs between
  // centres, where the value crosses 3 (a diamond around the centre).
  std::fill(values.begin(), values.end(), 1e6F);
  values[5 * 10 + 5] = 1.0F;
  band = contour_polygons(grid10(), values, level, ContourForm::bands);
  EXPECT_GT(geos_area(*band[0]), 0.0);
  EXPECT_LT(geos_area(*band[0]), 1.0);
  // Nothing below the level: an empty polygon.
  std::fill(values.begin(), values.end(), 9.0F);
  band = contour_polygons(grid10(), values, level, ContourForm::bands);
  EXPECT_EQ(GEOSisEmpty_r(geos_context(), band[0].get()), 1);
}

// Bits of `values` in the grid: every cell centre with a value <= the level
// lies inside the band, every other centre outside (centres are never on a
// boundary: the crossings lie strictly between them).
void expect_centres_classified(const RasterGrid& grid, const std::vector<float>& values,
                               double level, const GeosGeometry& band) {
  const GeosPrepared prepared = geos_prepare(*band);
  for (std::uint32_t r = 0; r < grid.rows; ++r) {
    for (std::uint32_t c = 0; c < grid.columns; ++c) {
      const float v = values[r * grid.columns + c];
      const bool expected = v != kNoSurfaceValue && v <= level;
      const GeosGeometry point = geos_point(grid.centre_x(c), grid.centre_y(r));
      EXPECT_EQ(GEOSPreparedIntersects_r(geos_context(), prepared.get(), point.get()) == 1,
                expected)
          << "cell " << c << "," << r << " value " << v << " level " << level;
    }
  }
}

TEST(ContourPolygons, HolesAndIslandsNestAsTheValuesSay) {
  // A low plateau (1) with a high pit (9) holding a low island (1) again,
  // and a separate low area in a corner: two polygons, one with a hole.
  RasterGrid grid = grid10();
  std::vector<float> values(100, 9.0F);
  for (int r = 1; r <= 8; ++r) {
    for (int c = 1; c <= 6; ++c) values[r * 10 + c] = 1.0F;
  }
  for (int r = 3; r <= 6; ++r) {
    for (int c = 2; c <= 5; ++c) values[r * 10 + c] = 9.0F;
  }
  values[4 * 10 + 3] = 1.0F;
  values[9 * 10 + 9] = 1.0F;
  const std::vector<double> level = {5.0};
  const std::vector<GeosGeometry> band = contour_polygons(grid, values, level, ContourForm::bands);
  EXPECT_TRUE(geos_is_valid(*band[0])) << geos_invalid_reason(*band[0]);
  EXPECT_EQ(GEOSGetNumGeometries_r(geos_context(), band[0].get()), 3);  // plateau, island, corner
  expect_centres_classified(grid, values, 5.0, band[0]);
}

TEST(ContourPolygons, RandomSurfacesGiveValidAreasThatClassifyEveryCentre) {
  RasterGrid grid = grid10();
  grid.columns = 23;
  grid.rows = 17;
  std::uint32_t seed = 12345;
  const auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<float>(seed >> 8) / static_cast<float>(1u << 24);
  };
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<float> values(grid.cell_count());
    for (float& v : values) {
      const float u = next();
      v = u < 0.1F ? kNoSurfaceValue : 20.0F * next();  // one cell in ten without time
    }
    const std::vector<double> levels = {5.0, 10.0, 15.0};
    const std::vector<GeosGeometry> bands =
        contour_polygons(grid, values, levels, ContourForm::bands);
    for (std::size_t k = 0; k < levels.size(); ++k) {
      EXPECT_TRUE(geos_is_valid(*bands[k])) << geos_invalid_reason(*bands[k]);
      expect_centres_classified(grid, values, levels[k], bands[k]);
      if (k > 0) {
        EXPECT_TRUE(geos_covers(*bands[k], *bands[k - 1]))
            << geos_to_wkt(*geos_difference(*bands[k - 1], *bands[k])) << "\nvalues:" << [&] {
                 std::string text;
                 for (std::uint32_t r = 0; r < grid.rows; ++r) {
                   text += "\n";
                   for (std::uint32_t c = 0; c < grid.columns; ++c) {
                     text += std::to_string(static_cast<int>(values[r * grid.columns + c])) + " ";
                   }
                 }
                 return text;
               }();
      }
    }
  }
}

TEST(ContourPolygons, RejectsBadArguments) {
  const std::vector<double> decreasing = {5.0, 2.0};
  EXPECT_THROW(contour_polygons(grid10(), ramp(), decreasing, ContourForm::bands),
               std::invalid_argument);
  const std::vector<float> short_values(10, 1.0F);
  const std::vector<double> level = {5.0};
  EXPECT_THROW(contour_polygons(grid10(), short_values, level, ContourForm::bands),
               std::invalid_argument);
  const std::vector<double> infinite = {std::numeric_limits<double>::infinity()};
  EXPECT_THROW(contour_polygons(grid10(), ramp(), infinite, ContourForm::bands),
               std::invalid_argument);
}

}  // namespace
}  // namespace couverture
