#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace couverture {

// How French names one facility of a service type, for sentences: "un
// accueil de loisirs", "deux centres sociaux", "une micro-crèche".
struct ServiceNoun {
  std::string singular;  // "accueil de loisirs"
  std::string plural;    // "accueils de loisirs"
  bool feminine = false;
};

// The noun of a service type (compared by service_type_key): every type of
// default_service_info; an unknown type is its own name, masculine, with an
// "s" added to its first word.
[[nodiscard]] ServiceNoun service_noun(std::string_view service_type);

// "Un accueil de loisirs", "Une micro-crèche", "2 centres sociaux": `count`
// facilities, capitalised to open a sentence when `capitalised`.
[[nodiscard]] std::string counted_noun(const ServiceNoun& noun, std::size_t count,
                                       bool capitalised);

}  // namespace couverture
