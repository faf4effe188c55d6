#pragma once

#include <array>
#include <optional>

#include "couverture/geodata/road_class.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// The extent of a road graph's nodes, in WGS84 degrees.
struct LonLatBox {
  double min_lon = 0.0;
  double min_lat = 0.0;
  double max_lon = 0.0;
  double max_lat = 0.0;
};

// What `couverture network build` and `info` say of a graph.
struct NetworkStatistics {
  std::optional<LonLatBox> extent;  // none for a graph without nodes
  // Length of road, not of arcs: the two arcs of a two-way segment (same
  // way, opposite directions) count once; by RoadClass.
  std::array<double, kRoadClassCount> road_km_by_class{};
  double road_km = 0.0;
};

NetworkStatistics network_statistics(const RoadGraph& road);

}  // namespace couverture
