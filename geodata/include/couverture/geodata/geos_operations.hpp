#pragma once

#include <span>
#include <vector>

#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/local_projection.hpp"

namespace couverture {

// An empty polygon: the neutral element of geos_union.
GeosGeometry geos_empty_polygon();
// The union of all the geometries (empty polygon when there are none).
GeosGeometry geos_union_all(std::span<const GEOSGeometry* const> parts);
GeosGeometry geos_union(const GEOSGeometry& a, const GEOSGeometry& b);
// a minus b.
GeosGeometry geos_difference(const GEOSGeometry& a, const GEOSGeometry& b);
// Planar area in the geometry's own units squared.
double geos_area(const GEOSGeometry& geometry);
// Whether every point of `inner` lies in `outer` (boundary included).
bool geos_covers(const GEOSGeometry& outer, const GEOSGeometry& inner);

// The geometry with every coordinate moved from WGS84 (x = lon, y = lat) to
// the projection's metric frame, and back.
GeosGeometry geos_to_local(const GEOSGeometry& wgs84, const LocalProjection& projection);
GeosGeometry geos_to_wgs84(const GEOSGeometry& local, const LocalProjection& projection);

}  // namespace couverture
