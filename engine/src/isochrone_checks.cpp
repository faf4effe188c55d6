#include "couverture/engine/isochrone_checks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "couverture/geodata/geos_operations.hpp"

namespace couverture {

namespace {

GeosGeometry point_at(GridXY p) {
  return take_geos(GEOSGeom_createPointFromXY_r(geos_context(), p.x, p.y), "point");
}

double share(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// Every k-th of `count` items, so that at most `limit` are taken.
std::size_t stride_for(std::size_t count, std::size_t limit) {
  return limit == 0 || count <= limit ? 1 : (count + limit - 1) / limit;
}

// Whether a place on the wrong side of a band is within the surface's
// resolution of its edge: one cell away in space, or in time the walk
// across one cell (between two cell centres the surface cannot tell apart
// times closer than that walk).
bool near_edge(const PolygonTester& band, const TimedPlace& place, double minutes,
               const BandCheckInputs& inputs) {
  return std::abs(place.minutes - minutes) <= inputs.tolerance_minutes ||
         band.boundary_distance(place.xy) <= inputs.tolerance_m;
}

// Reached road points must be inside; the others measure what is swallowed.
// Both are evenly subsampled to max_road_samples.
void check_road_points(const PolygonTester& band, double minutes, const BandCheckInputs& inputs,
                       IsochroneQuality& quality) {
  const auto reached = [minutes](const TimedPlace& p) { return p.exact && p.minutes <= minutes; };
  const auto unreached = [minutes](const TimedPlace& p) { return p.minutes > minutes; };
  std::size_t reached_count = 0;
  std::size_t unreached_count = 0;
  for (const TimedPlace& place : inputs.road_points) {
    reached_count += reached(place) ? 1 : 0;
    unreached_count += unreached(place) ? 1 : 0;
  }
  const std::size_t reached_stride = stride_for(reached_count, inputs.max_road_samples);
  const std::size_t unreached_stride = stride_for(unreached_count, inputs.max_road_samples);
  std::size_t reached_seen = 0;
  std::size_t unreached_seen = 0;
  for (const TimedPlace& place : inputs.road_points) {
    if (reached(place) && reached_seen++ % reached_stride == 0) {
      ++quality.reachable_points_checked;
      if (band.covers(place.xy)) continue;
      if (near_edge(band, place, minutes, inputs)) {
        ++quality.reachable_points_near_boundary;
      } else {
        ++quality.reachable_points_outside;
      }
    } else if (unreached(place) && unreached_seen++ % unreached_stride == 0) {
      const bool inside = band.covers(place.xy);
      ++quality.unreachable_points_sampled;
      if (inside) ++quality.unreachable_points_inside;
      if (place.minutes > 1.5 * minutes) {
        ++quality.far_points_sampled;
        if (inside) ++quality.far_points_inside;
      }
    }
  }
  quality.unreachable_share_inside =
      share(quality.unreachable_points_inside, quality.unreachable_points_sampled);
  quality.far_share_inside = share(quality.far_points_inside, quality.far_points_sampled);
}

void check_demand(const PolygonTester& band, double minutes, const BandCheckInputs& inputs,
                  IsochroneQuality& quality) {
  for (const TimedPlace& place : inputs.demand) {
    ++quality.demand_points_checked;
    if (band.covers(place.xy) == (place.minutes <= minutes)) continue;
    if (near_edge(band, place, minutes, inputs)) {
      ++quality.demand_points_near_boundary;
    } else {
      ++quality.demand_points_misplaced;
    }
  }
}

bool origins_inside(const PolygonTester& band, double minutes, const BandCheckInputs& inputs) {
  for (std::size_t i = 0; i < inputs.origins.size(); ++i) {
    const bool required = inputs.origin_own_minutes[i] <= minutes;
    if (required && !band.covers(inputs.origins[i]) &&
        band.boundary_distance(inputs.origins[i]) > inputs.tolerance_m) {
      return false;
    }
  }
  return true;
}

}  // namespace

PolygonTester::PolygonTester(const GEOSGeometry& polygon)
    : polygon_(&polygon), prepared_(geos_prepare(polygon)) {}
PolygonTester::PolygonTester(PolygonTester&&) noexcept = default;
PolygonTester& PolygonTester::operator=(PolygonTester&&) noexcept = default;
PolygonTester::~PolygonTester() = default;

bool PolygonTester::covers(GridXY p) const {
  const GeosGeometry point = point_at(p);
  return GEOSPreparedIntersects_r(geos_context(), prepared_.get(), point.get()) == 1;
}

bool PolygonTester::covers_vertices(const GEOSGeometry& inner, std::size_t limit) const {
  GEOSContextHandle_t context = geos_context();
  std::vector<GridXY> vertices;
  const int parts = GEOSGetNumGeometries_r(context, &inner);
  for (int p = 0; p < parts; ++p) {
    const GEOSGeometry* polygon = GEOSGetGeometryN_r(context, &inner, p);
    const int holes = GEOSGetNumInteriorRings_r(context, polygon);
    for (int r = -1; r < holes; ++r) {
      const GEOSGeometry* ring = r < 0 ? GEOSGetExteriorRing_r(context, polygon)
                                       : GEOSGetInteriorRingN_r(context, polygon, r);
      const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context, ring);
      unsigned size = 0;
      GEOSCoordSeq_getSize_r(context, sequence, &size);
      for (unsigned k = 0; k < size; ++k) {
        GridXY v;
        GEOSCoordSeq_getXY_r(context, sequence, k, &v.x, &v.y);
        vertices.push_back(v);
      }
    }
  }
  const std::size_t stride = stride_for(vertices.size(), limit);
  for (std::size_t k = 0; k < vertices.size(); k += stride) {
    if (!covers(vertices[k])) return false;
  }
  return true;
}

double PolygonTester::boundary_distance(GridXY p) const {
  if (!boundary_) {
    boundary_ = take_geos(GEOSBoundary_r(geos_context(), polygon_), "boundary");
    boundary_prepared_ = geos_prepare(*boundary_);
  }
  if (GEOSisEmpty_r(geos_context(), boundary_.get()) == 1) {
    return std::numeric_limits<double>::infinity();
  }
  const GeosGeometry point = point_at(p);
  double distance = std::numeric_limits<double>::infinity();
  GEOSPreparedDistance_r(geos_context(), boundary_prepared_.get(), point.get(), &distance);
  return distance;
}

std::vector<IsochroneQuality> check_bands(std::span<const GeosGeometry> bands,
                                          const BandCheckInputs& inputs) {
  std::vector<IsochroneQuality> qualities(bands.size());
  std::vector<PolygonTester> testers;
  testers.reserve(bands.size());
  for (const GeosGeometry& band : bands) testers.emplace_back(*band);
  for (std::size_t k = 0; k < bands.size(); ++k) {
    const double minutes = inputs.thresholds_minutes[k];
    IsochroneQuality& quality = qualities[k];
    const PolygonTester& band = testers[k];
    quality.valid = inputs.known_valid.empty() ? geos_is_valid(*bands[k]) : inputs.known_valid[k];
    quality.nested_in_next_band =
        k + 1 == bands.size() || testers[k + 1].covers_vertices(*bands[k], inputs.max_road_samples);
    quality.origin_inside = origins_inside(band, minutes, inputs);
    check_road_points(band, minutes, inputs, quality);
    check_demand(band, minutes, inputs, quality);
  }
  return qualities;
}

double weight_inside(const GEOSGeometry& polygon, std::span<const TimedPlace> places) {
  if (GEOSisEmpty_r(geos_context(), &polygon) == 1) return 0.0;
  const PolygonTester tester(polygon);
  double total = 0.0;
  for (const TimedPlace& place : places) {
    if (place.weight > 0.0 && tester.covers(place.xy)) total += place.weight;
  }
  return total;
}

std::vector<double> weight_within(std::span<const TimedPlace> places,
                                  std::span<const double> thresholds_minutes, bool rings) {
  std::vector<double> within(thresholds_minutes.size(), 0.0);
  for (const TimedPlace& place : places) {
    for (std::size_t k = 0; k < thresholds_minutes.size(); ++k) {
      const bool after_previous = !rings || k == 0 || place.minutes > thresholds_minutes[k - 1];
      if (place.minutes <= thresholds_minutes[k] && after_previous) within[k] += place.weight;
    }
  }
  return within;
}

}  // namespace couverture
