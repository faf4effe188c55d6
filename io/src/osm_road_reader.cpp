#include "couverture/io/osm_road_reader.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <optional>
#include <osmium/io/any_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <string_view>
#include <vector>

#include "couverture/algorithms/strongly_connected.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/node_order.hpp"
#include "file_access.hpp"

namespace couverture {

namespace {

namespace fs = std::filesystem;

// The routable ways of the extract: node refs flattened, way i owning
// refs [first_ref[i], first_ref[i + 1]).
struct RoutableWays {
  std::vector<std::int64_t> way_id;
  std::vector<WayTraversal> traversal;
  std::vector<std::size_t> first_ref{0};
  std::vector<std::int64_t> refs;
};

void check_readable(const fs::path& file) {
  std::error_code error;
  if (!fs::exists(file, error)) {
    throw DataError(file.string() +
                    ": OSM file not found; check the path (extracts are at "
                    "https://download.geofabrik.de)");
  }
  if (!fs::is_regular_file(file, error)) {
    throw DataError(file.string() + ": not a regular file; pass an .osm.pbf extract");
  }
  if (fs::file_size(file, error) == 0) {
    throw DataError(file.string() + ": OSM file is empty; download the extract again");
  }
  require_openable(file);  // else libosmium reads it as a damaged file
}

osmium::io::File osm_file_of(const fs::path& file) {
  try {
    osmium::io::File osm{file.string()};
    osm.check();  // the format, guessed from the suffixes
    return osm;
  } catch (const std::exception& error) {
    throw DataError(file.string() + ": unknown OSM file format (" + error.what() +
                    "); expected .osm.pbf, .osm, .osm.gz or .osm.bz2");
  }
}

RoutableWays read_routable_ways(const osmium::io::File& file, const TravelProfile& profile) {
  RoutableWays ways;
  osmium::io::Reader reader{file, osmium::osm_entity_bits::way};
  while (osmium::memory::Buffer buffer = reader.read()) {
    for (const osmium::Way& way : buffer.select<osmium::Way>()) {
      if (way.nodes().size() < 2) continue;
      const osmium::TagList& tags = way.tags();
      const auto find = [&tags](const char* key) -> std::optional<std::string_view> {
        const char* value = tags.get_value_by_key(key);
        if (value == nullptr) return std::nullopt;
        return std::string_view(value);
      };
      const WayTraversal traversal = profile.evaluate(TagLookup(find));
      if (!traversal.routable) continue;
      ways.way_id.push_back(way.id());
      ways.traversal.push_back(traversal);
      for (const osmium::NodeRef& ref : way.nodes()) ways.refs.push_back(ref.ref());
      ways.first_ref.push_back(ways.refs.size());
    }
  }
  reader.close();
  return ways;
}

// Positions of the sorted `osm_ids`; nullopt for nodes missing from the file.
std::vector<std::optional<LonLat>> read_node_positions(const osmium::io::File& file,
                                                       const std::vector<std::int64_t>& osm_ids) {
  std::vector<std::optional<LonLat>> position(osm_ids.size());
  osmium::io::Reader reader{file, osmium::osm_entity_bits::node};
  while (osmium::memory::Buffer buffer = reader.read()) {
    for (const osmium::Node& node : buffer.select<osmium::Node>()) {
      const auto it = std::lower_bound(osm_ids.begin(), osm_ids.end(), node.id());
      if (it == osm_ids.end() || *it != node.id() || !node.location().valid()) continue;
      position[static_cast<std::size_t>(it - osm_ids.begin())] =
          LonLat{node.location().lon(), node.location().lat()};
    }
  }
  reader.close();
  return position;
}

Millis travel_time_ms(double length_m, double speed_kmh) {
  const double ms = std::round(length_m / (speed_kmh / 3.6) * 1000.0);
  // Two OSM nodes at one position still cost a step: a zero weight would
  // make distinct nodes indistinguishable to the kernels.
  return static_cast<Millis>(
      std::clamp(ms, 1.0, static_cast<double>(std::numeric_limits<Millis>::max() - 1)));
}

// Arcs in input order with their per-arc attributes, before CSR ordering.
struct ArcList {
  std::vector<ArcTriple> triples;
  std::vector<float> length_m;
  std::vector<RoadClass> road_class;
  std::vector<std::int64_t> way_id;

  void add(NodeId tail, NodeId head, Millis weight, float length, RoadClass cls, std::int64_t way) {
    triples.push_back({tail, head, weight});
    length_m.push_back(length);
    road_class.push_back(cls);
    way_id.push_back(way);
  }
};

ArcList make_arcs(const RoutableWays& ways, const std::vector<std::int64_t>& osm_ids,
                  const std::vector<std::optional<LonLat>>& position) {
  const auto node_of = [&](std::int64_t osm_id) {
    return static_cast<NodeId>(std::lower_bound(osm_ids.begin(), osm_ids.end(), osm_id) -
                               osm_ids.begin());
  };
  ArcList arcs;
  for (std::size_t w = 0; w < ways.way_id.size(); ++w) {
    const WayTraversal& traversal = ways.traversal[w];
    for (std::size_t r = ways.first_ref[w]; r + 1 < ways.first_ref[w + 1]; ++r) {
      const NodeId u = node_of(ways.refs[r]);
      const NodeId v = node_of(ways.refs[r + 1]);
      if (u == v || !position[u] || !position[v]) continue;
      const double length = geodesic_distance_m(*position[u], *position[v]);
      const Millis weight = travel_time_ms(length, traversal.speed_kmh);
      const auto length_f = static_cast<float>(length);
      if (traversal.forward) {
        arcs.add(u, v, weight, length_f, traversal.road_class, ways.way_id[w]);
      }
      if (traversal.backward) {
        arcs.add(v, u, weight, length_f, traversal.road_class, ways.way_id[w]);
      }
    }
  }
  return arcs;
}

// Keeps the nodes with `keep[u]` (renumbered in order) and the arcs between
// them, and builds the CSR graph with its parallel arrays.
RoadGraph assemble(const ArcList& arcs, const std::vector<std::int64_t>& osm_ids,
                   const std::vector<std::optional<LonLat>>& position,
                   const std::vector<std::uint8_t>& keep) {
  RoadGraph road;
  std::vector<NodeId> new_id(osm_ids.size(), kInvalidId);
  for (std::size_t u = 0; u < osm_ids.size(); ++u) {
    if (!keep[u]) continue;
    new_id[u] = static_cast<NodeId>(road.node_osm_id.size());
    road.node_osm_id.push_back(osm_ids[u]);
    road.node_position.push_back(*position[u]);
  }
  std::vector<ArcTriple> kept;
  std::vector<std::size_t> source;
  for (std::size_t a = 0; a < arcs.triples.size(); ++a) {
    const ArcTriple& arc = arcs.triples[a];
    if (new_id[arc.tail] == kInvalidId || new_id[arc.head] == kInvalidId) continue;
    kept.push_back({new_id[arc.tail], new_id[arc.head], arc.weight});
    source.push_back(a);
  }
  std::vector<ArcId> order;
  road.graph = build_csr_graph(road.node_osm_id.size(), kept, &order);
  road.arc_length_m.reserve(order.size());
  road.arc_class.reserve(order.size());
  road.arc_way_id.reserve(order.size());
  for (const ArcId k : order) {
    road.arc_length_m.push_back(arcs.length_m[source[k]]);
    road.arc_class.push_back(arcs.road_class[source[k]]);
    road.arc_way_id.push_back(arcs.way_id[source[k]]);
  }
  return road;
}

// The segments of the arcs that lost a node with the small components, once
// per pair of nodes (a two-way segment has two arcs), in node-pair order.
void keep_detached_segments(const ArcList& arcs, const std::vector<std::optional<LonLat>>& position,
                            const std::vector<std::uint8_t>& keep, RoadGraph& road) {
  struct Detached {
    NodeId low;
    NodeId high;
    RoadClass road_class;
    auto operator<=>(const Detached&) const = default;
  };
  std::vector<Detached> detached;
  for (std::size_t a = 0; a < arcs.triples.size(); ++a) {
    const ArcTriple& arc = arcs.triples[a];
    if (keep[arc.tail] && keep[arc.head]) continue;
    detached.push_back(
        {std::min(arc.tail, arc.head), std::max(arc.tail, arc.head), arcs.road_class[a]});
  }
  std::sort(detached.begin(), detached.end());
  // Two ways over one pair of nodes count once, with the first class.
  detached.erase(std::unique(detached.begin(), detached.end(),
                             [](const Detached& x, const Detached& y) {
                               return x.low == y.low && x.high == y.high;
                             }),
                 detached.end());
  road.detached_segment_end.reserve(2 * detached.size());
  road.detached_segment_class.reserve(detached.size());
  for (const Detached& d : detached) {
    road.detached_segment_end.push_back(*position[d.low]);
    road.detached_segment_end.push_back(*position[d.high]);
    road.detached_segment_class.push_back(d.road_class);
  }
}

RoadGraph build_road_graph(const fs::path& path, const osmium::io::File& file,
                           const TravelProfile& profile) {
  const RoutableWays ways = read_routable_ways(file, profile);
  std::vector<std::int64_t> osm_ids = ways.refs;
  std::sort(osm_ids.begin(), osm_ids.end());
  osm_ids.erase(std::unique(osm_ids.begin(), osm_ids.end()), osm_ids.end());
  if (osm_ids.size() >= kInvalidId) {
    throw DataError(path.string() + ": more road nodes than 32-bit ids can hold; clip the extract");
  }
  const std::vector<std::optional<LonLat>> position = read_node_positions(file, osm_ids);
  const ArcList arcs = make_arcs(ways, osm_ids, position);
  if (arcs.triples.empty()) {
    throw DataError(path.string() + ": no road routable by the " + profile.name() + " profile in " +
                    path.filename().string() +
                    "; is it the right extract (with its nodes, not ways alone)?");
  }

  // Nodes without a position never carry an arc; they must not count as
  // dropped components either.
  std::vector<std::uint8_t> has_arc(osm_ids.size(), 0);
  for (const ArcTriple& arc : arcs.triples) has_arc[arc.tail] = has_arc[arc.head] = 1;
  const RoadGraph full = assemble(arcs, osm_ids, position, has_arc);
  const LargestStrongComponent scc = largest_strong_component(full.graph);

  std::vector<std::uint8_t> keep(osm_ids.size(), 0);
  for (std::size_t u = 0, k = 0; u < osm_ids.size(); ++u) {
    if (has_arc[u]) keep[u] = scc.member[k++];
  }
  RoadGraph road = assemble(arcs, osm_ids, position, keep);
  keep_detached_segments(arcs, position, keep, road);
  road.profile = profile.name();
  road.source_description = path.filename().string();
  road.build_stats.components_kept = 1;
  road.build_stats.components_dropped = scc.component_count - 1;
  road.build_stats.nodes_dropped = full.node_count() - road.node_count();
  road.build_stats.arcs_dropped = full.arc_count() - road.arc_count();
  // Ids in OSM order scatter neighbouring streets over memory; a Hilbert
  // order keeps them close (measured in benchmarks/dijkstra_benchmark.cpp).
  reorder_for_locality(road);
  return road;
}

}  // namespace

RoadGraph read_road_graph(const fs::path& osm_file, const TravelProfile& profile) {
  check_readable(osm_file);
  const osmium::io::File file = osm_file_of(osm_file);
  try {
    return build_road_graph(osm_file, file, profile);
  } catch (const DataError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& error) {
    throw DataError(osm_file.string() + ": cannot read the OSM data (" + error.what() +
                    "); the file is damaged or truncated: download the extract again");
  }
}

}  // namespace couverture
