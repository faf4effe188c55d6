#pragma once

namespace couverture {

// A WGS84 position in degrees, longitude first (traditional GIS order). The
// in-memory model is in WGS84; output CRSs are applied at the io boundary.
struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
  friend bool operator==(const LonLat&, const LonLat&) = default;
};

// Geodesic distance on the WGS84 ellipsoid in metres (Karney, via PROJ).
double geodesic_distance_m(LonLat a, LonLat b);

}  // namespace couverture
