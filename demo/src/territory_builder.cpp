#include "territory_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <span>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace couverture::synthetic {

namespace {

// Common French street names; a town takes a run of consecutive ones so that
// its streets are distinct (a 12 x 12 grid needs 24).
constexpr std::array<const char*, 30> kStreetNames = {
    "Grande Rue",         "Rue de l'Église",          "Rue de la Gare",    "Rue des Écoles",
    "Rue du Stade",       "Rue des Jardins",          "Rue Jules Ferry",   "Rue Victor Hugo",
    "Rue Pasteur",        "Rue de la République",     "Rue du Moulin",     "Rue des Prés",
    "Rue de la Fontaine", "Rue du Général de Gaulle", "Rue Jeanne d'Arc",  "Rue des Tilleuls",
    "Rue des Vergers",    "Rue de la Moselle",        "Rue du Château",    "Rue des Champs",
    "Rue de la Forêt",    "Rue du Calvaire",          "Rue des Roses",     "Rue de la Mairie",
    "Rue du Lavoir",      "Rue des Sapins",           "Chemin des Vignes", "Rue du Pont",
    "Rue de la Scierie",  "Rue des Myrtilles"};

}  // namespace

Metres TownGrid::at(double row, double col) const {
  const double half = (layout.size - 1) / 2.0;
  const double u = (col - half) * layout.spacing_m;
  const double v = (half - row) * layout.spacing_m;  // row 0 is the northern street
  const double c = std::cos(layout.angle_rad);
  const double s = std::sin(layout.angle_rad);
  return {layout.centre.x + u * c - v * s, layout.centre.y + u * s + v * c};
}

std::int64_t TerritoryBuilder::add_node(Metres position) {
  positions_.push_back(position);
  return static_cast<std::int64_t>(positions_.size());
}

void TerritoryBuilder::add_way(std::vector<std::int64_t> node_ids, OsmTags tags) {
  const auto id = static_cast<std::int64_t>(ways_.size()) + 1;
  ways_.push_back({id, std::move(node_ids), std::move(tags)});
}

TownGrid TerritoryBuilder::add_town(const TownLayout& layout) {
  if (layout.size < 2) throw std::invalid_argument("a town grid needs at least 2 x 2 nodes");
  TownGrid town{layout, {}};
  const int size = layout.size;
  const double jitter = layout.spacing_m * 0.06;
  town.node_ids.reserve(static_cast<std::size_t>(size * size));
  for (int row = 0; row < size; ++row) {
    for (int col = 0; col < size; ++col) {
      const Metres p = town.at(row, col);
      town.node_ids.push_back(add_node(
          {p.x + random_.uniform(-jitter, jitter), p.y + random_.uniform(-jitter, jitter)}));
    }
  }

  const auto first_pooled =
      static_cast<std::size_t>(random_.integer(0, static_cast<int>(kStreetNames.size()) - 1));
  auto street_name = [&](int index) {
    const auto i = static_cast<std::size_t>(index);
    if (i < layout.street_names.size()) return layout.street_names[i];
    return std::string(kStreetNames[(first_pooled + i) % kStreetNames.size()]);
  };
  // The middle row and column are the town's main streets, at 50 km/h; the
  // others are 30 km/h zones, as in most French town centres.
  auto street_tags = [&](int index, bool main) {
    OsmTags tags{
        {"highway", "residential"}, {"name", street_name(index)}, {"maxspeed", main ? "50" : "30"}};
    return tags;
  };

  for (int row = 0; row < size; ++row) {
    std::vector<std::int64_t> ids;
    for (int col = 0; col < size; ++col) ids.push_back(town.node(row, col));
    OsmTags tags = street_tags(row, row == size / 2);
    const auto one_way = std::find(layout.one_way_rows.begin(), layout.one_way_rows.end(), row);
    if (one_way != layout.one_way_rows.end()) {
      if ((one_way - layout.one_way_rows.begin()) % 2 == 1) std::reverse(ids.begin(), ids.end());
      tags.emplace_back("oneway", "yes");
    }
    add_way(std::move(ids), std::move(tags));
  }
  for (int col = 0; col < size; ++col) {
    std::vector<std::int64_t> ids;
    for (int row = 0; row < size; ++row) ids.push_back(town.node(row, col));
    add_way(std::move(ids), street_tags(size + col, col == size / 2));
  }
  return town;
}

std::int64_t TerritoryBuilder::exit_node(const TownGrid& town, Metres toward) const {
  std::vector<std::int64_t> boundary;
  const int last = town.layout.size - 1;
  for (int row = 0; row <= last; ++row) {
    for (int col = 0; col <= last; ++col) {
      if (row == 0 || col == 0 || row == last || col == last) {
        boundary.push_back(town.node(row, col));
      }
    }
  }
  return nearest_node(boundary, toward);
}

std::int64_t TerritoryBuilder::nearest_node(std::span<const std::int64_t> node_ids,
                                            Metres toward) const {
  std::int64_t best = 0;
  double best_distance = std::numeric_limits<double>::infinity();
  for (const std::int64_t id : node_ids) {
    const double d = distance_m(position(id), toward);
    if (d < best_distance) {
      best_distance = d;
      best = id;
    }
  }
  return best;
}

void TerritoryBuilder::add_road(std::int64_t from, std::int64_t to, const RoadShape& shape,
                                OsmTags tags) {
  const Metres a = position(from);
  const Metres b = position(to);
  const double length = distance_m(a, b);
  const int segments = std::max(1, static_cast<int>(std::ceil(length / shape.step_m)));
  // Unit normal to the chord: the bends swing across it and vanish at both
  // ends, so the road meets its junctions head-on.
  const double nx = length > 0.0 ? -(b.y - a.y) / length : 0.0;
  const double ny = length > 0.0 ? (b.x - a.x) / length : 0.0;
  std::vector<std::int64_t> ids{from};
  for (int i = 1; i < segments; ++i) {
    const double t = static_cast<double>(i) / segments;
    const double swing = shape.amplitude_m * std::sin(std::numbers::pi * t * shape.bends) +
                         random_.uniform(-shape.jitter_m, shape.jitter_m);
    ids.push_back(
        add_node({a.x + t * (b.x - a.x) + swing * nx, a.y + t * (b.y - a.y) + swing * ny}));
  }
  ids.push_back(to);
  add_way(std::move(ids), std::move(tags));
}

std::vector<std::int64_t> TerritoryBuilder::add_roundabout(Metres centre, double radius_m,
                                                           int node_count, OsmTags tags) {
  std::vector<std::int64_t> ring;
  for (int i = 0; i < node_count; ++i) {
    const double angle = 2.0 * std::numbers::pi * i / node_count;
    ring.push_back(
        add_node({centre.x + radius_m * std::cos(angle), centre.y + radius_m * std::sin(angle)}));
  }
  std::vector<std::int64_t> closed = ring;
  closed.push_back(ring.front());
  add_way(std::move(closed), std::move(tags));
  return ring;
}

namespace {

// One straight piece of a way: from node index `index` to index + 1.
struct Segment {
  std::size_t way;
  std::size_t index;
};

// Every segment of every way, and the south-west corner of all the nodes
// (the origin of the bucketing grid).
struct WaySegments {
  std::vector<Segment> segments;
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
};

// Reads the builder's ways and node positions (node id i is positions[i - 1]).
class SegmentView {
 public:
  SegmentView(const std::vector<OsmWayRecord>& ways, std::span<const Metres> positions)
      : ways_(ways), positions_(positions) {}
  [[nodiscard]] Metres position(std::int64_t id) const {
    return positions_[static_cast<std::size_t>(id - 1)];
  }
  [[nodiscard]] std::pair<std::int64_t, std::int64_t> ends(const Segment& s) const {
    const auto& ids = ways_[s.way].node_ids;
    return {ids[s.index], ids[s.index + 1]};
  }
  [[nodiscard]] const std::vector<OsmWayRecord>& ways() const { return ways_; }

 private:
  const std::vector<OsmWayRecord>& ways_;
  std::span<const Metres> positions_;
};

WaySegments way_segments(const SegmentView& view) {
  WaySegments found;
  for (std::size_t w = 0; w < view.ways().size(); ++w) {
    const auto& ids = view.ways()[w].node_ids;
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) found.segments.push_back({w, i});
    for (const std::int64_t id : ids) {
      found.min_x = std::min(found.min_x, view.position(id).x);
      found.min_y = std::min(found.min_y, view.position(id).y);
    }
  }
  return found;
}

using GridCell = std::pair<std::int64_t, std::int64_t>;

// Bucket the segments by the cells of a coarse grid their bounding boxes
// touch; only segments sharing a cell can cross.
std::map<GridCell, std::vector<std::size_t>> bucket_segments(const SegmentView& view,
                                                             const WaySegments& found) {
  constexpr double kCellM = 400.0;
  auto cell_of = [&](double x, double y) {
    return GridCell{static_cast<std::int64_t>(std::floor((x - found.min_x) / kCellM)),
                    static_cast<std::int64_t>(std::floor((y - found.min_y) / kCellM))};
  };
  std::map<GridCell, std::vector<std::size_t>> cells;
  for (std::size_t s = 0; s < found.segments.size(); ++s) {
    const auto [u, v] = view.ends(found.segments[s]);
    const Metres a = view.position(u);
    const Metres b = view.position(v);
    const auto [x0, y0] = cell_of(std::min(a.x, b.x), std::min(a.y, b.y));
    const auto [x1, y1] = cell_of(std::max(a.x, b.x), std::max(a.y, b.y));
    for (std::int64_t x = x0; x <= x1; ++x) {
      for (std::int64_t y = y0; y <= y1; ++y) cells[{x, y}].push_back(s);
    }
  }
  return cells;
}

// Where segment s, at parameter t along it, crosses segment r at parameter u.
struct Crossing {
  std::size_t s;
  double t;
  std::size_t r;
  double u;
  Metres point;
};

// The crossings of the ways from index `first_way` on with the others, in
// the order the cells are visited; each pair of segments once, new ways
// against older ones and later new ones, joined segments left out.
std::vector<Crossing> find_crossings(const SegmentView& view, const WaySegments& found,
                                     const std::map<GridCell, std::vector<std::size_t>>& cells,
                                     std::size_t first_way) {
  const std::vector<Segment>& segments = found.segments;
  std::vector<Crossing> crossings;
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (const auto& [cell, members] : cells) {
    for (const std::size_t s : members) {
      if (segments[s].way < first_way) continue;
      for (const std::size_t r : members) {
        const std::size_t w = segments[s].way;
        const std::size_t other = segments[r].way;
        // Each pair once: new ways against older ones and later new ones.
        if (other == w || (other >= first_way && other < w)) continue;
        if (!seen.insert({s, r}).second) continue;
        const auto [su, sv] = view.ends(segments[s]);
        const auto [ru, rv] = view.ends(segments[r]);
        if (su == ru || su == rv || sv == ru || sv == rv) continue;
        const Metres p = view.position(su);
        const Metres q = view.position(sv);
        const Metres a = view.position(ru);
        const Metres b = view.position(rv);
        const double dx = q.x - p.x, dy = q.y - p.y;
        const double ex = b.x - a.x, ey = b.y - a.y;
        const double denominator = dx * ey - dy * ex;
        if (std::abs(denominator) < 1e-9) continue;
        const double t = ((a.x - p.x) * ey - (a.y - p.y) * ex) / denominator;
        const double u = ((a.x - p.x) * dy - (a.y - p.y) * dx) / denominator;
        constexpr double kEnd = 1e-6;
        if (t <= kEnd || t >= 1.0 - kEnd || u <= kEnd || u >= 1.0 - kEnd) continue;
        crossings.push_back({s, t, r, u, {p.x + t * dx, p.y + t * dy}});
      }
    }
  }
  return crossings;
}

// Cuts, as (segment, parameter along it, new node), sorted: each way gets
// its new nodes after the segment's first node, in order along it.
void insert_cut_nodes(std::vector<OsmWayRecord>& ways, const std::vector<Segment>& segments,
                      std::vector<std::tuple<std::size_t, double, std::int64_t>> cuts) {
  std::sort(cuts.begin(), cuts.end());
  std::map<std::size_t, std::vector<std::pair<std::size_t, std::int64_t>>> per_way;
  for (const auto& [s, t, node] : cuts) {
    per_way[segments[s].way].emplace_back(segments[s].index, node);
  }
  for (auto& [w, inserts] : per_way) {
    const std::vector<std::int64_t>& old_ids = ways[w].node_ids;
    std::vector<std::int64_t> ids;
    ids.reserve(old_ids.size() + inserts.size());
    std::size_t next = 0;
    for (std::size_t i = 0; i < old_ids.size(); ++i) {
      ids.push_back(old_ids[i]);
      while (next < inserts.size() && inserts[next].first == i)
        ids.push_back(inserts[next++].second);
    }
    ways[w].node_ids = std::move(ids);
  }
}

}  // namespace

void TerritoryBuilder::join_crossings(std::size_t first_way) {
  const SegmentView view(ways_, positions_);
  const WaySegments found = way_segments(view);
  if (found.segments.empty()) return;
  const auto cells = bucket_segments(view, found);
  const std::vector<Crossing> crossings = find_crossings(view, found, cells, first_way);
  if (crossings.empty()) return;
  // Each crossing becomes a new node shared by both segments, numbered in
  // the order found.
  std::vector<std::tuple<std::size_t, double, std::int64_t>> cuts;
  for (const Crossing& crossing : crossings) {
    const std::int64_t node = add_node(crossing.point);
    cuts.emplace_back(crossing.s, crossing.t, node);
    cuts.emplace_back(crossing.r, crossing.u, node);
  }
  insert_cut_nodes(ways_, found.segments, std::move(cuts));
}

std::vector<OsmNodeRecord> TerritoryBuilder::nodes() const {
  std::vector<OsmNodeRecord> records;
  records.reserve(positions_.size());
  for (std::size_t i = 0; i < positions_.size(); ++i) {
    records.push_back({static_cast<std::int64_t>(i) + 1, to_osm_lon_lat(frame_, positions_[i])});
  }
  return records;
}

Metres facility_spot(const TownGrid& town, int block_row, int block_col, int spot) {
  constexpr std::array<std::pair<double, double>, 4> kOffsets = {
      {{0.2, 0.5}, {0.8, 0.5}, {0.5, 0.2}, {0.5, 0.8}}};
  const auto [row, col] = kOffsets[static_cast<std::size_t>(spot % 4)];
  return town.at(block_row + row, block_col + col);
}

Metres nth_facility_spot(const TownGrid& town, int n) {
  const int blocks = town.layout.size - 1;
  const double middle = (blocks - 1) / 2.0;
  std::vector<std::pair<int, int>> order;
  for (int row = 0; row < blocks; ++row) {
    for (int col = 0; col < blocks; ++col) order.emplace_back(row, col);
  }
  std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    return std::hypot(a.first - middle, a.second - middle) <
           std::hypot(b.first - middle, b.second - middle);
  });
  const auto& [row, col] = order[static_cast<std::size_t>(n / 4) % order.size()];
  return facility_spot(town, row, col, n % 4);
}

}  // namespace couverture::synthetic
