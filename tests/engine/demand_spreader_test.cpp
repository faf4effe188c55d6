#include "couverture/engine/demand_spreader.hpp"

#include <gtest/gtest.h>

#include <cmath>

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

TEST(DemandSpreader, ATinyCommuneGetsOnePointCarryingEveryone) {
  std::vector<Commune> communes;
  communes.push_back(square_commune("1", 264, 6.50, 47.95, 0.001));
  const auto demand = spread_demand_evenly(communes, 500.0);
  ASSERT_EQ(demand.size(), 1u);
  EXPECT_DOUBLE_EQ(demand[0].population, 264);
  EXPECT_NEAR(demand[0].position.lon, 6.5005, 0.001);
}

TEST(DemandSpreader, RejectsNonPositiveSpacing) {
  EXPECT_THROW(spread_demand_evenly({}, 0.0), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
