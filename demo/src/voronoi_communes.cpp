#include "voronoi_communes.hpp"

#include <memory>
#include <stdexcept>

namespace couverture::synthetic {

namespace {

int metres_to_lon_lat(double* x, double* y, void* userdata) {
  const LonLat p = static_cast<const LocalFrame*>(userdata)->to_lon_lat({*x, *y});
  *x = p.lon;
  *y = p.lat;
  return 1;
}

int metres_apart(const void* a, const void* b, double* distance, void*) {
  *distance = distance_m(*static_cast<const Metres*>(a), *static_cast<const Metres*>(b));
  return 1;
}

struct TreeDeleter {
  void operator()(GEOSSTRtree* tree) const { GEOSSTRtree_destroy_r(geos_context(), tree); }
};

}  // namespace

std::vector<GeosGeometry> voronoi_commune_shapes(std::span<const Metres> centres, double margin_m,
                                                 const LocalFrame& frame) {
  GEOSContextHandle_t context = geos_context();
  std::vector<GEOSGeometry*> points;
  points.reserve(centres.size());
  for (const Metres& centre : centres) points.push_back(geos_point(centre.x, centre.y).release());
  const GeosGeometry sites =
      take_geos(GEOSGeom_createCollection_r(context, GEOS_MULTIPOINT, points.data(),
                                            static_cast<unsigned>(points.size())),
                "multipoint");
  const GeosGeometry hull = take_geos(GEOSConvexHull_r(context, sites.get()), "convex hull");
  const GeosGeometry outline = take_geos(GEOSBuffer_r(context, hull.get(), margin_m, 8), "buffer");

  std::vector<GeosGeometry> shapes(centres.size());
  if (centres.size() == 1) {
    shapes[0] = geos_clone(*outline);
  } else {
    const GeosGeometry cells = take_geos(
        GEOSVoronoiDiagram_r(context, sites.get(), outline.get(), 0.0, 0), "Voronoi diagram");
    // GEOS does not keep the sites' order; each cell's site is the centre
    // nearest to any of its interior points.
    const std::unique_ptr<GEOSSTRtree, TreeDeleter> tree(GEOSSTRtree_create_r(context, 10));
    for (std::size_t i = 0; i < centres.size(); ++i) {
      GEOSSTRtree_insert_r(context, tree.get(),
                           GEOSGetGeometryN_r(context, sites.get(), static_cast<int>(i)),
                           const_cast<Metres*>(&centres[i]));
    }
    const GeosPrepared prepared_outline = geos_prepare(*outline);
    const int cell_count = GEOSGetNumGeometries_r(context, cells.get());
    for (int c = 0; c < cell_count; ++c) {
      const GEOSGeometry* cell = GEOSGetGeometryN_r(context, cells.get(), c);
      const GeosGeometry inside =
          take_geos(GEOSPointOnSurface_r(context, cell), "point on surface");
      Metres probe;
      GEOSGeomGetX_r(context, inside.get(), &probe.x);
      GEOSGeomGetY_r(context, inside.get(), &probe.y);
      const auto* site = static_cast<const Metres*>(GEOSSTRtree_nearest_generic_r(
          context, tree.get(), &probe, inside.get(), metres_apart, nullptr));
      const auto index = static_cast<std::size_t>(site - centres.data());
      shapes[index] = GEOSPreparedContains_r(context, prepared_outline.get(), cell) == 1
                          ? geos_clone(*cell)
                          : take_geos(GEOSIntersection_r(context, cell, outline.get()), "clip");
    }
  }

  for (GeosGeometry& shape : shapes) {
    if (!shape) throw std::logic_error("a town centre got no Voronoi cell (duplicate centres?)");
    shape = take_geos(GEOSGeom_transformXY_r(context, shape.get(), metres_to_lon_lat,
                                             const_cast<LocalFrame*>(&frame)),
                      "transform to WGS84");
  }
  return shapes;
}

}  // namespace couverture::synthetic
