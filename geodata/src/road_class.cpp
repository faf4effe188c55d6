#include "couverture/geodata/road_class.hpp"

#include <array>

namespace couverture {

namespace {
constexpr std::array<std::string_view, kRoadClassCount> kNames = {
    "motorway",      "motorway_link",  "trunk",    "trunk_link",    "primary",      "primary_link",
    "secondary",     "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential",
    "living_street", "service",        "track",    "pedestrian",    "footway",      "path",
    "steps",         "cycleway",       "other"};
}  // namespace

std::string_view to_string(RoadClass road_class) {
  return kNames[static_cast<std::size_t>(road_class)];
}

std::optional<RoadClass> road_class_from_highway(std::string_view highway) {
  for (std::size_t i = 0; i + 1 < kNames.size(); ++i) {
    if (kNames[i] == highway) return static_cast<RoadClass>(i);
  }
  if (highway == "road") return RoadClass::unclassified;
  return std::nullopt;
}

}  // namespace couverture
