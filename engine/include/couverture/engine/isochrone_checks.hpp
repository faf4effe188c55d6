#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "couverture/engine/travel_time_surface.hpp"
#include "couverture/geodata/geos_geometry.hpp"

namespace couverture {

// What was checked on one isochrone band (one facility or service, one
// threshold T), against the travel times the run computed.
struct IsochroneQuality {
  // The facility's own place lies in the band (for a service: every
  // facility's). Required only where that place's own time (the access walk
  // there and back) is within T; true when not required.
  bool origin_inside = false;
  bool valid = false;                // GEOS isValid (after any repair)
  bool repaired = false;             // the contour needed a GEOS repair
  bool nested_in_next_band = false;  // its vertices lie in the next band (true for the last one)
  // Road points (where the surface's cells join the road, evenly sampled)
  // reached within T: each must lie inside, but those near the edge (one
  // cell away, or a time within the walk across one cell of T: the contour
  // interpolates between cell centres) are only counted.
  std::size_t reachable_points_checked = 0;
  std::size_t reachable_points_outside = 0;
  std::size_t reachable_points_near_boundary = 0;
  // Road points not reached within T (sampled): how many the band swallows.
  // A measure, not a guarantee. "Far": beyond 1.5 T or never reached.
  std::size_t unreachable_points_sampled = 0;
  std::size_t unreachable_points_inside = 0;
  double unreachable_share_inside = 0.0;
  std::size_t far_points_sampled = 0;
  std::size_t far_points_inside = 0;
  double far_share_inside = 0.0;
  // Every demand point on the surface: inside when its time is <= T,
  // outside when above. Mismatches near the edge (as for road points) are
  // counted as such; the others as misplaced.
  std::size_t demand_points_checked = 0;
  std::size_t demand_points_near_boundary = 0;
  std::size_t demand_points_misplaced = 0;

  [[nodiscard]] bool guarantees_hold() const {
    return origin_inside && valid && nested_in_next_band && reachable_points_outside == 0 &&
           demand_points_misplaced == 0;
  }
};

// A place with a travel time (minutes; +inf when never reached). When not
// `exact`, `minutes` is only a lower bound (a place beyond a bounded search).
struct TimedPlace {
  GridXY xy;
  double minutes = 0.0;
  double weight = 0.0;  // population for a demand point
  bool exact = true;
};

// Point-in-polygon tests against one polygon: a GEOS prepared geometry
// (indexed), and the distance to its boundary for points that fail.
class PolygonTester {
 public:
  explicit PolygonTester(const GEOSGeometry& polygon);
  PolygonTester(PolygonTester&&) noexcept;
  PolygonTester& operator=(PolygonTester&&) noexcept;
  ~PolygonTester();

  // Inside or on the boundary.
  [[nodiscard]] bool covers(GridXY p) const;
  // Whether the vertices of `inner` (evenly sampled, at most `limit`) lie
  // inside or on the polygon: how a band is checked to nest in the next.
  // Contours of one surface at two levels cannot cross, so a band whose
  // vertices are all inside the next one lies inside it; the check catches
  // a band drawn from another surface or a level out of order, and costs
  // far less than GEOS Covers on polygons of tens of thousands of vertices.
  [[nodiscard]] bool covers_vertices(const GEOSGeometry& inner, std::size_t limit) const;
  [[nodiscard]] double boundary_distance(GridXY p) const;

 private:
  const GEOSGeometry* polygon_;
  GeosPrepared prepared_;
  mutable GeosGeometry boundary_;  // made on first use
  mutable GeosPrepared boundary_prepared_;
};

// What the checks of one set of bands need besides the bands.
struct BandCheckInputs {
  std::span<const double> thresholds_minutes;
  std::span<const GridXY> origins;             // facility places
  std::span<const double> origin_own_minutes;  // their own place's time, by origin
  std::span<const TimedPlace> demand;          // every demand point near the bands
  std::span<const TimedPlace> road_points;     // candidate road points near the bands
  double tolerance_m = 0.0;                    // one cell: its diagonal
  double tolerance_minutes = 0.0;              // the walk along that diagonal
  // Bands whose builder has already run GEOS isValid on them (true: valid);
  // empty: check_bands runs it.
  std::span<const bool> known_valid;
  std::size_t max_road_samples = 2000;
};

// Checks every band (bands[k] for thresholds_minutes[k]).
std::vector<IsochroneQuality> check_bands(std::span<const GeosGeometry> bands,
                                          const BandCheckInputs& inputs);

// Population (weights) of the places inside `polygon`.
double weight_inside(const GEOSGeometry& polygon, std::span<const TimedPlace> places);

// Population whose time lies in each band (t <= T) or ring
// (T_prev < t <= T).
std::vector<double> weight_within(std::span<const TimedPlace> places,
                                  std::span<const double> thresholds_minutes, bool rings);

}  // namespace couverture
