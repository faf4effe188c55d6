#include "couverture/geodata/raster_grid.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "couverture/geodata/crs_transformation.hpp"

namespace couverture {
namespace {

TEST(RasterGrid, CoversTheExtentAlignedOnTheCellSize) {
  const RasterGrid grid = grid_covering(1012.0, 2003.0, 1161.0, 2049.0, 50.0, "EPSG:2154");
  EXPECT_DOUBLE_EQ(grid.min_x, 1000.0);
  EXPECT_DOUBLE_EQ(grid.max_y, 2050.0);
  EXPECT_EQ(grid.columns, 4u);  // 1000..1200 covers 1161
  EXPECT_EQ(grid.rows, 1u);     // 2000..2050 covers 2003..2049
  EXPECT_DOUBLE_EQ(grid.centre_x(0), 1025.0);
  EXPECT_DOUBLE_EQ(grid.centre_y(0), 2025.0);
  EXPECT_DOUBLE_EQ(grid.max_x(), 1200.0);
  EXPECT_DOUBLE_EQ(grid.min_y(), 2000.0);
}

TEST(RasterGrid, WindowIsAGridOfItsOwn) {
  const RasterGrid grid = grid_covering(0.0, 0.0, 1000.0, 1000.0, 10.0, "EPSG:2154");
  const RasterGrid window = window_grid(grid, {3, 5, 7, 2});
  EXPECT_DOUBLE_EQ(window.min_x, 30.0);
  EXPECT_DOUBLE_EQ(window.max_y, 950.0);
  EXPECT_EQ(window.columns, 7u);
  EXPECT_EQ(window.rows, 2u);
  EXPECT_DOUBLE_EQ(window.centre_x(0), grid.centre_x(3));
  EXPECT_DOUBLE_EQ(window.centre_y(1), grid.centre_y(6));
}

TEST(RasterGrid, RefusesBadCellsAndGridsTooLarge) {
  EXPECT_THROW(grid_covering(0, 0, 10, 10, 0.0, "EPSG:2154"), std::invalid_argument);
  EXPECT_THROW(grid_covering(0, 0, 10, 10, std::nan(""), "EPSG:2154"), std::invalid_argument);
  EXPECT_THROW(grid_covering(10, 0, 0, 10, 1.0, "EPSG:2154"), std::invalid_argument);
  EXPECT_THROW(grid_covering(0, 0, 1e6, 1e6, 1.0, "EPSG:2154", 1000), std::invalid_argument);
}

TEST(CrsTransformation, Lambert93RoundTripsAKnownPoint) {
  // Lambert-93's false origin: (700 000, 6 600 000) is 3°E, 46.5°N.
  const CrsTransformation l93("EPSG:2154");
  double x[2] = {3.0, 6.59};
  double y[2] = {46.5, 48.02};
  l93.from_wgs84(x, y);
  EXPECT_NEAR(x[0], 700000.0, 1e-3);
  EXPECT_NEAR(y[0], 6600000.0, 1e-3);
  l93.to_wgs84(x, y);
  EXPECT_NEAR(x[1], 6.59, 1e-9);
  EXPECT_NEAR(y[1], 48.02, 1e-9);
}

TEST(CrsTransformation, RefusesUnknownAndGeographicCrs) {
  EXPECT_THROW(CrsTransformation("EPSG:999999"), std::invalid_argument);
  EXPECT_THROW(CrsTransformation("EPSG:4326"), std::invalid_argument);
  EXPECT_NO_THROW(CrsTransformation("EPSG:3763"));
}

}  // namespace
}  // namespace couverture
