#include "couverture/geodata/geos_geometry.hpp"

#include <cstdarg>
#include <cstdio>
#include <stdexcept>

namespace couverture {

namespace {

// GEOS reports errors through a handler; the last message is kept so that a
// null result can be turned into an exception with GEOS's own reason.
thread_local std::string last_geos_error;

void record_geos_error(const char* format, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  last_geos_error = buffer;
}

void ignore_geos_notice(const char*, ...) {}

struct ContextOwner {
  GEOSContextHandle_t handle = GEOS_init_r();
  ContextOwner() {
    GEOSContext_setErrorHandler_r(handle, record_geos_error);
    GEOSContext_setNoticeHandler_r(handle, ignore_geos_notice);
  }
  ~ContextOwner() { GEOS_finish_r(handle); }
  ContextOwner(const ContextOwner&) = delete;
  ContextOwner& operator=(const ContextOwner&) = delete;
};

}  // namespace

GEOSContextHandle_t geos_context() {
  thread_local ContextOwner owner;
  return owner.handle;
}

void GeosGeometryDeleter::operator()(GEOSGeometry* geometry) const {
  GEOSGeom_destroy_r(geos_context(), geometry);
}

void GeosPreparedDeleter::operator()(const GEOSPreparedGeometry* prepared) const {
  GEOSPreparedGeom_destroy_r(geos_context(), prepared);
}

GeosGeometry take_geos(GEOSGeometry* geometry, const char* operation) {
  if (geometry == nullptr) {
    throw std::runtime_error(std::string("GEOS ") + operation + " failed: " + last_geos_error);
  }
  return GeosGeometry(geometry);
}

GeosGeometry geos_from_wkb(std::span<const unsigned char> wkb) {
  return take_geos(GEOSGeomFromWKB_buf_r(geos_context(), wkb.data(), wkb.size()), "WKB read");
}

std::vector<unsigned char> geos_to_wkb(const GEOSGeometry& geometry) {
  std::size_t size = 0;
  unsigned char* buffer = GEOSGeomToWKB_buf_r(geos_context(), &geometry, &size);
  if (buffer == nullptr) throw std::runtime_error("GEOS WKB write failed: " + last_geos_error);
  std::vector<unsigned char> wkb(buffer, buffer + size);
  GEOSFree_r(geos_context(), buffer);
  return wkb;
}

GeosGeometry geos_from_wkt(const std::string& wkt) {
  return take_geos(GEOSGeomFromWKT_r(geos_context(), wkt.c_str()), "WKT read");
}

std::string geos_to_wkt(const GEOSGeometry& geometry) {
  char* text = GEOSGeomToWKT_r(geos_context(), &geometry);
  if (text == nullptr) throw std::runtime_error("GEOS WKT write failed: " + last_geos_error);
  std::string wkt(text);
  GEOSFree_r(geos_context(), text);
  return wkt;
}

GeosGeometry geos_clone(const GEOSGeometry& geometry) {
  return take_geos(GEOSGeom_clone_r(geos_context(), &geometry), "clone");
}

GeosGeometry geos_point(double x, double y) {
  return take_geos(GEOSGeom_createPointFromXY_r(geos_context(), x, y), "point");
}

GeosPrepared geos_prepare(const GEOSGeometry& geometry) {
  const GEOSPreparedGeometry* prepared = GEOSPrepare_r(geos_context(), &geometry);
  if (prepared == nullptr) throw std::runtime_error("GEOS prepare failed: " + last_geos_error);
  return GeosPrepared(prepared);
}

bool geos_is_valid(const GEOSGeometry& geometry) {
  return GEOSisValid_r(geos_context(), &geometry) == 1;
}

std::string geos_invalid_reason(const GEOSGeometry& geometry) {
  char* reason = GEOSisValidReason_r(geos_context(), &geometry);
  if (reason == nullptr) return "unknown";
  std::string text(reason);
  GEOSFree_r(geos_context(), reason);
  return text;
}

GeosGeometry geos_make_valid_polygonal(const GEOSGeometry& geometry) {
  GeosGeometry valid = take_geos(GEOSMakeValid_r(geos_context(), &geometry), "MakeValid");
  // MakeValid may return a collection mixing polygons with the lines and
  // points of collapsed parts; a commune boundary keeps only its area.
  if (GEOSGeomTypeId_r(geos_context(), valid.get()) != GEOS_GEOMETRYCOLLECTION) return valid;
  std::vector<GEOSGeometry*> polygons;
  const int count = GEOSGetNumGeometries_r(geos_context(), valid.get());
  for (int i = 0; i < count; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(geos_context(), valid.get(), i);
    const int type = GEOSGeomTypeId_r(geos_context(), part);
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) {
      polygons.push_back(GEOSGeom_clone_r(geos_context(), part));
    }
  }
  GeosGeometry collection = take_geos(
      GEOSGeom_createCollection_r(geos_context(), GEOS_GEOMETRYCOLLECTION, polygons.data(),
                                  static_cast<unsigned>(polygons.size())),
      "collection");
  return take_geos(GEOSUnaryUnion_r(geos_context(), collection.get()), "union");
}

}  // namespace couverture
