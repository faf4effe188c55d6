#include "priority_groups_summary.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "couverture/geodata/service_type.hpp"
#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

namespace {

nlohmann::json number_or_null(double value, double unit) {
  if (!std::isfinite(value)) return nullptr;
  return std::round(value / unit) * unit;
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') {
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  }
  return text;
}

// The crèches when there are some, else the first service.
std::size_t primary_service(const RunOutcome& outcome) {
  for (std::size_t s = 0; s < outcome.accessibility.size(); ++s) {
    const std::string key = service_type_key(outcome.accessibility[s].service_type);
    if (key == "eaje" || key == "creche" || key == "micro_creche") return s;
  }
  return 0;
}

std::string french_measure(const std::string& measure) {
  if (measure == "e2sfca") return "places pour 100, E2SFCA";
  if (measure == "gravity") return "accessibilité gravitaire";
  return "temps de trajet";
}

// A number the French way: one decimal by default, decimal comma (14.2 ->
// "14,2"), as the sentences have always printed it (no thousands grouping).
std::string french_decimal(double value, int decimals = 1) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string result(text);
  for (char& c : result) {
    if (c == '.') c = ',';
  }
  return result;
}

// "d'une crèche", "d'un accueil de loisirs"...: how a sentence names the
// nearest facility of a service type.
std::string nearest_service_phrase(const std::string& service_type) {
  const std::string key = service_type_key(service_type);
  if (key == "eaje" || key == "creche" || key == "micro_creche") return "d'une crèche";
  if (key == "rpe") return "d'un relais petite enfance";
  if (key == "alsh") return "d'un accueil de loisirs";
  if (key == "centre_social") return "d'un centre social";
  if (key == "evs") return "d'un espace de vie sociale";
  if (key == "mjc") return "d'une MJC";
  if (key == "espace_jeunes") return "d'un espace jeunes";
  if (key == "france_services") return "d'un espace France Services";
  if (key == "laep") return "d'un lieu d'accueil enfants-parents";
  return "du service " + service_type;
}

}  // namespace

void write_priority_groups_summary(const RunOutcome& outcome, std::FILE* out) {
  if (outcome.group_comparisons.empty() || outcome.accessibility.empty()) return;
  const std::size_t primary = primary_service(outcome);
  const ServiceAccessibility& service = outcome.accessibility[primary];
  std::fprintf(out, "\nPublics prioritaires (%s, %s) :\n", service.service_type.c_str(),
               service.target.french_label().c_str());
  for (const GroupComparison& g : outcome.group_comparisons) {
    if (g.service != primary) continue;
    const PriorityGroup& group = outcome.groups[g.group];
    if (!(g.group_target > 0.0) || !std::isfinite(g.group_mean_minutes) ||
        !std::isfinite(g.others_mean_minutes)) {
      std::fprintf(out, "  Les %s : pas de donnée sur ce territoire.\n", group.label.c_str());
      continue;
    }
    std::string sentence = "  " + capitalised("les " + group.label) + " sont en moyenne à " +
                           french_decimal(g.group_mean_minutes) + " min " +
                           nearest_service_phrase(service.service_type) + ", contre " +
                           french_decimal(g.others_mean_minutes) + " min pour les autres.";
    if (std::isfinite(g.group_e2sfca) && std::isfinite(g.others_e2sfca)) {
      const bool global = std::isfinite(g.group_global_e2sfca);
      sentence += " Places pour 100 à portée : " +
                  french_decimal(global ? g.group_global_e2sfca : g.group_e2sfca) + ", contre " +
                  french_decimal(global ? g.others_global_e2sfca : g.others_e2sfca) +
                  (global ? " (offre globale)." : ".");
    }
    if (std::isfinite(g.concentration_index)) {
      sentence += " Indice de concentration (" + french_measure(g.measure) +
                  ") : " + french_decimal(g.concentration_index, 3) + ".";
    }
    std::fprintf(out, "%s\n", sentence.c_str());
  }
  std::fprintf(
      out,
      "  (indice de concentration < 0 : la mesure est concentrée là où le groupe est le plus "
      "présent)\n");
}

nlohmann::json priority_groups_json(const RunOutcome& outcome) {
  nlohmann::json comparisons = nlohmann::json::array();
  for (const GroupComparison& g : outcome.group_comparisons) {
    const PriorityGroup& group = outcome.groups[g.group];
    nlohmann::json beyond_in = nlohmann::json::object();
    nlohmann::json beyond_out = nlohmann::json::object();
    const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
      std::ostringstream key;
      key << thresholds[t];
      beyond_in[key.str()] = number_or_null(g.group_share_beyond[t], 0.0001);
      beyond_out[key.str()] = number_or_null(g.others_share_beyond[t], 0.0001);
    }
    comparisons.push_back(
        {{"service_type", outcome.accessibility[g.service].service_type},
         {"group", group.name},
         {"label", group.label},
         {"group_target_population", number_or_null(g.group_target, 0.1)},
         {"others_target_population", number_or_null(g.others_target, 0.1)},
         {"unknown_target_population", number_or_null(g.unknown_target, 0.1)},
         {"group_mean_minutes", number_or_null(g.group_mean_minutes, 0.01)},
         {"others_mean_minutes", number_or_null(g.others_mean_minutes, 0.01)},
         {"group_share_beyond_minutes", beyond_in},
         {"others_share_beyond_minutes", beyond_out},
         {"group_e2sfca_per_100", number_or_null(g.group_e2sfca, 0.01)},
         {"others_e2sfca_per_100", number_or_null(g.others_e2sfca, 0.01)},
         {"group_global_e2sfca_per_100", number_or_null(g.group_global_e2sfca, 0.01)},
         {"others_global_e2sfca_per_100", number_or_null(g.others_global_e2sfca, 0.01)},
         {"measure", g.measure},
         {"concentration_index", number_or_null(g.concentration_index, 0.0001)}});
  }
  return comparisons;
}

}  // namespace couverture::pipeline
