#include "couverture/geodata/local_projection.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace couverture
