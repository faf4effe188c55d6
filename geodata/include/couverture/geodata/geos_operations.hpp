#pragma once

#include <span>
#include <vector>

#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/local_projection.hpp"

namespace couverture {

// A straight segment in a planar frame (e.g. metres of a LocalProjection).
struct PlanarSegment {
  double x0 = 0.0;
  double y0 = 0.0;
  double x1 = 0.0;
  double y1 = 0.0;
};

// An empty polygon: the neutral element of geos_union.
GeosGeometry geos_empty_polygon();
// The segments as one MultiLineString (empty when there are none).
GeosGeometry geos_multi_line(std::span<const PlanarSegment> segments);
// The segments noded at their crossings, with overlaps dissolved and chains
// merged into maximal lines: the same point set as geos_multi_line, and
// much cheaper to buffer robustly (no collinear overlapping pieces).
GeosGeometry geos_merged_lines(std::span<const PlanarSegment> segments);
// Every point within `distance` of the geometry, with round caps and joins;
// arcs are drawn with `quadrant_segments` segments per quarter circle.
GeosGeometry geos_buffer(const GEOSGeometry& geometry, double distance, int quadrant_segments);
// The union of all the geometries (empty polygon when there are none).
GeosGeometry geos_union_all(std::span<const GEOSGeometry* const> parts);
GeosGeometry geos_union(const GEOSGeometry& a, const GEOSGeometry& b);
// a minus b.
GeosGeometry geos_difference(const GEOSGeometry& a, const GEOSGeometry& b);
// Planar area in the geometry's own units squared.
double geos_area(const GEOSGeometry& geometry);
// The polygonal part of `geometry` made valid, as a MultiPolygon without the
// polygons and holes smaller than `min_area` (in the geometry's units): the
// slivers an overlay leaves where two edges almost coincide, which a later
// reprojection or precision change can collapse into invalid rings.
GeosGeometry geos_without_slivers(const GEOSGeometry& geometry, double min_area);
// Whether every point of `inner` lies in `outer` (boundary included).
bool geos_covers(const GEOSGeometry& outer, const GEOSGeometry& inner);

// The geometry with every coordinate moved from WGS84 (x = lon, y = lat) to
// the projection's metric frame, and back.
GeosGeometry geos_to_local(const GEOSGeometry& wgs84, const LocalProjection& projection);
GeosGeometry geos_to_wgs84(const GEOSGeometry& local, const LocalProjection& projection);

}  // namespace couverture
