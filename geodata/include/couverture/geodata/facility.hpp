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
  double capacity = 0.0;  // places; 0 when unknown
  LonLat position;
};

}  // namespace couverture
