#include "couverture/geodata/geos_operations.hpp"

#include <stdexcept>
#include <vector>

namespace couverture {

namespace {

struct Reprojection {
  const LocalProjection* projection;
  bool to_local;
};

int reproject(double* x, double* y, void* user_data) {
  const auto* job = static_cast<const Reprojection*>(user_data);
  if (job->to_local) {
    const LocalXY xy = job->projection->forward({*x, *y});
    *x = xy.x;
    *y = xy.y;
  } else {
    const LonLat p = job->projection->inverse({*x, *y});
    *x = p.lon;
    *y = p.lat;
  }
  return 1;
}

GeosGeometry transformed(const GEOSGeometry& geometry, Reprojection job) {
  return take_geos(GEOSGeom_transformXY_r(geos_context(), &geometry, reproject, &job), "transform");
}

}  // namespace

GeosGeometry geos_empty_polygon() {
  return take_geos(GEOSGeom_createEmptyPolygon_r(geos_context()), "empty polygon");
}

GeosGeometry geos_union_all(std::span<const GEOSGeometry* const> parts) {
  if (parts.empty()) return geos_empty_polygon();
  GEOSContextHandle_t context = geos_context();
  std::vector<GEOSGeometry*> clones;
  clones.reserve(parts.size());
  for (const GEOSGeometry* part : parts) clones.push_back(GEOSGeom_clone_r(context, part));
  const GeosGeometry collection =
      take_geos(GEOSGeom_createCollection_r(context, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                            static_cast<unsigned>(clones.size())),
                "collection");
  return take_geos(GEOSUnaryUnion_r(context, collection.get()), "union");
}

GeosGeometry geos_union(const GEOSGeometry& a, const GEOSGeometry& b) {
  return take_geos(GEOSUnion_r(geos_context(), &a, &b), "union");
}

GeosGeometry geos_difference(const GEOSGeometry& a, const GEOSGeometry& b) {
  return take_geos(GEOSDifference_r(geos_context(), &a, &b), "difference");
}

double geos_area(const GEOSGeometry& geometry) {
  double area = 0.0;
  if (GEOSArea_r(geos_context(), &geometry, &area) != 1) {
    throw std::runtime_error("GEOS area failed");
  }
  return area;
}

bool geos_covers(const GEOSGeometry& outer, const GEOSGeometry& inner) {
  const char result = GEOSCovers_r(geos_context(), &outer, &inner);
  if (result == 2) throw std::runtime_error("GEOS covers failed");
  return result == 1;
}

GeosGeometry geos_to_local(const GEOSGeometry& wgs84, const LocalProjection& projection) {
  return transformed(wgs84, {&projection, true});
}

GeosGeometry geos_to_wgs84(const GEOSGeometry& local, const LocalProjection& projection) {
  return transformed(local, {&projection, false});
}

}  // namespace couverture
