#include "couverture/geodata/service_noun.hpp"

#include <algorithm>
#include <array>

#include "couverture/geodata/service_type.hpp"

namespace couverture {

namespace {

struct KnownNoun {
  std::string_view key;
  std::string_view singular;
  std::string_view plural;
  bool feminine;
};

// The keys of default_service_info. Acronyms (EAJE, MJC) stay invariable in
// the plural, as French usage has them.
constexpr std::array<KnownNoun, 13> kNouns = {{
    {"eaje", "EAJE", "EAJE", false},
    {"creche", "crèche", "crèches", true},
    {"micro_creche", "micro-crèche", "micro-crèches", true},
    {"rpe", "relais petite enfance", "relais petite enfance", false},
    {"laep", "lieu d'accueil enfants-parents", "lieux d'accueil enfants-parents", false},
    {"parentalite", "lieu de soutien à la parentalité", "lieux de soutien à la parentalité", false},
    {"alsh", "accueil de loisirs", "accueils de loisirs", false},
    {"mjc", "MJC", "MJC", true},
    {"espace_jeunes", "espace jeunes", "espaces jeunes", false},
    {"france_services", "espace France Services", "espaces France Services", false},
    {"point_numerique", "point numérique", "points numériques", false},
    {"centre_social", "centre social", "centres sociaux", false},
    {"evs", "espace de vie sociale", "espaces de vie sociale", false},
}};

// The plural of one word: "-al" -> "-aux", "-eau" -> "-eaux", words in s,
// x or z unchanged, otherwise an "s".
std::string plural_word(const std::string& word) {
  if (word.ends_with("al")) return word.substr(0, word.size() - 2) + "aux";
  if (word.ends_with("eau") || word.ends_with("eu")) return word + "x";
  if (word.ends_with('s') || word.ends_with('x') || word.ends_with('z')) return word;
  return word + "s";
}

// The head of a French noun phrase agrees, the complement does not: words
// take the plural until the first preposition ("maison de santé" ->
// "maisons de santé", "ludothèque municipale" -> "ludothèques municipales").
std::string plural_phrase(std::string_view phrase) {
  std::string result;
  bool complement = false;
  std::size_t start = 0;
  while (start <= phrase.size()) {
    const std::size_t space = std::min(phrase.find(' ', start), phrase.size());
    const std::string word(phrase.substr(start, space - start));
    for (std::string_view preposition : {"de", "du", "des", "à", "au", "aux", "pour", "en"}) {
      if (word == preposition) complement = true;
    }
    if (word.starts_with("d'")) complement = true;
    if (!result.empty()) result += ' ';
    result += complement || word.empty() ? word : plural_word(word);
    start = space + 1;
  }
  return result;
}

}  // namespace

ServiceNoun service_noun(std::string_view service_type) {
  const std::string key = service_type_key(service_type);
  for (const KnownNoun& known : kNouns) {
    if (known.key == key) {
      return {std::string(known.singular), std::string(known.plural), known.feminine};
    }
  }
  return {std::string(service_type), plural_phrase(service_type), false};
}

std::string counted_noun(const ServiceNoun& noun, std::size_t count, bool capitalised) {
  if (count == 1) {
    const char* article =
        noun.feminine ? (capitalised ? "Une " : "une ") : (capitalised ? "Un " : "un ");
    return article + noun.singular;
  }
  return std::to_string(count) + " " + noun.plural;
}

}  // namespace couverture
