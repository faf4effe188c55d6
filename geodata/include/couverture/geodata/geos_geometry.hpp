#pragma once

#include <geos_c.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace couverture {

// The GEOS context of the calling thread (GEOS's reentrant C API).
GEOSContextHandle_t geos_context();

struct GeosGeometryDeleter {
  void operator()(GEOSGeometry* geometry) const;
};
// Sole owner of a GEOS geometry.
using GeosGeometry = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

struct GeosPreparedDeleter {
  void operator()(const GEOSPreparedGeometry* prepared) const;
};
using GeosPrepared = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

// Wraps a raw result of the GEOS C API; throws std::runtime_error naming
// `operation` when GEOS returned null.
GeosGeometry take_geos(GEOSGeometry* geometry, const char* operation);

GeosGeometry geos_from_wkb(std::span<const unsigned char> wkb);
std::vector<unsigned char> geos_to_wkb(const GEOSGeometry& geometry);
GeosGeometry geos_from_wkt(const std::string& wkt);
std::string geos_to_wkt(const GEOSGeometry& geometry);
GeosGeometry geos_clone(const GEOSGeometry& geometry);
GeosGeometry geos_point(double x, double y);
GeosPrepared geos_prepare(const GEOSGeometry& geometry);

bool geos_is_valid(const GEOSGeometry& geometry);
// GEOS's reason for invalidity, e.g. "Self-intersection[6.5 48.0]".
std::string geos_invalid_reason(const GEOSGeometry& geometry);
// GEOS MakeValid, keeping only the polygonal part of the result.
GeosGeometry geos_make_valid_polygonal(const GEOSGeometry& geometry);

}  // namespace couverture
