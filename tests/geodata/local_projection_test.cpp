#include "couverture/geodata/local_projection.hpp"

#include <gtest/gtest.h>

#include <random>
#include <utility>
#include <vector>

namespace couverture {
namespace {

TEST(LocalProjection, RoundTripsAndMeasuresMetres) {
  const LocalProjection projection(LonLat{6.0, 48.0});
  const LocalXY centre = projection.forward({6.0, 48.0});
  EXPECT_NEAR(centre.x, 0.0, 1e-6);
  EXPECT_NEAR(centre.y, 0.0, 1e-6);
  // Azimuthal equidistant: the distance from the centre is the geodesic one.
  const LocalXY north = projection.forward({6.0, 48.01});
  EXPECT_NEAR(north.x, 0.0, 1e-6);
  EXPECT_NEAR(north.y, 1111.90, 0.05);
  const LonLat back = projection.inverse({1234.5, -678.9});
  const LocalXY again = projection.forward(back);
  EXPECT_NEAR(again.x, 1234.5, 1e-6);
  EXPECT_NEAR(again.y, -678.9, 1e-6);
}

TEST(LocalProjection, AroundCentresOnTheBoundingBox) {
  const std::vector<LonLat> points = {{6.0, 48.0}, {6.4, 47.8}, {6.2, 48.2}};
  LocalProjection projection = LocalProjection::around(points);
  EXPECT_NEAR(projection.centre().lon, 6.2, 1e-12);
  EXPECT_NEAR(projection.centre().lat, 48.0, 1e-12);
  // The PROJ handles move with the object.
  const LocalProjection moved = std::move(projection);
  const LocalXY origin = moved.forward({6.2, 48.0});
  EXPECT_NEAR(origin.x, 0.0, 1e-6);
  EXPECT_NEAR(origin.y, 0.0, 1e-6);
}

TEST(LocalProjection, ForwardAllEqualsForwardOfEachPoint) {
  const LocalProjection projection(LonLat{6.6, 48.1});
  std::mt19937_64 random(12);
  std::uniform_real_distribution<double> lon(6.0, 7.2);
  std::uniform_real_distribution<double> lat(47.8, 48.5);
  std::vector<LonLat> points(150000);  // several blocks, projected in parallel
  for (LonLat& p : points) p = {lon(random), lat(random)};
  const std::vector<LocalXY> all = projection.forward_all(points);
  ASSERT_EQ(all.size(), points.size());
  for (std::size_t i = 0; i < points.size(); i += 7) {
    const LocalXY one = projection.forward(points[i]);
    // The same PROJ operation: bit for bit, not merely close.
    EXPECT_EQ(all[i].x, one.x) << i;
    EXPECT_EQ(all[i].y, one.y) << i;
  }
  // 0.01° north of the centre: 1,111.9 m (as in RoundTripsAndMeasuresMetres).
  const std::vector<LonLat> north = {{6.6, 48.11}};
  EXPECT_NEAR(projection.forward_all(north).front().y, 1111.9, 0.2);
  EXPECT_TRUE(projection.forward_all({}).empty());
}

}  // namespace
}  // namespace couverture
