#pragma once

#include <span>
#include <vector>

#include "couverture/geodata/lon_lat.hpp"

struct PJconsts;
struct pj_ctx;

namespace couverture {

// A position in a local metric frame: metres east and north of its centre.
struct LocalXY {
  double x = 0.0;
  double y = 0.0;
};

// An azimuthal equidistant projection on the WGS84 ellipsoid centred on a
// territory (PROJ `aeqd`). Distances from the centre are exact and the scale
// error elsewhere stays below 1e-5 within 40 km of it, so nearest-segment
// searches and along-segment fractions can use plain planar geometry.
//
// Owns its PROJ context and transformation: PROJ objects must not be shared
// between threads, so neither must a LocalProjection (make one per thread).
class LocalProjection {
 public:
  explicit LocalProjection(LonLat centre);
  // Centred on the middle of the points' bounding box; (0, 0) when empty.
  static LocalProjection around(std::span<const LonLat> points);

  LocalProjection(LocalProjection&& other) noexcept;
  LocalProjection& operator=(LocalProjection&& other) noexcept;
  LocalProjection(const LocalProjection&) = delete;
  LocalProjection& operator=(const LocalProjection&) = delete;
  ~LocalProjection();

  [[nodiscard]] LonLat centre() const { return centre_; }
  [[nodiscard]] LocalXY forward(LonLat position) const;
  // forward() of each position, in one PROJ call over the array
  // (proj_trans_generic): a graph's nodes are projected without paying
  // PROJ's per-call set-up once per node.
  [[nodiscard]] std::vector<LocalXY> forward_all(std::span<const LonLat> positions) const;
  [[nodiscard]] LonLat inverse(LocalXY position) const;

 private:
  void release() noexcept;

  LonLat centre_;
  pj_ctx* context_ = nullptr;
  PJconsts* transformation_ = nullptr;
};

}  // namespace couverture
