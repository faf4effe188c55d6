#include "couverture/geodata/travel_direction.hpp"

namespace couverture {

std::string_view to_string(TravelDirection direction) {
  return direction == TravelDirection::to_facility ? "to_facility" : "from_facility";
}

std::optional<TravelDirection> travel_direction_from_string(std::string_view name) {
  if (name == "to_facility") return TravelDirection::to_facility;
  if (name == "from_facility") return TravelDirection::from_facility;
  return std::nullopt;
}

}  // namespace couverture
