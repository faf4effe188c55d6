#include "couverture/engine/demand_spreader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace couverture {
namespace {

Commune square_commune(const std::string& code, double population, double lon0, double lat0,
                       double size_deg) {
  Commune commune;
  commune.code = code;
  commune.name = code;
  commune.population = population;
  const std::string wkt = "POLYGON((" + std::to_string(lon0) + " " + std::to_string(lat0) + "," +
                          std::to_string(lon0 + size_deg) + " " + std::to_string(lat0) + "," +
                          std::to_string(lon0 + size_deg) + " " + std::to_string(lat0 + size_deg) +
                          "," + std::to_string(lon0) + " " + std::to_string(lat0 + size_deg) + "," +
                          std::to_string(lon0) + " " + std::to_string(lat0) + "))";
  commune.boundary = geos_from_wkt(wkt);
  return commune;
}

TEST(DemandSpreader, EveryPersonIsCountedOnceAndPointsLieInsideTheirCommune) {
  std::vector<Commune> communes;
  communes.push_back(square_commune("88383", 7388, 6.55, 48.00, 0.05));
  communes.push_back(square_commune("88158", 3138, 6.60, 48.08, 0.03));
  const auto demand = spread_demand_evenly(communes, 500.0);
  std::vector<double> totals(2, 0.0);
  for (const DemandPoint& point : demand) {
    totals[point.commune] += point.population;
    const Commune& c = communes[point.commune];
    const GeosGeometry p = geos_point(point.position.lon, point.position.lat);
    EXPECT_EQ(GEOSContains_r(geos_context(), c.boundary.get(), p.get()), 1);
  }
  EXPECT_NEAR(totals[0], 7388, 1e-6);
  EXPECT_NEAR(totals[1], 3138, 1e-6);
}

TEST(DemandSpreader, GridSpacingGivesTheExpectedNumberOfPoints) {
  // 0.05° of latitude ≈ 5.56 km and 0.05° of longitude at 48° ≈ 3.72 km: a
  // 500 m grid has about 11 × 7 = 77 cells over the square.
  std::vector<Commune> communes;
  communes.push_back(square_commune("1", 1000, 6.55, 48.00, 0.05));
  const auto demand = spread_demand_evenly(communes, 500.0);
  EXPECT_GE(demand.size(), 70u);
  EXPECT_LE(demand.size(), 90u);
}

TEST(EstimatedGridPoints, CountsTheEnvelopeCellsPlusOnePerCommuneBeforePlacingAny) {
  // 0.05° square at lat 48–48.05, 500 m: step_lat = 500 / 111 195.08 m =
  // 0.0044966°, 0.05 / it = 11.12 -> 12 rows; step_lon = step_lat /
  // cos(48.025°) = 0.0067234°, 0.05 / it = 7.44 -> 8 columns; 96 + 1.
  std::vector<Commune> communes;
  communes.push_back(square_commune("1", 1000, 6.55, 48.00, 0.05));
  EXPECT_DOUBLE_EQ(estimated_grid_points(communes, 500.0), 97.0);
  EXPECT_GE(estimated_grid_points(communes, 500.0),
            static_cast<double>(spread_demand_evenly(communes, 500.0).size()));
  EXPECT_EQ(estimated_grid_points(communes, 0.0), std::numeric_limits<double>::infinity());
  EXPECT_EQ(estimated_grid_points(communes, std::nan("")), std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(estimated_grid_points({}, 500.0), 0.0);
}

TEST(DemandSpreader, ATinyCommuneGetsOnePointCarryingEveryone) {
  std::vector<Commune> communes;
  communes.push_back(square_commune("1", 264, 6.50, 47.95, 0.001));
  const auto demand = spread_demand_evenly(communes, 500.0);
  ASSERT_EQ(demand.size(), 1u);
  EXPECT_DOUBLE_EQ(demand[0].population, 264);
  EXPECT_NEAR(demand[0].position.lon, 6.5005, 0.001);
}

TEST(DemandSpreader, EachPointCarriesAnEqualShareOfEveryBand) {
  std::vector<Commune> communes;
  communes.push_back(square_commune("1", 1000, 6.55, 48.00, 0.02));
  communes[0].population_by_band = {40, 50, 90, 100, 720};
  const auto demand = spread_demand_evenly(communes, 500.0);
  ASSERT_GT(demand.size(), 4u);
  const double n = static_cast<double>(demand.size());
  BandPopulation sums{};
  for (const DemandPoint& point : demand) {
    EXPECT_NEAR(point.population, 1000 / n, 1e-9);
    EXPECT_NEAR(point.by_band[0], 40 / n, 1e-12);
    EXPECT_NEAR(point.by_band[4], 720 / n, 1e-12);
    EXPECT_NEAR(total_of(point.by_band), point.population, 1e-9);
    for (std::size_t b = 0; b < kAgeBandCount; ++b) sums[b] += point.by_band[b];
  }
  for (std::size_t b = 0; b < kAgeBandCount; ++b) {
    EXPECT_NEAR(sums[b], communes[0].population_by_band[b], 1e-9);
  }
}

TEST(GridFrame, StepsAreTheSpacingOnTheMeanSphereAtMidLatitude) {
  // 1000 m / (6371008.8 m × π / 180) = 0.0089932° of latitude; at the middle
  // latitude 48.05°, a degree of longitude is cos(48.05°) = 0.66848 shorter.
  const GeosGeometry area =
      geos_from_wkt("POLYGON((6.5 48.0,6.6 48.0,6.6 48.1,6.5 48.1,6.5 48.0))");
  const GridFrame frame = grid_frame_over(*area, 1000.0);
  EXPECT_DOUBLE_EQ(frame.min_lon, 6.5);
  EXPECT_DOUBLE_EQ(frame.min_lat, 48.0);
  EXPECT_DOUBLE_EQ(frame.max_lon, 6.6);
  EXPECT_DOUBLE_EQ(frame.max_lat, 48.1);
  EXPECT_NEAR(frame.step_lat, 0.0089932, 1e-7);
  EXPECT_NEAR(frame.step_lon, 0.0089932 / 0.66848, 1e-6);
  EXPECT_THROW((void)grid_frame_over(*area, 0.0), std::invalid_argument);
  EXPECT_THROW((void)grid_frame_over(*area, -5.0), std::invalid_argument);
}

TEST(GridPointsInside, APartOfTheAreaGetsTheSameNodesAsTheWholeInsideIt) {
  // Nodes come from one frame, so the grid of a sub-area is the whole area's
  // grid restricted to it (the residential land use demand relies on it).
  const GeosGeometry whole =
      geos_from_wkt("POLYGON((6.5 48.0,6.6 48.0,6.6 48.1,6.5 48.1,6.5 48.0))");
  const GeosGeometry part =
      geos_from_wkt("POLYGON((6.53 48.02,6.57 48.02,6.57 48.07,6.53 48.07,6.53 48.02))");
  const GridFrame frame = grid_frame_over(*whole, 1000.0);
  const std::vector<LonLat> all = grid_points_inside(*whole, frame);
  const std::vector<LonLat> some = grid_points_inside(*part, frame);
  std::vector<LonLat> expected;  // the naive filter of the whole grid
  for (const LonLat& p : all) {
    if (p.lon > 6.53 && p.lon < 6.57 && p.lat > 48.02 && p.lat < 48.07) expected.push_back(p);
  }
  ASSERT_FALSE(expected.empty());
  ASSERT_EQ(some.size(), expected.size());
  for (std::size_t i = 0; i < some.size(); ++i) {
    EXPECT_NEAR(some[i].lon, expected[i].lon, 1e-12);
    EXPECT_NEAR(some[i].lat, expected[i].lat, 1e-12);
  }
  // The first node is half a step in from the corner.
  EXPECT_NEAR(all.front().lon, 6.5 + frame.step_lon / 2, 1e-12);
  EXPECT_NEAR(all.front().lat, 48.0 + frame.step_lat / 2, 1e-12);
}

TEST(GridPointsInside, NoNodeInAnEmptyAreaOrAnUnsetFrame) {
  const GeosGeometry area = geos_from_wkt("POLYGON((6.5 48.0,6.6 48.0,6.6 48.1,6.5 48.0))");
  EXPECT_TRUE(grid_points_inside(*area, GridFrame{}).empty());
  const GeosGeometry empty = geos_from_wkt("POLYGON EMPTY");
  EXPECT_TRUE(grid_points_inside(*empty, grid_frame_over(*area, 500.0)).empty());
}

TEST(RegularGridPoints, ATinyAreaGetsItsPointOnSurface) {
  const GeosGeometry area =
      geos_from_wkt("POLYGON((6.5 48.0,6.501 48.0,6.501 48.001,6.5 48.001,6.5 48.0))");
  const std::vector<LonLat> points = regular_grid_points(*area, 500.0);
  ASSERT_EQ(points.size(), 1u);
  const LonLat surface = point_on_surface(*area);
  EXPECT_EQ(points[0], surface);
  EXPECT_GT(surface.lon, 6.5);
  EXPECT_LT(surface.lon, 6.501);
  EXPECT_GT(surface.lat, 48.0);
  EXPECT_LT(surface.lat, 48.001);
}

TEST(DemandSpreader, RejectsNonPositiveSpacing) {
  EXPECT_THROW(spread_demand_evenly({}, 0.0), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
