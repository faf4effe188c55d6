#pragma once

#include <optional>

#include "couverture/geodata/road_class.hpp"
#include "couverture/geodata/travel_direction.hpp"

namespace couverture {

// How places (homes, facilities, surface cells, candidate sites) join the
// road network and which way trips run: the scenario's [network] keys and
// every engine parameter struct that times a trip share this one struct,
// with its defaults written here only.
struct NetworkAccess {
  // The walk between a place and its nearest road, in km/h (the unit of the
  // scenario key); metres_per_second converts where a search needs it.
  double access_speed_kmh = 4.5;
  // Places farther than this from their road are kept and reported.
  double max_snap_distance_m = 1000.0;
  // Families travelling to the service (the default), or the service
  // travelling out to families (home visits).
  TravelDirection direction = TravelDirection::to_facility;
  // The road classes places may join; nullopt: the profile's defaults
  // (default_snappable_classes).
  std::optional<RoadClassSet> snappable_classes;
};

// km/h -> m/s, the unit of the travel-time searches.
[[nodiscard]] constexpr double metres_per_second(double kmh) { return kmh / 3.6; }

}  // namespace couverture
