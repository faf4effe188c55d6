#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "couverture/engine/isochrone_builder.hpp"
#include "couverture/geodata/demand_point.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/local_projection.hpp"

namespace couverture {

// Non-overlapping rings from nested bands: ring 0 is band 0, ring k is band
// k minus band k - 1 (e.g. the 10-15 min ring). WGS84 in, WGS84 out.
std::vector<GeosGeometry> isochrone_rings(std::span<const GeosGeometry> bands);

// The union of the given polygons (e.g. the 15-minute bands of every crèche:
// the territory the service covers within 15 minutes).
GeosGeometry dissolve_isochrones(std::span<const GEOSGeometry* const> polygons);

// The dissolved bands of one service type: bands[k] is the union over its
// facilities of their band k.
struct DissolvedIsochrones {
  std::string service_type;
  std::vector<GeosGeometry> bands;
};

// One DissolvedIsochrones per distinct service type, in order of first
// appearance; `service_type[i]` is facility i's. Runs the unions in parallel.
// Throws std::invalid_argument when the sizes differ.
std::vector<DissolvedIsochrones> dissolve_by_service_type(
    std::span<const std::string> service_type, std::span<const FacilityIsochrones> isochrones);

// Area of a WGS84 polygon in km², measured in the metric frame of `frame`
// (an azimuthal equidistant projection: use one centred on the territory).
double isochrone_area_km2(const GEOSGeometry& wgs84, const LocalProjection& frame);

// Population of the demand points inside (boundary included) a WGS84 polygon.
double population_inside(const GEOSGeometry& wgs84, std::span<const DemandPoint> demand);

}  // namespace couverture
