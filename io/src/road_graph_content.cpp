#include "road_graph_content.hpp"

#include <cmath>
#include <sstream>
#include <string>

#include "couverture/geodata/data_error.hpp"

namespace couverture {

namespace {

bool is_lon_lat(const LonLat& p) {
  return std::isfinite(p.lon) && std::isfinite(p.lat) && std::abs(p.lon) <= 180.0 &&
         std::abs(p.lat) <= 90.0;
}

std::string position_text(const LonLat& p) {
  std::ostringstream text;
  text << "(" << p.lon << ", " << p.lat << ")";
  return text.str();
}

}  // namespace

void check_road_graph_content(const RoadGraph& road, const std::filesystem::path& path) {
  const auto refuse = [&path](const std::string& what) {
    throw DataError(path.string() + ": the graph file " + what +
                    ", which no graph built by couverture holds; rebuild it with `couverture "
                    "network build --osm FILE.osm.pbf -o " +
                    path.filename().string() + "`");
  };
  if (road.node_count() == 0 || road.arc_count() == 0) {
    refuse("holds no roads (" + std::to_string(road.node_count()) + " nodes, " +
           std::to_string(road.arc_count()) + " arcs)");
  }
  for (std::size_t v = 0; v < road.node_position.size(); ++v) {
    if (!is_lon_lat(road.node_position[v])) {
      refuse("places node " + std::to_string(v) + " at " + position_text(road.node_position[v]) +
             ", not a longitude and latitude");
    }
  }
  for (const LonLat& end : road.detached_segment_end) {
    if (!is_lon_lat(end)) {
      refuse("has a detached segment ending at " + position_text(end) +
             ", not a longitude and latitude");
    }
  }
  for (std::size_t a = 0; a < road.arc_length_m.size(); ++a) {
    const float length = road.arc_length_m[a];
    if (!std::isfinite(length) || length < 0.0F) {
      refuse("gives arc " + std::to_string(a) + " a length of " + std::to_string(length) + " m");
    }
  }
}

}  // namespace couverture
