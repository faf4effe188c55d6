#pragma once

#include <string>

#include "couverture/geodata/lon_lat.hpp"

namespace couverture {

// A service location: a crèche, a centre social, a France Services point...
// `service_type` is a free string (e.g. "eaje", "alsh", "centre_social").
struct Facility {
  std::string id;
  std::string name;
  std::string service_type;
  double capacity = 0.0;  // places (meaningful when capacity_known)
  LonLat position;
  // False when the input gave no capacity (no column, a blank cell): unknown
  // is not zero places, and a type with any unknown capacity gets no
  // floating-catchment or coverage rates.
  bool capacity_known = true;
};

}  // namespace couverture
