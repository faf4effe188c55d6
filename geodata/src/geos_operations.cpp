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

// A copy of `polygon` keeping the holes of at least `min_area`.
GEOSGeometry* polygon_without_small_holes(const GEOSGeometry* polygon, double min_area) {
  GEOSContextHandle_t context = geos_context();
  const GEOSGeometry* shell = GEOSGetExteriorRing_r(context, polygon);
  std::vector<GEOSGeometry*> holes;
  const int hole_count = GEOSGetNumInteriorRings_r(context, polygon);
  for (int h = 0; h < hole_count; ++h) {
    const GEOSGeometry* ring = GEOSGetInteriorRingN_r(context, polygon, h);
    GEOSGeometry* hole =
        GEOSGeom_createPolygon_r(context, GEOSGeom_clone_r(context, ring), nullptr, 0);
    double area = 0.0;
    GEOSArea_r(context, hole, &area);
    GEOSGeom_destroy_r(context, hole);
    if (area >= min_area) holes.push_back(GEOSGeom_clone_r(context, ring));
  }
  return GEOSGeom_createPolygon_r(context, GEOSGeom_clone_r(context, shell), holes.data(),
                                  static_cast<unsigned>(holes.size()));
}

}  // namespace

GeosGeometry geos_without_slivers(const GEOSGeometry& geometry, double min_area) {
  GEOSContextHandle_t context = geos_context();
  const GeosGeometry valid = geos_make_valid_polygonal(geometry);
  std::vector<GEOSGeometry*> kept;
  const int count = GEOSGetNumGeometries_r(context, valid.get());
  for (int i = 0; i < count; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(context, valid.get(), i);
    if (GEOSGeomTypeId_r(context, part) != GEOS_POLYGON || GEOSisEmpty_r(context, part) == 1) {
      continue;
    }
    double area = 0.0;
    GEOSArea_r(context, part, &area);
    if (area >= min_area) kept.push_back(polygon_without_small_holes(part, min_area));
  }
  return take_geos(GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, kept.data(),
                                               static_cast<unsigned>(kept.size())),
                   "multipolygon");
}

GeosGeometry geos_empty_polygon() {
  return take_geos(GEOSGeom_createEmptyPolygon_r(geos_context()), "empty polygon");
}

GeosGeometry geos_multi_line(std::span<const PlanarSegment> segments) {
  GEOSContextHandle_t context = geos_context();
  std::vector<GEOSGeometry*> lines;
  lines.reserve(segments.size());
  for (const PlanarSegment& s : segments) {
    GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(context, 2, 2);
    GEOSCoordSeq_setXY_r(context, sequence, 0, s.x0, s.y0);
    GEOSCoordSeq_setXY_r(context, sequence, 1, s.x1, s.y1);
    lines.push_back(GEOSGeom_createLineString_r(context, sequence));  // takes the sequence
  }
  return take_geos(GEOSGeom_createCollection_r(context, GEOS_MULTILINESTRING, lines.data(),
                                               static_cast<unsigned>(lines.size())),
                   "multilinestring");
}

GeosGeometry geos_merged_lines(std::span<const PlanarSegment> segments) {
  const GeosGeometry lines = geos_multi_line(segments);
  const GeosGeometry noded = take_geos(GEOSUnaryUnion_r(geos_context(), lines.get()), "union");
  return take_geos(GEOSLineMerge_r(geos_context(), noded.get()), "line merge");
}

GeosGeometry geos_buffer(const GEOSGeometry& geometry, double distance, int quadrant_segments) {
  return take_geos(GEOSBufferWithStyle_r(geos_context(), &geometry, distance, quadrant_segments,
                                         GEOSBUF_CAP_ROUND, GEOSBUF_JOIN_ROUND, 5.0),
                   "buffer");
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
