#include "couverture/geodata/service_type.hpp"

#include <array>

namespace couverture {

namespace {

std::string normalised(std::string_view type) {
  std::string key;
  for (char c : type) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
    key += c;
  }
  return key;
}

struct KnownType {
  std::string_view key;
  AgeBandSet target;
  std::string_view french_name;
};

constexpr AgeBandSet kToddlers = AgeBandSet::of(AgeBand::age_0_2);
constexpr AgeBandSet kUnderSix = AgeBandSet::of(AgeBand::age_0_2).add(AgeBand::age_3_5);
constexpr AgeBandSet kChildren = AgeBandSet::of(AgeBand::age_3_5).add(AgeBand::age_6_11);
constexpr AgeBandSet kTeenagers = AgeBandSet::of(AgeBand::age_12_17);
constexpr AgeBandSet kAdults = AgeBandSet::of(AgeBand::adults);

constexpr std::array<KnownType, 13> kKnown = {{
    {"eaje", kToddlers, "EAJE (crèche, micro-crèche)"},
    {"creche", kToddlers, "crèche"},
    {"micro_creche", kToddlers, "micro-crèche"},
    {"rpe", kToddlers, "relais petite enfance"},
    {"laep", kUnderSix, "lieu d'accueil enfants-parents"},
    {"parentalite", kUnderSix, "soutien à la parentalité"},
    {"alsh", kChildren, "accueil de loisirs"},
    {"mjc", kTeenagers, "MJC"},
    {"espace_jeunes", kTeenagers, "espace jeunes"},
    {"france_services", kAdults, "France Services"},
    {"point_numerique", kAdults, "point numérique"},
    {"centre_social", AgeBandSet::all(), "centre social"},
    {"evs", AgeBandSet::all(), "espace de vie sociale"},
}};

}  // namespace

ServiceTypeInfo default_service_info(std::string_view service_type) {
  const std::string key = normalised(service_type);
  for (const KnownType& known : kKnown) {
    if (known.key == key) return {known.target, std::string(known.french_name)};
  }
  return {AgeBandSet::all(), std::string(service_type)};
}

}  // namespace couverture
