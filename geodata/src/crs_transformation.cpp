#include "couverture/geodata/crs_transformation.hpp"

#include <proj.h>

#include <stdexcept>
#include <utility>

namespace couverture {

namespace {

std::string proj_error(pj_ctx* context) {
  return proj_context_errno_string(context, proj_context_errno(context));
}

// Whether `crs` is projected with metre axes (unit conversion factor 1).
bool projected_in_metres(pj_ctx* context, PJconsts* crs) {
  if (proj_get_type(crs) != PJ_TYPE_PROJECTED_CRS) return false;
  PJconsts* cs = proj_crs_get_coordinate_system(context, crs);
  if (cs == nullptr) return false;
  bool metres = proj_cs_get_axis_count(context, cs) >= 2;
  for (int axis = 0; metres && axis < 2; ++axis) {
    double factor = 0.0;
    metres = proj_cs_get_axis_info(context, cs, axis, nullptr, nullptr, nullptr, &factor, nullptr,
                                   nullptr, nullptr) != 0 &&
             factor == 1.0;
  }
  proj_destroy(cs);
  return metres;
}

}  // namespace

CrsTransformation::CrsTransformation(const std::string& crs)
    : crs_(crs), context_(proj_context_create()) {
  if (context_ == nullptr) throw std::runtime_error("PROJ: cannot create a context");
  PJconsts* target = proj_create(context_, crs.c_str());
  if (target == nullptr) {
    const std::string reason = proj_error(context_);
    release();
    throw std::invalid_argument("unknown CRS '" + crs + "' (" + reason + ")");
  }
  const bool metric = projected_in_metres(context_, target);
  proj_destroy(target);
  if (!metric) {
    release();
    throw std::invalid_argument("CRS '" + crs +
                                "' is not a projected CRS in metres (use e.g. EPSG:2154, "
                                "Lambert-93, in mainland France)");
  }
  PJconsts* raw = proj_create_crs_to_crs(context_, "EPSG:4326", crs.c_str(), nullptr);
  if (raw != nullptr) {
    transformation_ = proj_normalize_for_visualization(context_, raw);
    proj_destroy(raw);
  }
  if (transformation_ == nullptr) {
    const std::string reason = proj_error(context_);
    release();
    throw std::invalid_argument("no transformation from WGS84 to '" + crs + "' (" + reason + ")");
  }
}

CrsTransformation::CrsTransformation(CrsTransformation&& other) noexcept
    : crs_(std::move(other.crs_)),
      context_(std::exchange(other.context_, nullptr)),
      transformation_(std::exchange(other.transformation_, nullptr)) {}

CrsTransformation& CrsTransformation::operator=(CrsTransformation&& other) noexcept {
  if (this != &other) {
    release();
    crs_ = std::move(other.crs_);
    context_ = std::exchange(other.context_, nullptr);
    transformation_ = std::exchange(other.transformation_, nullptr);
  }
  return *this;
}

CrsTransformation::~CrsTransformation() { release(); }

void CrsTransformation::release() noexcept {
  if (transformation_ != nullptr) proj_destroy(transformation_);
  if (context_ != nullptr) proj_context_destroy(context_);
  transformation_ = nullptr;
  context_ = nullptr;
}

namespace {

void transform(PJconsts* transformation, PJ_DIRECTION direction, std::span<double> x,
               std::span<double> y) {
  if (x.size() != y.size()) {
    throw std::invalid_argument("CrsTransformation: x and y differ in size");
  }
  if (x.empty()) return;
  proj_trans_generic(transformation, direction, x.data(), sizeof(double), x.size(), y.data(),
                     sizeof(double), y.size(), nullptr, 0, 0, nullptr, 0, 0);
}

}  // namespace

void CrsTransformation::to_wgs84(std::span<double> x, std::span<double> y) const {
  transform(transformation_, PJ_INV, x, y);
}

void CrsTransformation::from_wgs84(std::span<double> x, std::span<double> y) const {
  transform(transformation_, PJ_FWD, x, y);
}

}  // namespace couverture
