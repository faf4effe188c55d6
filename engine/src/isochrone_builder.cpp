#include "couverture/engine/isochrone_builder.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
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
  const CsrGraph& graph = search_graph();
  for (const NodeId x : ws.dijkstra.settled()) {
    const double distance_ms = ws.dijkstra.distance(x);
    if (distance_ms > limit_ms) break;  // settled in distance order
    const double left_ms = limit_ms - distance_ms;
    for (ArcId a = graph.arcs_begin(x); a < graph.arcs_end(x); ++a) {
      const double w = graph.weight[a];
      const double fraction = std::min(1.0, left_ms / w);
      ws.pieces.push_back({node_xy_[x], lerp(node_xy_[x], node_xy_[graph.head[a]], fraction),
                           left_ms / 1000.0, (left_ms - fraction * w) / 1000.0});
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

  FacilityIsochrones result;
  const LocalXY origin = ws.projection.forward(point);
  search(ws, position, p.thresholds_minutes.back());
  for (const double minutes : p.thresholds_minutes) {
    collect_pieces(ws, point, position, minutes);
    ws.by_level.assign(static_cast<std::size_t>(levels) + 1, {});
    // Split each piece where its time left crosses a level boundary; each
    // part takes the (lower) width of its far end.
    for (const ReachedPiece& piece : ws.pieces) {
      const double a = piece.start_left_s;
      const double b = piece.end_left_s;
      int level = level_of(a);
      const int last_level = level_of(b);
      LocalXY from = piece.start;
      for (; level > last_level; --level) {
        const double boundary_s = level * level_step_s;
        if (boundary_s >= a) continue;  // the piece starts exactly on the boundary
        const LocalXY split = lerp(piece.start, piece.end, (a - boundary_s) / (a - b));
        ws.by_level[static_cast<std::size_t>(level)].push_back(canonical(from, split));
        from = split;
      }
      ws.by_level[static_cast<std::size_t>(last_level)].push_back(canonical(from, piece.end));
    }
    std::vector<GeosGeometry> parts;
    // Everything within walking reach of the facility itself, so that the
    // facility always lies inside its own area.
    parts.push_back(geos_buffer(*geos_point(origin.x, origin.y), offroad_width_m(minutes * 60.0),
                                p.quadrant_segments));
    for (int level = 0; level <= levels; ++level) {
      std::vector<PlanarSegment>& segments = ws.by_level[static_cast<std::size_t>(level)];
      if (segments.empty()) continue;
      std::sort(segments.begin(), segments.end(), segment_less);
      segments.erase(std::unique(segments.begin(), segments.end(), segment_equal), segments.end());
      // One small buffer per merged line, united by GEOS's cascaded union:
      // buffering the whole network at once nodes every offset curve
      // against every other (measured 30 s per facility on Liechtenstein).
      const GeosGeometry lines = geos_merged_lines(segments);
      const int count = GEOSGetNumGeometries_r(geos_context(), lines.get());
      std::vector<GeosGeometry> buffers;
      buffers.reserve(static_cast<std::size_t>(count));
      std::vector<const GEOSGeometry*> raw_buffers;
      for (int i = 0; i < count; ++i) {
        buffers.push_back(geos_buffer(*GEOSGetGeometryN_r(geos_context(), lines.get(), i),
                                      width_of_level(level), p.quadrant_segments));
        raw_buffers.push_back(buffers.back().get());
      }
      parts.push_back(geos_union_all(raw_buffers));
    }
    std::vector<const GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (const GeosGeometry& part : parts) raw.push_back(part.get());
    GeosGeometry band = valid_polygon(geos_to_wgs84(*geos_union_all(raw), ws.projection));
    // Nesting is made in WGS84, the output's coordinates: a straight edge
    // of the metric frame is slightly curved in degrees, so bands nested in
    // metres could overlap by centimetre slivers once reprojected.
    if (!result.bands.empty()) band = valid_polygon(geos_union(*band, *result.bands.back()));
    result.area_km2.push_back(geos_area(*geos_to_local(*band, ws.projection)) / 1e6);
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
