#include "couverture/engine/isochrone_quality.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/geodata/geos_operations.hpp"

namespace couverture {

namespace {

LonLat lerp(LonLat a, LonLat b, double t) {
  return {a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat)};
}

bool inside(const GEOSPreparedGeometry& polygon, LonLat p) {
  const GeosGeometry point = geos_point(p.lon, p.lat);
  const char result = GEOSPreparedIntersects_r(geos_context(), &polygon, point.get());
  if (result == 2) throw std::runtime_error("GEOS prepared intersects failed");
  return result == 1;
}

// Points of the network that are (reachable) or are not (unreachable) within
// one threshold; the unreachable ones carry whether they are far beyond it.
struct Samples {
  std::vector<LonLat> reachable;
  std::vector<LonLat> unreachable;
  std::vector<bool> far;
};

// Keeps at most `limit` of the items, evenly spread (every k-th).
template <typename Keep>
void subsample(std::size_t count, std::size_t limit, Keep keep) {
  if (count == 0 || limit == 0) return;
  const std::size_t stride = (count + limit - 1) / limit;
  for (std::size_t i = 0; i < count; i += stride) keep(i);
}

}  // namespace

bool isochrone_band_nested(const GEOSGeometry& inner, const GEOSGeometry& outer) {
  try {
    if (geos_covers(outer, inner)) return true;
    return geos_area(*geos_difference(inner, outer)) <= 1e-9 * geos_area(inner);
  } catch (const std::runtime_error&) {
    return false;  // GEOS refuses an invalid polygon: nesting cannot be shown
  }
}

struct IsochroneQualityChecker::Workspaces {
  tbb::enumerable_thread_specific<Dijkstra> dijkstra;
};

IsochroneQualityChecker::IsochroneQualityChecker(const RoadGraph& graph,
                                                 IsochroneParameters parameters,
                                                 std::size_t max_unreachable_samples)
    : graph_(&graph),
      parameters_(std::move(parameters)),
      max_unreachable_samples_(max_unreachable_samples) {
  if (parameters_.direction == TravelDirection::to_facility) {
    reversed_ = reverse_graph(graph.graph);
  }
  const std::size_t node_count = graph.node_count();
  workspaces_ = std::make_unique<Workspaces>(Workspaces{
      tbb::enumerable_thread_specific<Dijkstra>([node_count] { return Dijkstra(node_count); })});
}

IsochroneQualityChecker::IsochroneQualityChecker(IsochroneQualityChecker&&) noexcept = default;
IsochroneQualityChecker& IsochroneQualityChecker::operator=(IsochroneQualityChecker&&) noexcept =
    default;
IsochroneQualityChecker::~IsochroneQualityChecker() = default;

std::vector<IsochroneQuality> IsochroneQualityChecker::check(
    LonLat point, const NetworkPosition& position, std::span<const GeosGeometry> bands,
    std::span<const LonLat> known_unreachable) const {
  const std::vector<double>& thresholds = parameters_.thresholds_minutes;
  if (bands.size() != thresholds.size()) {
    throw std::invalid_argument("IsochroneQualityChecker: one band per threshold is needed");
  }
  const bool outbound = parameters_.direction == TravelDirection::from_facility;
  const CsrGraph& graph = outbound ? graph_->graph : reversed_;
  const std::vector<LonLat>& node = graph_->node_position;

  // Times to every node, with no bound, so that nodes beyond T are known.
  std::vector<DijkstraSeed> seeds;
  isochrone_seeds(*graph_, position, parameters_.direction, parameters_.access_speed_mps, seeds);
  Dijkstra& dijkstra = workspaces_->dijkstra.local();
  dijkstra.run(graph, seeds);
  const double access_s = position.valid() ? position.distance_m / parameters_.access_speed_mps
                                           : std::numeric_limits<double>::infinity();

  std::vector<IsochroneQuality> result(bands.size());
  for (std::size_t k = 0; k < bands.size(); ++k) {
    const double limit_s = thresholds[k] * 60.0;
    const double limit_ms = limit_s * 1000.0;
    const double far_ms = 1.5 * limit_ms;
    Samples samples;
    // The access walk and the facility's own segment, as far as time allows.
    if (position.valid() && position.distance_m > 0.0) {
      const double fraction = std::min(1.0, limit_s / access_s);
      samples.reachable.push_back(lerp(point, position.point, fraction / 2));
      samples.reachable.push_back(lerp(point, position.point, fraction));
    }
    if (access_s <= limit_s) {
      const double left_s = limit_s - access_s;
      samples.reachable.push_back(position.point);
      for (const DijkstraSeed& seed : seeds) {
        const NodeId end = seed.node;
        const double on_road_s = seed.distance / 1000.0 - access_s;
        const double fraction = on_road_s <= 0.0 ? 1.0 : std::min(1.0, left_s / on_road_s);
        samples.reachable.push_back(lerp(position.point, node[end], fraction / 2));
        samples.reachable.push_back(lerp(position.point, node[end], fraction));
      }
    }
    std::vector<NodeId> beyond;
    for (NodeId x = 0; x < graph.node_count(); ++x) {
      const double d = dijkstra.distance(x);
      if (d > limit_ms) {
        beyond.push_back(x);
        continue;
      }
      samples.reachable.push_back(node[x]);
      for (ArcId a = graph.arcs_begin(x); a < graph.arcs_end(x); ++a) {
        const double fraction = std::min(1.0, (limit_ms - d) / graph.weight[a]);
        samples.reachable.push_back(lerp(node[x], node[graph.head[a]], fraction / 2));
        samples.reachable.push_back(lerp(node[x], node[graph.head[a]], fraction));
      }
    }
    // Unreachable: nodes beyond T and the middles of segments with both
    // ends beyond T (any way onto such a middle passes one of its ends),
    // except the facility's own segment.
    std::vector<std::pair<NodeId, NodeId>> segments;
    for (const NodeId x : beyond) {
      for (ArcId a = graph.arcs_begin(x); a < graph.arcs_end(x); ++a) {
        const NodeId y = graph.head[a];
        if (x < y && dijkstra.distance(y) > limit_ms &&
            !(std::min(position.from, position.to) == x &&
              std::max(position.from, position.to) == y)) {
          segments.emplace_back(x, y);
        }
      }
    }
    const std::size_t half = max_unreachable_samples_ / 2;
    subsample(beyond.size(), half, [&](std::size_t i) {
      samples.unreachable.push_back(node[beyond[i]]);
      samples.far.push_back(dijkstra.distance(beyond[i]) > far_ms);
    });
    subsample(segments.size(), max_unreachable_samples_ - half, [&](std::size_t i) {
      const auto [x, y] = segments[i];
      samples.unreachable.push_back(lerp(node[x], node[y], 0.5));
      samples.far.push_back(std::min(dijkstra.distance(x), dijkstra.distance(y)) > far_ms);
    });
    for (const LonLat& p : known_unreachable) {
      samples.unreachable.push_back(p);
      samples.far.push_back(true);
    }

    IsochroneQuality& q = result[k];
    const GeosPrepared prepared = geos_prepare(*bands[k]);
    q.origin_inside = inside(*prepared, point);
    q.valid = geos_is_valid(*bands[k]);
    q.nested_in_next_band =
        k + 1 == bands.size() || isochrone_band_nested(*bands[k], *bands[k + 1]);
    q.reachable_points_checked = samples.reachable.size();
    for (const LonLat& p : samples.reachable) {
      if (!inside(*prepared, p)) ++q.reachable_points_outside;
    }
    q.unreachable_points_sampled = samples.unreachable.size();
    for (std::size_t i = 0; i < samples.unreachable.size(); ++i) {
      if (!inside(*prepared, samples.unreachable[i])) continue;
      ++q.unreachable_points_inside;
      if (samples.far[i]) ++q.far_points_inside;
    }
    q.far_points_sampled =
        static_cast<std::size_t>(std::count(samples.far.begin(), samples.far.end(), true));
    const auto share = [](std::size_t part, std::size_t whole) {
      return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
    };
    q.unreachable_share_inside = share(q.unreachable_points_inside, q.unreachable_points_sampled);
    q.far_share_inside = share(q.far_points_inside, q.far_points_sampled);
  }
  return result;
}

std::vector<std::vector<IsochroneQuality>> IsochroneQualityChecker::check_all(
    std::span<const LonLat> points, std::span<const NetworkPosition> positions,
    std::span<const FacilityIsochrones> isochrones,
    std::span<const LonLat> known_unreachable) const {
  if (points.size() != positions.size() || points.size() != isochrones.size()) {
    throw std::invalid_argument("IsochroneQualityChecker: one position and isochrone per point");
  }
  std::vector<std::vector<IsochroneQuality>> result(points.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, points.size(), 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t i = range.begin(); i < range.end(); ++i) {
                        result[i] =
                            check(points[i], positions[i], isochrones[i].bands, known_unreachable);
                      }
                    });
  return result;
}

}  // namespace couverture
