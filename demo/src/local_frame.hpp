#pragma once

#include <cmath>
#include <numbers>

#include "couverture/geodata/lon_lat.hpp"

namespace couverture::synthetic {

// Plane coordinates in metres, x east and y north of a frame origin.
struct Metres {
  double x = 0.0;
  double y = 0.0;
};

// Synthetic territories are laid out in metres so that street spacing and
// road lengths read naturally; an equirectangular projection around the
// origin is accurate enough at the scale of a few hundred kilometres, and
// being affine it keeps polygons valid, disjoint and containing their points.
class LocalFrame {
 public:
  explicit LocalFrame(LonLat origin)
      : origin_(origin),
        metres_per_degree_lat_(kEarthRadiusM * std::numbers::pi / 180.0),
        metres_per_degree_lon_(metres_per_degree_lat_ *
                               std::cos(origin.lat * std::numbers::pi / 180.0)) {}

  [[nodiscard]] LonLat to_lon_lat(Metres point) const {
    return {origin_.lon + point.x / metres_per_degree_lon_,
            origin_.lat + point.y / metres_per_degree_lat_};
  }
  [[nodiscard]] Metres to_metres(LonLat position) const {
    return {(position.lon - origin_.lon) * metres_per_degree_lon_,
            (position.lat - origin_.lat) * metres_per_degree_lat_};
  }

 private:
  static constexpr double kEarthRadiusM = 6371008.8;
  LonLat origin_;
  double metres_per_degree_lat_;
  double metres_per_degree_lon_;
};

// OSM PBF stores coordinates in units of 1e-7 degree: rounding synthetic
// positions to it makes a territory and its PBF identical.
inline LonLat to_osm_lon_lat(const LocalFrame& frame, Metres point) {
  const LonLat p = frame.to_lon_lat(point);
  return {std::round(p.lon * 1e7) / 1e7, std::round(p.lat * 1e7) / 1e7};
}

inline double distance_m(Metres a, Metres b) { return std::hypot(b.x - a.x, b.y - a.y); }

}  // namespace couverture::synthetic
