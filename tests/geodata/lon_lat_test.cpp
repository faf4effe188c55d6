#include "couverture/geodata/lon_lat.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

TEST(GeodesicDistance, OneDegreeOfLatitudeAtFortyFiveDegrees) {
  // Meridian degree on WGS84: 111132.954 - 559.822 cos 2φ + 1.175 cos 4φ metres,
  // which at φ = 45° is 111131.779 m.
  EXPECT_NEAR(geodesic_distance_m({6.0, 44.5}, {6.0, 45.5}), 111131.779, 0.05);
}

TEST(GeodesicDistance, RemiremontToEloyesIsAboutNineKilometres) {
  // Town halls, independently measured on a map: ~9.4 km apart.
  EXPECT_NEAR(geodesic_distance_m({6.5910, 48.0176}, {6.6065, 48.0999}), 9240.0, 300.0);
}

TEST(GeodesicDistance, ZeroForTheSamePoint) {
  EXPECT_DOUBLE_EQ(geodesic_distance_m({6.5, 48.0}, {6.5, 48.0}), 0.0);
}

}  // namespace
}  // namespace couverture
