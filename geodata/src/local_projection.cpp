#include "couverture/geodata/local_projection.hpp"

#include <proj.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

namespace couverture {

LocalProjection::LocalProjection(LonLat centre) : centre_(centre), context_(proj_context_create()) {
  if (context_ == nullptr) throw std::runtime_error("PROJ: cannot create a context");
  // A pipeline rather than a CRS pair: no lookup in proj.db, and degrees in
  // lon/lat order whatever the EPSG axis order says.
  char definition[256];
  std::snprintf(definition, sizeof definition,
                "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
                "+step +proj=aeqd +lat_0=%.12f +lon_0=%.12f +ellps=WGS84",
                centre.lat, centre.lon);
  transformation_ = proj_create(context_, definition);
  if (transformation_ == nullptr) {
    const std::string reason = proj_context_errno_string(context_, proj_context_errno(context_));
    release();
    throw std::runtime_error("PROJ: cannot create the local projection: " + reason);
  }
}

LocalProjection LocalProjection::around(std::span<const LonLat> points) {
  if (points.empty()) return LocalProjection(LonLat{});
  LonLat low = points.front();
  LonLat high = points.front();
  for (const LonLat& p : points) {
    low = {std::min(low.lon, p.lon), std::min(low.lat, p.lat)};
    high = {std::max(high.lon, p.lon), std::max(high.lat, p.lat)};
  }
  return LocalProjection(LonLat{(low.lon + high.lon) / 2.0, (low.lat + high.lat) / 2.0});
}

LocalProjection::LocalProjection(LocalProjection&& other) noexcept
    : centre_(other.centre_),
      context_(std::exchange(other.context_, nullptr)),
      transformation_(std::exchange(other.transformation_, nullptr)) {}

LocalProjection& LocalProjection::operator=(LocalProjection&& other) noexcept {
  if (this != &other) {
    release();
    centre_ = other.centre_;
    context_ = std::exchange(other.context_, nullptr);
    transformation_ = std::exchange(other.transformation_, nullptr);
  }
  return *this;
}

LocalProjection::~LocalProjection() { release(); }

void LocalProjection::release() noexcept {
  if (transformation_ != nullptr) proj_destroy(transformation_);
  if (context_ != nullptr) proj_context_destroy(context_);
  transformation_ = nullptr;
  context_ = nullptr;
}

LocalXY LocalProjection::forward(LonLat position) const {
  const PJ_COORD out =
      proj_trans(transformation_, PJ_FWD, proj_coord(position.lon, position.lat, 0, 0));
  return {out.xy.x, out.xy.y};
}

namespace {

// Projects `points` in place (x and y holding lon and lat) in one PROJ call.
void transform_in_place(PJconsts* transformation, std::span<LocalXY> points) {
  if (points.empty()) return;
  constexpr std::size_t stride = sizeof(LocalXY);
  const std::size_t transformed =
      proj_trans_generic(transformation, PJ_FWD, &points.front().x, stride, points.size(),
                         &points.front().y, stride, points.size(), nullptr, 0, 0, nullptr, 0, 0);
  if (transformed != points.size()) {
    throw std::runtime_error("PROJ: the local projection transformed " +
                             std::to_string(transformed) + " of " + std::to_string(points.size()) +
                             " points");
  }
}

}  // namespace

std::vector<LocalXY> LocalProjection::forward_all(std::span<const LonLat> positions) const {
  std::vector<LocalXY> out(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) out[i] = {positions[i].lon, positions[i].lat};
  // The ellipsoidal aeqd costs a geodesic per point: large arrays are cut in
  // blocks projected on every core, each block by its own PROJ object (they
  // are not thread-safe), the same operation, so the same bits.
  constexpr std::size_t kBlock = 1 << 16;
  if (out.size() <= kBlock) {
    transform_in_place(transformation_, out);
    return out;
  }
  const std::size_t blocks = (out.size() + kBlock - 1) / kBlock;
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t k) {
    const std::span<LocalXY> block =
        std::span(out).subspan(k * kBlock, std::min(kBlock, out.size() - k * kBlock));
    const LocalProjection own(centre_);
    transform_in_place(own.transformation_, block);
  });
  return out;
}

LonLat LocalProjection::inverse(LocalXY position) const {
  const PJ_COORD out =
      proj_trans(transformation_, PJ_INV, proj_coord(position.x, position.y, 0, 0));
  return {out.lp.lam, out.lp.phi};
}

}  // namespace couverture
