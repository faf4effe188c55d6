#include "couverture/geodata/node_order.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace couverture {

namespace {

// Position of cell (x, y) along the Hilbert curve filling 2^16 x 2^16 cells:
// quadrant by quadrant from the most significant bit, rotating the frame so
// that consecutive quadrants share an edge.
std::uint64_t hilbert_index(std::uint32_t x, std::uint32_t y) {
  std::uint64_t index = 0;
  for (std::uint32_t half = 1u << 15; half > 0; half >>= 1) {
    const std::uint32_t right = (x & half) != 0 ? 1 : 0;
    const std::uint32_t up = (y & half) != 0 ? 1 : 0;
    index += std::uint64_t{half} * half * ((3 * right) ^ up);
    if (up == 0) {
      if (right == 1) {
        x = half - 1 - (x & (half - 1));
        y = half - 1 - (y & (half - 1));
      }
      std::swap(x, y);
    }
  }
  return index;
}

std::uint32_t cell(double value, double low, double high) {
  if (!(high > low)) return 0;
  const double scaled = (value - low) / (high - low) * 65535.0;
  return static_cast<std::uint32_t>(std::clamp(scaled, 0.0, 65535.0));
}

void check_size(std::size_t size, std::size_t expected, const char* array) {
  if (size != expected) {
    throw std::invalid_argument(std::string("renumber_nodes: RoadGraph::") + array + " has " +
                                std::to_string(size) + " entries, expected " +
                                std::to_string(expected));
  }
}

// out[new_id[u]] = values[u]: per-node arrays.
template <typename T>
std::vector<T> scattered(const std::vector<T>& values, std::span<const NodeId> new_id,
                         const char* array) {
  check_size(values.size(), new_id.size(), array);
  std::vector<T> out(values.size());
  for (std::size_t u = 0; u < values.size(); ++u) out[new_id[u]] = values[u];
  return out;
}

// out[a] = values[old_arc[a]]: per-arc arrays.
template <typename T>
std::vector<T> gathered(const std::vector<T>& values, std::span<const ArcId> old_arc,
                        const char* array) {
  check_size(values.size(), old_arc.size(), array);
  std::vector<T> out(old_arc.size());
  for (std::size_t a = 0; a < old_arc.size(); ++a) out[a] = values[old_arc[a]];
  return out;
}

}  // namespace

std::vector<NodeId> hilbert_node_order(std::span<const LonLat> position) {
  double lon_low = 0.0;
  double lon_high = 0.0;
  double lat_low = 0.0;
  double lat_high = 0.0;
  if (!position.empty()) {
    lon_low = lon_high = position[0].lon;
    lat_low = lat_high = position[0].lat;
  }
  for (const LonLat& p : position) {
    lon_low = std::min(lon_low, p.lon);
    lon_high = std::max(lon_high, p.lon);
    lat_low = std::min(lat_low, p.lat);
    lat_high = std::max(lat_high, p.lat);
  }
  std::vector<std::pair<std::uint64_t, NodeId>> keyed(position.size());
  for (NodeId u = 0; u < position.size(); ++u) {
    keyed[u] = {hilbert_index(cell(position[u].lon, lon_low, lon_high),
                              cell(position[u].lat, lat_low, lat_high)),
                u};
  }
  std::sort(keyed.begin(), keyed.end());  // ties by old id
  std::vector<NodeId> new_id(position.size());
  for (NodeId rank = 0; rank < keyed.size(); ++rank) new_id[keyed[rank].second] = rank;
  return new_id;
}

void renumber_nodes(RoadGraph& roads, std::span<const NodeId> new_id) {
  const CsrGraph& graph = roads.graph;
  if (new_id.size() != graph.node_count()) {
    throw std::invalid_argument("renumber_nodes: " + std::to_string(new_id.size()) +
                                " new ids for " + std::to_string(graph.node_count()) + " nodes");
  }
  // Sizes first, so that a malformed graph is left as it was.
  check_size(roads.node_position.size(), new_id.size(), "node_position");
  check_size(roads.node_osm_id.size(), new_id.size(), "node_osm_id");
  for (const std::size_t size :
       {roads.arc_length_m.size(), roads.arc_class.size(), roads.arc_way_id.size()}) {
    check_size(size, graph.arc_count(), "arc arrays");
  }
  // Triples in old arc order: build_csr_graph's stable sort keeps each node's
  // arcs in their old relative order and says where every arc came from.
  std::vector<ArcTriple> arcs;
  arcs.reserve(graph.arc_count());
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      arcs.push_back({new_id[u], new_id[graph.head[a]], graph.weight[a]});
    }
  }
  std::vector<ArcId> old_arc;
  roads.graph = build_csr_graph(new_id.size(), arcs, &old_arc);
  // One line per array indexed by NodeId or ArcId: a new such field of
  // RoadGraph gets its line here (and its size in the checks above).
  roads.node_position = scattered(roads.node_position, new_id, "node_position");
  roads.node_osm_id = scattered(roads.node_osm_id, new_id, "node_osm_id");
  roads.arc_length_m = gathered(roads.arc_length_m, old_arc, "arc_length_m");
  roads.arc_class = gathered(roads.arc_class, old_arc, "arc_class");
  roads.arc_way_id = gathered(roads.arc_way_id, old_arc, "arc_way_id");
}

std::vector<NodeId> reorder_for_locality(RoadGraph& roads) {
  std::vector<NodeId> new_id = hilbert_node_order(roads.node_position);
  renumber_nodes(roads, new_id);
  return new_id;
}

}  // namespace couverture
