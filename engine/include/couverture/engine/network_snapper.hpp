#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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

  [[nodiscard]] bool valid() const { return from != kInvalidId; }
};

// Snaps points to the nearest point of the nearest road segment (not the
// nearest node: a family living halfway along a long road joins it there).
// Segments are indexed once per undirected pair of nodes in an R-tree of a
// local metric projection. The graph must outlive the snapper.
//
// Not thread-safe (it owns a PROJ transformation): one snapper per thread.
class NetworkSnapper {
 public:
  // Throws std::invalid_argument when the graph has no arcs.
  explicit NetworkSnapper(const RoadGraph& graph);
  NetworkSnapper(NetworkSnapper&&) noexcept;
  NetworkSnapper& operator=(NetworkSnapper&&) noexcept;
  ~NetworkSnapper();

  [[nodiscard]] NetworkPosition snap(LonLat point) const;
  [[nodiscard]] std::size_t segment_count() const;

 private:
  struct Index;
  const RoadGraph* graph_;
  LocalProjection projection_;
  std::vector<LocalXY> node_xy_;
  std::unique_ptr<Index> index_;
};

}  // namespace couverture
