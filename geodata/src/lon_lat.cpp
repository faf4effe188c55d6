#include "couverture/geodata/lon_lat.hpp"

#include <geodesic.h>

namespace couverture {

namespace {
const geod_geodesic& wgs84() {
  static const geod_geodesic geodesic = [] {
    geod_geodesic g{};
    geod_init(&g, 6378137.0, 1.0 / 298.257223563);
    return g;
  }();
  return geodesic;
}
}  // namespace

double geodesic_distance_m(LonLat a, LonLat b) {
  double distance = 0.0;
  geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &distance, nullptr, nullptr);
  return distance;
}

}  // namespace couverture
