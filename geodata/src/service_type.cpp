#include "couverture/geodata/service_type.hpp"

#include <array>

namespace couverture {

namespace {

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

// The accented letters of French service names (UTF-8) and their plain forms.
struct Accent {
  std::string_view utf8;
  char plain;
};
constexpr std::array<Accent, 26> kAccents = {{
    {"à", 'a'}, {"â", 'a'}, {"ä", 'a'}, {"ç", 'c'}, {"é", 'e'}, {"è", 'e'}, {"ê", 'e'},
    {"ë", 'e'}, {"î", 'i'}, {"ï", 'i'}, {"ô", 'o'}, {"ö", 'o'}, {"ù", 'u'}, {"û", 'u'},
    {"ü", 'u'}, {"À", 'a'}, {"Â", 'a'}, {"Ç", 'c'}, {"É", 'e'}, {"È", 'e'}, {"Ê", 'e'},
    {"Î", 'i'}, {"Ô", 'o'}, {"Û", 'u'}, {"Ù", 'u'}, {"Ë", 'e'},
}};

}  // namespace

std::string service_type_key(std::string_view type) {
  std::string key;
  for (std::size_t i = 0; i < type.size();) {
    bool folded = false;
    for (const Accent& accent : kAccents) {
      if (type.substr(i, accent.utf8.size()) == accent.utf8) {
        key += accent.plain;
        i += accent.utf8.size();
        folded = true;
        break;
      }
    }
    if (folded) continue;
    char c = type[i++];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ' || c == '\'') c = '_';
    key += c;
  }
  return key;
}

ServiceTypeInfo default_service_info(std::string_view service_type) {
  const std::string key = service_type_key(service_type);
  for (const KnownType& known : kKnown) {
    if (known.key == key) return {known.target, std::string(known.french_name)};
  }
  return {AgeBandSet::all(), std::string(service_type)};
}

}  // namespace couverture
