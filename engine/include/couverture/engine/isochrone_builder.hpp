#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/geos_operations.hpp"
#include "couverture/geodata/local_projection.hpp"
#include "couverture/geodata/lon_lat.hpp"
#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/travel_direction.hpp"

namespace couverture {

// What an isochrone measures and how wide the off-road margin is drawn.
struct IsochroneParameters {
  std::vector<double> thresholds_minutes;  // strictly increasing, each > 0
  TravelDirection direction = TravelDirection::to_facility;
  double access_speed_mps = 4.5 / 3.6;  // the walk between a point and its road
  // A reached road piece with `r` seconds left covers the points within
  // min(r * access_speed_mps, max_offroad_m) of it, at least min_offroad_m
  // (so that a piece reached at the last second still becomes an area).
  double max_offroad_m = 150.0;
  double min_offroad_m = 5.0;
  // Off-road widths are rounded down to max_offroad_m * k / width_levels
  // (k = 1..width_levels, or min_offroad_m below the first level): one GEOS
  // buffer per level rather than one per piece.
  int width_levels = 4;
  int quadrant_segments = 6;  // circle arcs: segments per quarter circle
};

// A straight stretch of network reached within a threshold, in the local
// metric frame: from `start` (reached with `start_left_s` seconds left) to
// `end` (with `end_left_s` <= start_left_s left).
struct ReachedPiece {
  LocalXY start;
  LocalXY end;
  double start_left_s = 0.0;
  double end_left_s = 0.0;
};

// Where the search of one facility starts: the end nodes of its segment that
// it reaches (from_facility, on the road graph) or is reached from
// (to_facility, on the reversed graph), at the on-road time plus the access
// walk, rounded to the millisecond. Empty for an invalid position.
void isochrone_seeds(const RoadGraph& graph, const NetworkPosition& position,
                     TravelDirection direction, double access_speed_mps,
                     std::vector<DijkstraSeed>& seeds);

// The nested areas reached from (or towards) one facility, one per threshold.
struct FacilityIsochrones {
  std::vector<GeosGeometry> bands;  // WGS84 (Multi)Polygons, bands[k] covers bands[k - 1]
  std::vector<double> area_km2;     // by band, measured in the local metric frame
};

// Network isochrones: for each facility and threshold T, the area within T
// of the facility along the road network (to or from it, per `direction`),
// built from the network itself: every arc reached within T contributes the
// part of its segment travelled before T runs out, the facility's own
// segment contributes its part from the snapped point, and the access leg
// from the facility to its road is walked too. Each piece is buffered by the
// distance that can still be walked off the road in the time left (see
// IsochroneParameters). No hulls: unreached gaps and holes stay out.
//
// Bands are nested by construction (band k is united with band k - 1). The
// graph must outlive the builder; build() is const and runs the facilities
// in parallel (oneTBB) with one search state per worker thread.
class IsochroneBuilder {
 public:
  // Throws std::invalid_argument on parameters out of range (empty or
  // non-increasing thresholds, non-positive speed or widths, no levels).
  IsochroneBuilder(const RoadGraph& graph, IsochroneParameters parameters);
  IsochroneBuilder(IsochroneBuilder&&) noexcept;
  IsochroneBuilder& operator=(IsochroneBuilder&&) noexcept;
  ~IsochroneBuilder();

  // One entry per facility: `points[i]` is where facility i stands and
  // `positions[i]` its snapped position on the network (NetworkSnapper). A
  // facility with an invalid position gets only the walk around its point.
  // Throws std::invalid_argument when the spans differ in size.
  [[nodiscard]] std::vector<FacilityIsochrones> build(
      std::span<const LonLat> points, std::span<const NetworkPosition> positions) const;

  // The pieces of network reached within `minutes` from one facility, in the
  // local frame (what the polygons are made of; exposed for tests).
  [[nodiscard]] std::vector<ReachedPiece> reached_pieces(LonLat point,
                                                         const NetworkPosition& position,
                                                         double minutes) const;

  // The off-road width drawn around a point with `seconds_left`, rounded down
  // to its level.
  [[nodiscard]] double offroad_width_m(double seconds_left) const;

  [[nodiscard]] const IsochroneParameters& parameters() const { return parameters_; }
  // The metric frame the polygons are built in (centred on the graph).
  [[nodiscard]] LonLat frame_centre() const { return frame_centre_; }
  // The graph the search runs on: the road graph for from_facility, its
  // reverse for to_facility.
  [[nodiscard]] const CsrGraph& search_graph() const;

 private:
  struct Workspace;
  struct Workspaces;
  FacilityIsochrones build_one(Workspace& workspace, LonLat point,
                               const NetworkPosition& position) const;
  void search(Workspace& workspace, const NetworkPosition& position, double minutes) const;
  void collect_pieces(Workspace& workspace, LonLat point, const NetworkPosition& position,
                      double minutes) const;

  const RoadGraph* graph_;
  IsochroneParameters parameters_;
  LonLat frame_centre_;
  std::vector<LocalXY> node_xy_;  // by NodeId, in the frame
  CsrGraph reversed_;             // filled for to_facility only
  std::unique_ptr<Workspaces> workspaces_;
};

}  // namespace couverture
