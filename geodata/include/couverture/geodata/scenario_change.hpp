#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "couverture/geodata/facility.hpp"

namespace couverture {

// What a variant scenario changes against its baseline (issue 5). Facilities
// are named by their id, roads by their OpenStreetMap way id.
struct CapacityChange {
  std::string facility_id;
  double capacity = 0.0;  // places, >= 0
};

struct RoadSpeedChange {
  std::int64_t way_id = 0;
  double kmh = 0.0;  // > 0; closing a road is a RoadClosure
};

struct ScenarioChanges {
  std::vector<Facility> added;              // new facilities (id, name, type, capacity, position)
  std::vector<std::string> removed;         // ids of facilities taken away
  std::vector<CapacityChange> capacities;   // new capacities of existing facilities
  std::vector<std::int64_t> closed_ways;    // OSM way ids closed in both directions
  std::vector<RoadSpeedChange> way_speeds;  // OSM way ids driven at another speed

  [[nodiscard]] bool empty() const {
    return added.empty() && removed.empty() && capacities.empty() && closed_ways.empty() &&
           way_speeds.empty();
  }
  [[nodiscard]] bool changes_roads() const { return !closed_ways.empty() || !way_speeds.empty(); }
};

}  // namespace couverture
