#pragma once

#include <string>
#include <string_view>

#include "couverture/geodata/age_band.hpp"

namespace couverture {

// What Couverture knows of a service type by default (domain notes): who it
// serves and how a planner names it. A scenario can override the bands.
struct ServiceTypeInfo {
  AgeBandSet target;        // the demand population
  std::string french_name;  // "EAJE (crèche, micro-crèche)", "accueil de loisirs"...
};

// The form service types are compared in: lower case, French accents
// folded, '-', ' ' and apostrophes read as '_' ("Micro-crèche" ->
// "micro_creche").
[[nodiscard]] std::string service_type_key(std::string_view service_type);

// Defaults by service type (compared by service_type_key):
// eaje, creche, micro_creche and rpe serve 0–2; laep and parentalite 0–5;
// alsh 3–11; mjc and espace_jeunes 12–17; france_services and
// point_numerique adults; centre_social, evs and any unknown type everyone.
[[nodiscard]] ServiceTypeInfo default_service_info(std::string_view service_type);

}  // namespace couverture
