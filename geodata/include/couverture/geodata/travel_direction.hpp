#pragma once

#include <optional>
#include <string_view>

namespace couverture {

// Which way a trip goes between families and a service. On a network with
// one-way streets the two differ: "who can reach the crèche within 15
// minutes" is `to_facility`; "how far does the home-visit service get in 15
// minutes" is `from_facility`.
enum class TravelDirection {
  to_facility,    // inbound: from a home to the facility (the default)
  from_facility,  // outbound: from the facility outwards
};

// "to_facility" or "from_facility": the names used in scenario files and outputs.
std::string_view to_string(TravelDirection direction);
// The direction named `name`, or nullopt.
std::optional<TravelDirection> travel_direction_from_string(std::string_view name);

}  // namespace couverture
