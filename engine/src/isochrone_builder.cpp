#include "couverture/engine/isochrone_builder.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/engine/position_links.hpp"

namespace couverture {

namespace {

LocalXY lerp(LocalXY a, LocalXY b, double t) {
  return {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
}

// Segments are compared with their ends in a canonical order so that an
// arc travelled whole in both directions is buffered once.
PlanarSegment canonical(LocalXY a, LocalXY b) {
  if (std::tie(b.x, b.y) < std::tie(a.x, a.y)) std::swap(a, b);
  return {a.x, a.y, b.x, b.y};
}

bool segment_less(const PlanarSegment& a, const PlanarSegment& b) {
  return std::tie(a.x0, a.y0, a.x1, a.y1) < std::tie(b.x0, b.y0, b.x1, b.y1);
}

bool segment_equal(const PlanarSegment& a, const PlanarSegment& b) {
  return a.x0 == b.x0 && a.y0 == b.y0 && a.x1 == b.x1 && a.y1 == b.y1;
}

// Reprojecting moves vertices by different amounts: two edges of a union a
// nanometre apart in metres can cross once in degrees. Such a polygon is
// repaired (GEOS MakeValid keeps the area, polygons only).
GeosGeometry valid_polygon(GeosGeometry polygon) {
  if (geos_is_valid(*polygon)) return polygon;
  return geos_make_valid_polygonal(*polygon);
}

// The coordinates (x0 y0 x1 y1 ...) of each line of a MultiLineString.
void line_coordinates(const GEOSGeometry& lines, std::vector<std::vector<double>>& out) {
  GEOSContextHandle_t context = geos_context();
  const int count = GEOSGetNumGeometries_r(context, &lines);
  out.assign(static_cast<std::size_t>(count), {});
  for (int i = 0; i < count; ++i) {
    const GEOSCoordSequence* sequence =
        GEOSGeom_getCoordSeq_r(context, GEOSGetGeometryN_r(context, &lines, i));
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(context, sequence, &size);
    std::vector<double>& xy = out[static_cast<std::size_t>(i)];
    xy.resize(2 * std::size_t{size});
    if (size > 0) GEOSCoordSeq_copyToBuffer_r(context, sequence, xy.data(), 0, 0);
  }
}

// Polylines chained into trails: a trail walks on through every junction
// it reaches by an unused polyline (ends must match exactly). With round
// joins the buffer of a trail is the union of the buffers of its polylines,
// and far fewer polygons go into the union (GEOS's union costs about the
// same per polygon whatever its size). Each trail is simplified within
// `tolerance` (Douglas-Peucker: every point of the trail stays within it).
std::vector<GeosGeometry> trails_of(const std::vector<std::vector<double>>& polylines,
                                    double tolerance) {
  GEOSContextHandle_t context = geos_context();
  struct End {
    double x, y;
    std::size_t line;
    bool at_start;
  };
  const auto end_less = [](const End& a, const End& b) {
    return std::tie(a.x, a.y, a.line, a.at_start) < std::tie(b.x, b.y, b.line, b.at_start);
  };
  std::vector<End> ends;
  for (std::size_t i = 0; i < polylines.size(); ++i) {
    const std::vector<double>& xy = polylines[i];
    if (xy.size() < 4) continue;
    ends.push_back({xy[0], xy[1], i, true});
    ends.push_back({xy[xy.size() - 2], xy[xy.size() - 1], i, false});
  }
  std::sort(ends.begin(), ends.end(), end_less);
  std::vector<char> used(polylines.size(), 0);
  std::vector<GeosGeometry> trails;
  std::vector<double> trail;
  for (std::size_t first = 0; first < polylines.size(); ++first) {
    if (used[first] || polylines[first].size() < 4) continue;
    used[first] = 1;
    trail = polylines[first];
    // On from its end, then on from its start (the trail turned round).
    for (int side = 0; side < 2; ++side) {
      for (;;) {
        const End here{trail[trail.size() - 2], trail[trail.size() - 1], 0, false};
        auto it = std::lower_bound(ends.begin(), ends.end(), here, end_less);
        while (it != ends.end() && it->x == here.x && it->y == here.y && used[it->line]) ++it;
        if (it == ends.end() || it->x != here.x || it->y != here.y) break;
        used[it->line] = 1;
        const std::vector<double>& next = polylines[it->line];
        const std::size_t points = next.size() / 2;
        for (std::size_t k = 1; k < points; ++k) {
          const std::size_t j = it->at_start ? k : points - 1 - k;
          trail.push_back(next[2 * j]);
          trail.push_back(next[2 * j + 1]);
        }
      }
      const std::size_t points = trail.size() / 2;
      for (std::size_t k = 0; k < points / 2; ++k) {
        std::swap(trail[2 * k], trail[2 * (points - 1 - k)]);
        std::swap(trail[2 * k + 1], trail[2 * (points - 1 - k) + 1]);
      }
    }
    GEOSCoordSequence* sequence = GEOSCoordSeq_copyFromBuffer_r(
        context, trail.data(), static_cast<unsigned>(trail.size() / 2), 0, 0);
    const GeosGeometry line = take_geos(GEOSGeom_createLineString_r(context, sequence), "trail");
    trails.push_back(take_geos(GEOSSimplify_r(context, line.get(), tolerance), "simplify"));
  }
  return trails;
}

void check(bool condition, const char* message) {
  if (!condition) throw std::invalid_argument(std::string("IsochroneBuilder: ") + message);
}

}  // namespace

void isochrone_seeds(const RoadGraph& graph, const NetworkPosition& position,
                     TravelDirection direction, double access_speed_mps,
                     std::vector<DijkstraSeed>& seeds) {
  seeds.clear();
  if (!position.valid()) return;
  const double access_ms = position.distance_m / access_speed_mps * 1000.0;
  const PositionLinks links = direction == TravelDirection::from_facility
                                  ? links_out_of(graph, position)
                                  : links_into(graph, position);
  for (const PositionLink& link : links) {
    const double seed_ms = std::round(link.ms + access_ms);
    if (seed_ms < static_cast<double>(kUnreachable)) {
      seeds.push_back({link.node, static_cast<Millis>(seed_ms)});
    }
  }
}

// Everything one worker thread reuses from one facility to the next: the
// search labels, the PROJ handle (not shareable between threads) and the
// piece buffers.
struct IsochroneBuilder::Workspace {
  Workspace(std::size_t node_count, LonLat centre) : dijkstra(node_count), projection(centre) {}
  Dijkstra dijkstra;
  LocalProjection projection;
  std::vector<DijkstraSeed> seeds;
  std::vector<ReachedPiece> pieces;
  std::vector<std::vector<PlanarSegment>> by_level;  // index = width level
  std::vector<std::vector<PlanarSegment>> buffered;  // by level, sorted
  // Pieces from first_arc_piece on follow arcs; whole[i] tells whether
  // arc piece first_arc_piece + i runs the whole arc, node to node.
  std::size_t first_arc_piece = 0;
  std::vector<char> whole;
  // Unsplit whole arcs, by level: their segments meet exactly at nodes and
  // never partly overlap, so they chain into trails without GEOS noding.
  std::vector<std::vector<PlanarSegment>> whole_by_level;
  std::vector<std::vector<double>> polylines;  // x0 y0 x1 y1 ... per line
};

struct IsochroneBuilder::Workspaces {
  tbb::enumerable_thread_specific<Workspace> per_thread;
};

IsochroneBuilder::IsochroneBuilder(const RoadGraph& graph, IsochroneParameters parameters)
    : graph_(&graph), parameters_(std::move(parameters)) {
  const IsochroneParameters& p = parameters_;
  check(!p.thresholds_minutes.empty(), "no threshold given");
  for (std::size_t k = 0; k < p.thresholds_minutes.size(); ++k) {
    check(p.thresholds_minutes[k] > 0.0 && std::isfinite(p.thresholds_minutes[k]),
          "thresholds must be positive minutes");
    check(k == 0 || p.thresholds_minutes[k] > p.thresholds_minutes[k - 1],
          "thresholds must be strictly increasing");
  }
  check(p.access_speed_mps > 0.0, "the access speed must be positive");
  check(p.min_offroad_m > 0.0 && p.max_offroad_m >= p.min_offroad_m,
        "off-road widths must satisfy 0 < min_offroad_m <= max_offroad_m");
  check(p.width_levels >= 1, "width_levels must be at least 1");
  check(p.quadrant_segments >= 1, "quadrant_segments must be at least 1");
  check(graph.node_position.size() == graph.node_count(), "node positions missing");

  const LocalProjection projection = LocalProjection::around(graph.node_position);
  frame_centre_ = projection.centre();
  node_xy_.reserve(graph.node_count());
  for (const LonLat& position : graph.node_position)
    node_xy_.push_back(projection.forward(position));
  if (p.direction == TravelDirection::to_facility) reversed_ = reverse_graph(graph.graph);
  const std::size_t node_count = graph.node_count();
  const LonLat centre = frame_centre_;
  workspaces_ = std::make_unique<Workspaces>(Workspaces{tbb::enumerable_thread_specific<Workspace>(
      [node_count, centre] { return Workspace(node_count, centre); })});
}

IsochroneBuilder::IsochroneBuilder(IsochroneBuilder&&) noexcept = default;
IsochroneBuilder& IsochroneBuilder::operator=(IsochroneBuilder&&) noexcept = default;
IsochroneBuilder::~IsochroneBuilder() = default;

const CsrGraph& IsochroneBuilder::search_graph() const {
  return parameters_.direction == TravelDirection::to_facility ? reversed_ : graph_->graph;
}

double IsochroneBuilder::offroad_width_m(double seconds_left) const {
  const IsochroneParameters& p = parameters_;
  const double reach = std::min(std::max(seconds_left, 0.0) * p.access_speed_mps, p.max_offroad_m);
  const double level = std::floor(reach * p.width_levels / p.max_offroad_m);
  return std::max(p.min_offroad_m, p.max_offroad_m * level / p.width_levels);
}

// One search from the facility's end nodes, bounded by `minutes`: the
// largest threshold's search answers every smaller one too.
void IsochroneBuilder::search(Workspace& ws, const NetworkPosition& position,
                              double minutes) const {
  isochrone_seeds(*graph_, position, parameters_.direction, parameters_.access_speed_mps, ws.seeds);
  ws.dijkstra.run(search_graph(), ws.seeds, static_cast<Millis>(std::floor(minutes * 60'000.0)));
}

// Fills workspace.pieces with what is reached within `minutes`, reading the
// node times off the last search (which must bound at least `minutes`).
void IsochroneBuilder::collect_pieces(Workspace& ws, LonLat point, const NetworkPosition& position,
                                      double minutes) const {
  const double limit_s = minutes * 60.0;
  const double limit_ms = limit_s * 1000.0;
  ws.pieces.clear();
  ws.first_arc_piece = 0;
  ws.whole.clear();
  if (!position.valid()) return;

  // The walk from the facility to its road, as far as time allows.
  const double access_s = position.distance_m / parameters_.access_speed_mps;
  const LocalXY origin = ws.projection.forward(point);
  const LocalXY snapped = ws.projection.forward(position.point);
  if (position.distance_m > 0.0) {
    const double fraction = std::min(1.0, limit_s / access_s);
    ws.pieces.push_back(
        {origin, lerp(origin, snapped, fraction), limit_s, limit_s - fraction * access_s});
  }
  if (access_s > limit_s) return;

  // The facility's own segment, from the snapped point towards each end
  // node it links with.
  const PositionLinks links = parameters_.direction == TravelDirection::from_facility
                                  ? links_out_of(*graph_, position)
                                  : links_into(*graph_, position);
  const double left_at_snap_s = limit_s - access_s;
  for (const PositionLink& link : links) {
    const double duration_s = link.ms / 1000.0;
    if (duration_s <= 0.0) continue;
    const double fraction = std::min(1.0, left_at_snap_s / duration_s);
    ws.pieces.push_back({snapped, lerp(snapped, node_xy_[link.node], fraction), left_at_snap_s,
                         left_at_snap_s - fraction * duration_s});
  }
  // Every arc leaving a node reached in time, as far as the time left goes.
  // An arc travelled whole ends exactly on its head, so that the segments
  // of whole arcs meet exactly at the nodes.
  ws.first_arc_piece = ws.pieces.size();
  const CsrGraph& graph = search_graph();
  for (const NodeId x : ws.dijkstra.settled()) {
    const double distance_ms = ws.dijkstra.distance(x);
    if (distance_ms > limit_ms) break;  // settled in distance order
    const double left_ms = limit_ms - distance_ms;
    for (ArcId a = graph.arcs_begin(x); a < graph.arcs_end(x); ++a) {
      const double w = graph.weight[a];
      const double fraction = std::min(1.0, left_ms / w);
      const LocalXY head = node_xy_[graph.head[a]];
      ws.pieces.push_back({node_xy_[x], fraction < 1.0 ? lerp(node_xy_[x], head, fraction) : head,
                           left_ms / 1000.0, (left_ms - fraction * w) / 1000.0});
      ws.whole.push_back(fraction < 1.0 ? 0 : 1);
    }
  }
}

std::vector<ReachedPiece> IsochroneBuilder::reached_pieces(LonLat point,
                                                           const NetworkPosition& position,
                                                           double minutes) const {
  Workspace& ws = workspaces_->per_thread.local();
  search(ws, position, minutes);
  collect_pieces(ws, point, position, minutes);
  return ws.pieces;
}

FacilityIsochrones IsochroneBuilder::build_one(Workspace& ws, LonLat point,
                                               const NetworkPosition& position) const {
  const IsochroneParameters& p = parameters_;
  const int levels = p.width_levels;
  const double level_step_s = p.max_offroad_m / levels / p.access_speed_mps;
  const auto level_of = [&](double seconds_left) {
    const double reach =
        std::min(std::max(seconds_left, 0.0) * p.access_speed_mps, p.max_offroad_m);
    return std::min(levels, static_cast<int>(std::floor(reach * levels / p.max_offroad_m)));
  };
  const auto width_of_level = [&](int level) {
    return std::max(p.min_offroad_m, p.max_offroad_m * level / levels);
  };
  const auto level_index = [](int level) { return static_cast<std::size_t>(level); };
  // Trails are simplified (Douglas-Peucker) within a tenth of the narrowest
  // width: every point of the network stays within that of its trail, well
  // inside its buffer, and the bends of digitised curves cost fewer joins.
  const double simplify_tolerance_m = 0.1 * p.min_offroad_m;
  // Narrower buffers need fewer segments per quarter circle for the same
  // gap between arc and chord: each level gets the fewest that keep the
  // gap within the widest level's, w (1 - cos(pi / 4q)).
  const double kQuarter = std::acos(0.0);
  const double chord_gap_m =
      width_of_level(levels) * (1.0 - std::cos(kQuarter / p.quadrant_segments));
  std::vector<int> quadrant_segments_of_level;
  for (int level = 0; level <= levels; ++level) {
    const double ratio = std::max(-1.0, 1.0 - chord_gap_m / width_of_level(level));
    quadrant_segments_of_level.push_back(std::clamp(
        static_cast<int>(std::ceil(kQuarter / std::acos(ratio) - 1e-9)), 1, p.quadrant_segments));
  }

  FacilityIsochrones result;
  const LocalXY origin = ws.projection.forward(point);
  search(ws, position, p.thresholds_minutes.back());
  // Segments already buffered by an earlier band, by level: band k only
  // adds what band k - 1 does not cover yet (a segment buffered before at
  // the same or a wider level lies inside band k - 1 already).
  ws.buffered.assign(level_index(levels) + 1, {});
  GeosGeometry local_band = geos_empty_polygon();
  for (const double minutes : p.thresholds_minutes) {
    collect_pieces(ws, point, position, minutes);
    ws.by_level.assign(level_index(levels) + 1, {});
    ws.whole_by_level.assign(level_index(levels) + 1, {});
    // Split each piece where its time left crosses a level boundary; each
    // part takes the (lower) width of its far end.
    for (std::size_t i = 0; i < ws.pieces.size(); ++i) {
      const ReachedPiece& piece = ws.pieces[i];
      const double a = piece.start_left_s;
      const double b = piece.end_left_s;
      int level = level_of(a);
      const int last_level = level_of(b);
      if (level == last_level && i >= ws.first_arc_piece && ws.whole[i - ws.first_arc_piece]) {
        ws.whole_by_level[level_index(level)].push_back(canonical(piece.start, piece.end));
        continue;
      }
      LocalXY from = piece.start;
      for (; level > last_level; --level) {
        const double boundary_s = level * level_step_s;
        if (boundary_s >= a) continue;  // the piece starts exactly on the boundary
        const LocalXY split = lerp(piece.start, piece.end, (a - boundary_s) / (a - b));
        ws.by_level[level_index(level)].push_back(canonical(from, split));
        from = split;
      }
      ws.by_level[level_index(last_level)].push_back(canonical(from, piece.end));
    }
    std::vector<GeosGeometry> parts;
    // Everything within walking reach of the facility itself, so that the
    // facility always lies inside its own area.
    parts.push_back(geos_buffer(*geos_point(origin.x, origin.y), offroad_width_m(minutes * 60.0),
                                p.quadrant_segments));
    for (int level = levels; level >= 0; --level) {
      const auto covered = [&](const PlanarSegment& segment) {
        for (int wider = level; wider <= levels; ++wider) {
          const std::vector<PlanarSegment>& done = ws.buffered[level_index(wider)];
          if (std::binary_search(done.begin(), done.end(), segment, segment_less)) return true;
        }
        return false;
      };
      std::vector<PlanarSegment>& whole = ws.whole_by_level[level_index(level)];
      std::vector<PlanarSegment>& segments = ws.by_level[level_index(level)];
      for (std::vector<PlanarSegment>* list : {&whole, &segments}) {
        std::sort(list->begin(), list->end(), segment_less);
        list->erase(std::unique(list->begin(), list->end(), segment_equal), list->end());
        list->erase(std::remove_if(list->begin(), list->end(), covered), list->end());
      }
      // One small buffer per trail, united by GEOS's cascaded union:
      // buffering the whole network at once nodes every offset curve
      // against every other (measured 30 s per facility on Liechtenstein,
      // 12 s for merged lines). Parts of arcs may partly overlap, so they
      // are noded and merged by GEOS first; whole arcs chain as they are.
      ws.polylines.clear();
      for (const PlanarSegment& segment : whole) {
        ws.polylines.push_back({segment.x0, segment.y0, segment.x1, segment.y1});
      }
      std::vector<GeosGeometry> trails = trails_of(ws.polylines, simplify_tolerance_m);
      if (!segments.empty()) {
        line_coordinates(*geos_merged_lines(segments), ws.polylines);
        std::vector<GeosGeometry> more = trails_of(ws.polylines, simplify_tolerance_m);
        std::move(more.begin(), more.end(), std::back_inserter(trails));
      }
      for (const GeosGeometry& trail : trails) {
        parts.push_back(geos_buffer(*trail, width_of_level(level),
                                    quadrant_segments_of_level[level_index(level)]));
      }
      std::vector<PlanarSegment>& done = ws.buffered[level_index(level)];
      for (const std::vector<PlanarSegment>* list : {&whole, &segments}) {
        const std::size_t old_size = done.size();
        done.insert(done.end(), list->begin(), list->end());
        std::inplace_merge(done.begin(), done.begin() + static_cast<std::ptrdiff_t>(old_size),
                           done.end(), segment_less);
      }
    }
    std::vector<const GEOSGeometry*> raw;
    raw.reserve(parts.size() + 1);
    raw.push_back(local_band.get());
    for (const GeosGeometry& part : parts) raw.push_back(part.get());
    local_band = geos_union_all(raw);
    GeosGeometry band = valid_polygon(geos_to_wgs84(*local_band, ws.projection));
    // Nesting is made in WGS84, the output's coordinates: a straight edge
    // of the metric frame is slightly curved in degrees, so bands nested in
    // metres could overlap by centimetre slivers once reprojected.
    if (!result.bands.empty()) band = valid_polygon(geos_union(*band, *result.bands.back()));
    // The band in the frame is local_band (it covers local bands k - 1...):
    // the WGS84 one differs only by the slivers of reprojection.
    result.area_km2.push_back(geos_area(*local_band) / 1e6);
    result.bands.push_back(std::move(band));
  }
  return result;
}

std::vector<FacilityIsochrones> IsochroneBuilder::build(
    std::span<const LonLat> points, std::span<const NetworkPosition> positions) const {
  check(points.size() == positions.size(), "one network position per facility point is needed");
  std::vector<FacilityIsochrones> result(points.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, points.size(), 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      Workspace& ws = workspaces_->per_thread.local();
                      for (std::size_t i = range.begin(); i < range.end(); ++i) {
                        result[i] = build_one(ws, points[i], positions[i]);
                      }
                    });
  return result;
}

}  // namespace couverture
