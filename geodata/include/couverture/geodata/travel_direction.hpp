#pragma once

#include <optional>
#include <string_view>

#include "couverture/algorithms/name_table.hpp"

namespace couverture {

// Which way a trip goes between families and a service. On a network with
// one-way streets the two differ: "who can reach the crèche within 15
// minutes" is `to_facility`; "how far does the home-visit service get in 15
// minutes" is `from_facility`.
enum class TravelDirection {
  to_facility,    // inbound: from a home to the facility (the default)
  from_facility,  // outbound: from the facility outwards
};

// The names used in scenario files and outputs.
inline constexpr NameTable<TravelDirection, 2> kTravelDirectionNames = {{
    {TravelDirection::to_facility, "to_facility"},
    {TravelDirection::from_facility, "from_facility"},
}};
[[nodiscard]] constexpr std::string_view to_string(TravelDirection direction) {
  return name_in(kTravelDirectionNames, direction);
}
// The direction named `name`, or nullopt.
[[nodiscard]] constexpr std::optional<TravelDirection> travel_direction_from_string(
    std::string_view name) {
  return value_in(kTravelDirectionNames, name);
}

}  // namespace couverture
