#include "couverture/engine/isochrone_outputs.hpp"

#include <tbb/parallel_for.h>

#include <stdexcept>

#include "couverture/geodata/geos_operations.hpp"

namespace couverture {

// About 1 m² at mid latitudes: far below any real ring piece (the narrowest
// is a 5 m wide strip along a road), far above the slivers a difference
// leaves along the shared edges of two bands.
constexpr double kSliverDegrees2 = 1e-10;

std::vector<GeosGeometry> isochrone_rings(std::span<const GeosGeometry> bands) {
  std::vector<GeosGeometry> rings;
  rings.reserve(bands.size());
  for (std::size_t k = 0; k < bands.size(); ++k) {
    rings.push_back(
        k == 0 ? geos_clone(*bands[0])
               : geos_without_slivers(*geos_difference(*bands[k], *bands[k - 1]), kSliverDegrees2));
  }
  return rings;
}

GeosGeometry dissolve_isochrones(std::span<const GEOSGeometry* const> polygons) {
  return geos_union_all(polygons);
}

std::vector<DissolvedIsochrones> dissolve_by_service_type(
    std::span<const std::string> service_type, std::span<const FacilityIsochrones> isochrones) {
  if (service_type.size() != isochrones.size()) {
    throw std::invalid_argument("dissolve_by_service_type: one service type per facility");
  }
  std::vector<DissolvedIsochrones> result;
  std::vector<std::vector<std::size_t>> members;
  std::size_t band_count = 0;
  for (std::size_t i = 0; i < service_type.size(); ++i) {
    band_count = std::max(band_count, isochrones[i].bands.size());
    std::size_t type = 0;
    while (type < result.size() && result[type].service_type != service_type[i]) ++type;
    if (type == result.size()) {
      result.push_back({service_type[i], {}});
      members.emplace_back();
    }
    members[type].push_back(i);
  }
  for (DissolvedIsochrones& dissolved : result) dissolved.bands.resize(band_count);
  // One union per (service type, band), independent of each other.
  tbb::parallel_for(std::size_t{0}, result.size() * band_count, [&](std::size_t job) {
    const std::size_t type = job / band_count;
    const std::size_t band = job % band_count;
    std::vector<const GEOSGeometry*> polygons;
    for (const std::size_t i : members[type]) {
      if (band < isochrones[i].bands.size()) polygons.push_back(isochrones[i].bands[band].get());
    }
    result[type].bands[band] = dissolve_isochrones(polygons);
  });
  return result;
}

double isochrone_area_km2(const GEOSGeometry& wgs84, const LocalProjection& frame) {
  return geos_area(*geos_to_local(wgs84, frame)) / 1e6;
}

double population_inside(const GEOSGeometry& wgs84, std::span<const DemandPoint> demand) {
  const GeosPrepared prepared = geos_prepare(wgs84);
  double population = 0.0;
  for (const DemandPoint& point : demand) {
    const GeosGeometry p = geos_point(point.position.lon, point.position.lat);
    const char result = GEOSPreparedIntersects_r(geos_context(), prepared.get(), p.get());
    if (result == 2) throw std::runtime_error("GEOS prepared intersects failed");
    if (result == 1) population += point.population;
  }
  return population;
}

}  // namespace couverture
