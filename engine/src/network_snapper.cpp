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
// The segment and its index into the arrays describing it.
using Entry = std::pair<Segment, std::uint32_t>;
using Tree = bgi::rtree<Entry, bgi::rstar<16>>;

// The foot of the perpendicular from p on segment a-b, as a fraction from a.
double foot_fraction(LocalXY p, LocalXY a, LocalXY b) {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double squared_length = dx * dx + dy * dy;
  if (squared_length <= 0.0) return 0.0;
  return std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / squared_length, 0.0, 1.0);
}

LocalXY along(LocalXY a, LocalXY b, double fraction) {
  return {a.x + fraction * (b.x - a.x), a.y + fraction * (b.y - a.y)};
}

double squared_distance(LocalXY p, LocalXY q) {
  return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y);
}

Point point_of(LocalXY p) { return {p.x, p.y}; }

}  // namespace

RoadClassSet default_snappable_classes(std::string_view profile) {
  RoadClassSet classes;
  classes.set();
  if (profile == "car") {
    classes.reset(static_cast<std::size_t>(RoadClass::motorway));
    classes.reset(static_cast<std::size_t>(RoadClass::motorway_link));
    classes.reset(static_cast<std::size_t>(RoadClass::trunk_link));
  }
  return classes;
}

struct NetworkSnapper::Index {
  std::vector<NodeId> from;
  std::vector<NodeId> to;
  Tree tree;
  std::vector<LocalXY> detached_end;  // 2 per indexed detached segment
  Tree detached_tree;
};

NetworkSnapper::NetworkSnapper(const RoadGraph& graph,
                               std::optional<RoadClassSet> snappable_classes)
    : graph_(&graph),
      snappable_(snappable_classes.value_or(default_snappable_classes(graph.profile))),
      projection_(LocalProjection::around(graph.node_position)),
      index_(std::make_unique<Index>()) {
  if (graph.arc_count() == 0)
    throw std::invalid_argument("NetworkSnapper: the road graph has no arcs");
  node_xy_ = projection_.forward_all(graph.node_position);

  const bool classified = graph.arc_class.size() == graph.arc_count();
  const auto snappable = [this](RoadClass c) {
    return snappable_.test(static_cast<std::size_t>(c));
  };
  std::vector<Entry> entries;
  entries.reserve(graph.arc_count());
  const CsrGraph& csr = graph.graph;
  for (NodeId u = 0; u < csr.node_count(); ++u) {
    for (ArcId a = csr.arcs_begin(u); a < csr.arcs_end(u); ++a) {
      const NodeId v = csr.head[a];
      if (v == u) continue;  // a loop has no interior to snap to
      const ArcId back = graph.find_arc(v, u);
      // A two-way road is indexed from its smaller node only.
      if (v < u && back != kInvalidId) continue;
      if (classified && !snappable(graph.arc_class[a]) &&
          (back == kInvalidId || !snappable(graph.arc_class[back]))) {
        continue;
      }
      entries.emplace_back(Segment{point_of(node_xy_[u]), point_of(node_xy_[v])},
                           static_cast<std::uint32_t>(index_->from.size()));
      index_->from.push_back(u);
      index_->to.push_back(v);
    }
  }
  if (entries.empty()) {
    throw std::invalid_argument("NetworkSnapper: the road graph has no snappable segment");
  }
  // The range constructor bulk-loads (packs) the tree: faster to build and
  // to query than inserting one by one.
  index_->tree = Tree(entries.begin(), entries.end());

  entries.clear();
  const bool detached_classified =
      graph.detached_segment_class.size() * 2 == graph.detached_segment_end.size();
  const std::vector<LocalXY> detached_xy = projection_.forward_all(graph.detached_segment_end);
  for (std::size_t k = 0; 2 * k + 1 < graph.detached_segment_end.size(); ++k) {
    if (detached_classified && !snappable(graph.detached_segment_class[k])) continue;
    const LocalXY a = detached_xy[2 * k];
    const LocalXY b = detached_xy[2 * k + 1];
    entries.emplace_back(Segment{point_of(a), point_of(b)},
                         static_cast<std::uint32_t>(index_->detached_end.size() / 2));
    index_->detached_end.push_back(a);
    index_->detached_end.push_back(b);
  }
  index_->detached_tree = Tree(entries.begin(), entries.end());
}

NetworkSnapper::NetworkSnapper(NetworkSnapper&&) noexcept = default;
NetworkSnapper& NetworkSnapper::operator=(NetworkSnapper&&) noexcept = default;
NetworkSnapper::~NetworkSnapper() = default;

std::size_t NetworkSnapper::segment_count() const { return index_->from.size(); }

std::size_t NetworkSnapper::detached_segment_count() const {
  return index_->detached_end.size() / 2;
}

NetworkPosition NetworkSnapper::snap(LonLat point) const { return snap(point, projection_); }

NetworkPosition NetworkSnapper::snap(LonLat point, const LocalProjection& frame) const {
  const LocalXY p = frame.forward(point);
  Entry nearest;
  index_->tree.query(bgi::nearest(point_of(p), 1), &nearest);
  const NodeId from = index_->from[nearest.second];
  const NodeId to = index_->to[nearest.second];
  const LocalXY a = node_xy_[from];
  const LocalXY b = node_xy_[to];
  const double fraction = foot_fraction(p, a, b);
  const LocalXY foot = along(a, b, fraction);

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
    position.point = frame.inverse(foot);
  }
  position.distance_m = geodesic_distance_m(point, position.point);

  // Strictly nearer only: a detached spur touching the main network at the
  // point's nearest node is not "nearer" than that node.
  Entry detached;
  if (index_->detached_tree.query(bgi::nearest(point_of(p), 1), &detached) == 1) {
    const LocalXY da = index_->detached_end[2 * detached.second];
    const LocalXY db = index_->detached_end[2 * detached.second + 1];
    const LocalXY detached_foot = along(da, db, foot_fraction(p, da, db));
    if (squared_distance(p, detached_foot) < squared_distance(p, foot)) {
      position.from_detached_piece = true;
      position.detached_distance_m = geodesic_distance_m(point, frame.inverse(detached_foot));
    }
  }
  return position;
}

}  // namespace couverture
