#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "couverture/engine/isochrone_builder.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/lon_lat.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// What was checked on one isochrone polygon (one facility, one threshold T),
// against travel times from a search of its own (unbounded, same seeds).
struct IsochroneQuality {
  bool origin_inside = false;        // the facility's own point lies in the polygon
  bool valid = false;                // GEOS isValid
  bool nested_in_next_band = false;  // covered by the next band (true for the last one)
  // Network points reached within T: every reached node, and along every
  // reached arc (and the facility's own segment and access walk) the middle
  // and the far end of the part travelled. All must be inside.
  std::size_t reachable_points_checked = 0;
  std::size_t reachable_points_outside = 0;
  // Points NOT reachable within T: nodes with a time above T or none, the
  // middles of segments whose both ends are above T, and the caller's
  // known-unreachable points (e.g. detached network pieces); evenly
  // subsampled to at most max_unreachable_samples. Some are inside by
  // design (walkable off the road within T), so this is a measure of how
  // much the polygon swallows, not a pass/fail.
  std::size_t unreachable_points_sampled = 0;
  std::size_t unreachable_points_inside = 0;
  double unreachable_share_inside = 0.0;  // inside / sampled, 0 when none
  // The same for the subset far beyond T: time above 1.5 T, or unreachable
  // (across a river without bridge, a disconnected island...).
  std::size_t far_points_sampled = 0;
  std::size_t far_points_inside = 0;
  double far_share_inside = 0.0;

  // The guarantees: origin inside, valid, nested, no reachable point outside.
  [[nodiscard]] bool guarantees_hold() const {
    return origin_inside && valid && nested_in_next_band && reachable_points_outside == 0;
  }
};

// Whether `inner` lies inside `outer`: GEOS Covers, or else the part of
// `inner` outside `outer` is a floating-point sliver (area below 1e-9 of
// inner's). Building band k as the union of band k - 1 with more pieces
// nests them exactly in real numbers, but the union's noding rounds its new
// vertices, which an exact Covers can see as nanometre slivers.
bool isochrone_band_nested(const GEOSGeometry& inner, const GEOSGeometry& outer);

// Checks isochrone polygons built with the same graph and parameters. const
// methods may run concurrently (one search state per thread).
class IsochroneQualityChecker {
 public:
  IsochroneQualityChecker(const RoadGraph& graph, IsochroneParameters parameters,
                          std::size_t max_unreachable_samples = 5000);
  IsochroneQualityChecker(IsochroneQualityChecker&&) noexcept;
  IsochroneQualityChecker& operator=(IsochroneQualityChecker&&) noexcept;
  ~IsochroneQualityChecker();

  // One record per band of one facility (bands in WGS84, one per threshold).
  // Throws std::invalid_argument when the band count differs from the
  // thresholds'.
  [[nodiscard]] std::vector<IsochroneQuality> check(
      LonLat point, const NetworkPosition& position, std::span<const GeosGeometry> bands,
      std::span<const LonLat> known_unreachable = {}) const;

  // check() for every facility, in parallel (oneTBB).
  [[nodiscard]] std::vector<std::vector<IsochroneQuality>> check_all(
      std::span<const LonLat> points, std::span<const NetworkPosition> positions,
      std::span<const FacilityIsochrones> isochrones,
      std::span<const LonLat> known_unreachable = {}) const;

 private:
  struct Workspaces;
  const RoadGraph* graph_;
  IsochroneParameters parameters_;
  std::size_t max_unreachable_samples_;
  CsrGraph reversed_;  // for to_facility
  std::unique_ptr<Workspaces> workspaces_;
};

}  // namespace couverture
