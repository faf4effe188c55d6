#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/geodata/local_projection.hpp"
#include "couverture/geodata/lon_lat.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// Where a point joins the network: a position inside one road segment, which
// carries up to two arcs (one per direction of travel).
struct NetworkPosition {
  NodeId from = kInvalidId;  // the segment's end nodes
  NodeId to = kInvalidId;
  ArcId forward_arc = kInvalidId;   // from->to; kInvalidId when one-way to->from
  ArcId backward_arc = kInvalidId;  // to->from; kInvalidId when one-way from->to
  double fraction = 0.0;            // 0 at `from`, 1 at `to`
  LonLat point;                     // the snapped point
  double distance_m = 0.0;          // geodesic, from the input point to `point`
  // The nearest road was a piece detached from the main network (dropped
  // with a small component: it leads nowhere), so the point joined the main
  // network farther away; `detached_distance_m` is the distance to that piece.
  bool from_detached_piece = false;
  double detached_distance_m = 0.0;

  [[nodiscard]] bool valid() const { return from != kInvalidId; }
};

// The road classes a point may join when travelling with `profile`: those a
// home or a service can front. For "car" every class but motorway,
// motorway_link and trunk_link: nobody steps onto a motorway or a slip road
// from a house, and snapping there would time a trip along the motorway.
// Trunk itself stays: in France (and in OSM generally) many trunk roads are
// ordinary routes nationales through villages, lined with houses and
// driveways; excluding them would push those homes onto a farther street.
// Walk, bike and any other profile: every class (their graphs already hold
// only ways the mode may use).
RoadClassSet default_snappable_classes(std::string_view profile);

// Snaps points to the nearest point of the nearest road segment (not the
// nearest node: a family living halfway along a long road joins it there),
// among the segments of the snappable classes. Segments are indexed once per
// undirected pair of nodes in an R-tree of a local metric projection; the
// graph's detached segments (RoadGraph::detached_segment_end) are indexed too,
// so that a point whose nearest road is a detached piece is reported
// (NetworkPosition::from_detached_piece) while it joins the main network.
// The graph must outlive the snapper.
//
// Not thread-safe (it owns a PROJ transformation): one snapper per thread.
class NetworkSnapper {
 public:
  // `snappable_classes`: the classes a point may join, by default
  // default_snappable_classes(graph.profile). A segment is snappable when one
  // of its arcs is; a graph without arc classes (hand-built) is snappable
  // everywhere. Throws std::invalid_argument when no segment is snappable.
  explicit NetworkSnapper(const RoadGraph& graph,
                          std::optional<RoadClassSet> snappable_classes = std::nullopt);
  NetworkSnapper(NetworkSnapper&&) noexcept;
  NetworkSnapper& operator=(NetworkSnapper&&) noexcept;
  ~NetworkSnapper();

  [[nodiscard]] NetworkPosition snap(LonLat point) const;
  // The same through the caller's projection, which must be centred on
  // frame_centre(): each thread brings its own (a PROJ object is not
  // shared), and all of them share this snapper's index.
  [[nodiscard]] NetworkPosition snap(LonLat point, const LocalProjection& frame) const;
  [[nodiscard]] LonLat frame_centre() const { return projection_.centre(); }
  // Snappable segments of the main network, and detached segments, indexed.
  [[nodiscard]] std::size_t segment_count() const;
  [[nodiscard]] std::size_t detached_segment_count() const;
  [[nodiscard]] const RoadClassSet& snappable_classes() const { return snappable_; }

 private:
  struct Index;
  const RoadGraph* graph_;
  RoadClassSet snappable_;
  LocalProjection projection_;
  std::vector<LocalXY> node_xy_;
  std::unique_ptr<Index> index_;
};

}  // namespace couverture
