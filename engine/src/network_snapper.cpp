#include "couverture/engine/network_snapper.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/geometries/segment.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <stdexcept>
#include <utility>

namespace couverture {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Segment = bg::model::segment<Point>;
// The segment and its index into the (from, to) arrays.
using Entry = std::pair<Segment, std::uint32_t>;
}  // namespace

struct NetworkSnapper::Index {
  std::vector<NodeId> from;
  std::vector<NodeId> to;
  bgi::rtree<Entry, bgi::rstar<16>> tree;
};

NetworkSnapper::NetworkSnapper(const RoadGraph& graph)
    : graph_(&graph),
      projection_(LocalProjection::around(graph.node_position)),
      index_(std::make_unique<Index>()) {
  if (graph.arc_count() == 0)
    throw std::invalid_argument("NetworkSnapper: the road graph has no arcs");
  node_xy_.reserve(graph.node_count());
  for (const LonLat& position : graph.node_position)
    node_xy_.push_back(projection_.forward(position));

  std::vector<Entry> entries;
  entries.reserve(graph.arc_count());
  const CsrGraph& csr = graph.graph;
  for (NodeId u = 0; u < csr.node_count(); ++u) {
    for (ArcId a = csr.arcs_begin(u); a < csr.arcs_end(u); ++a) {
      const NodeId v = csr.head[a];
      if (v == u) continue;  // a loop has no interior to snap to
      // A two-way road is indexed from its smaller node only.
      if (v < u && graph.find_arc(v, u) != kInvalidId) continue;
      const Point a_xy{node_xy_[u].x, node_xy_[u].y};
      const Point b_xy{node_xy_[v].x, node_xy_[v].y};
      entries.emplace_back(Segment{a_xy, b_xy}, static_cast<std::uint32_t>(index_->from.size()));
      index_->from.push_back(u);
      index_->to.push_back(v);
    }
  }
  if (entries.empty()) throw std::invalid_argument("NetworkSnapper: the road graph has only loops");
  // The range constructor bulk-loads (packs) the tree: faster to build and
  // to query than inserting one by one.
  index_->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
}

NetworkSnapper::NetworkSnapper(NetworkSnapper&&) noexcept = default;
NetworkSnapper& NetworkSnapper::operator=(NetworkSnapper&&) noexcept = default;
NetworkSnapper::~NetworkSnapper() = default;

std::size_t NetworkSnapper::segment_count() const { return index_->from.size(); }

NetworkPosition NetworkSnapper::snap(LonLat point) const {
  const LocalXY p = projection_.forward(point);
  Entry nearest;
  index_->tree.query(bgi::nearest(Point{p.x, p.y}, 1), &nearest);
  const NodeId from = index_->from[nearest.second];
  const NodeId to = index_->to[nearest.second];
  const LocalXY a = node_xy_[from];
  const LocalXY b = node_xy_[to];
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double squared_length = dx * dx + dy * dy;
  double fraction = 0.0;
  if (squared_length > 0.0) {
    fraction = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / squared_length, 0.0, 1.0);
  }

  NetworkPosition position;
  position.from = from;
  position.to = to;
  position.forward_arc = graph_->find_arc(from, to);
  position.backward_arc = graph_->find_arc(to, from);
  position.fraction = fraction;
  // The end points are the graph's own coordinates, not a projection round trip.
  if (fraction == 0.0) {
    position.point = graph_->node_position[from];
  } else if (fraction == 1.0) {
    position.point = graph_->node_position[to];
  } else {
    position.point = projection_.inverse({a.x + fraction * dx, a.y + fraction * dy});
  }
  position.distance_m = geodesic_distance_m(point, position.point);
  return position;
}

}  // namespace couverture
