#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace couverture {

// The OSM highway classes a profile may route on, in a fixed order so that
// per-class tables are plain arrays.
enum class RoadClass : std::uint8_t {
  motorway,
  motorway_link,
  trunk,
  trunk_link,
  primary,
  primary_link,
  secondary,
  secondary_link,
  tertiary,
  tertiary_link,
  unclassified,
  residential,
  living_street,
  service,
  track,
  pedestrian,
  footway,
  path,
  steps,
  cycleway,
  other,
};

inline constexpr std::size_t kRoadClassCount = static_cast<std::size_t>(RoadClass::other) + 1;

// A set of road classes, indexed by RoadClass.
using RoadClassSet = std::bitset<kRoadClassCount>;

std::string_view to_string(RoadClass road_class);
// The class for an OSM `highway=*` value, or nullopt when it is not a road.
std::optional<RoadClass> road_class_from_highway(std::string_view highway);

}  // namespace couverture
