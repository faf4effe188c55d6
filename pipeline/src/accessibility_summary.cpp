#include "accessibility_summary.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "couverture/geodata/service_type.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "couverture/pipeline/tension_reason_text.hpp"
#include "priority_groups_summary.hpp"
#include "supply_summary.hpp"

namespace couverture::pipeline {

namespace {

constexpr std::size_t kWorstListed = 3;

double rounded(double value, double unit) {
  return std::isfinite(value) ? std::round(value / unit) * unit : value;
}

nlohmann::json number_or_null(double value, double unit) {
  if (!std::isfinite(value)) return nullptr;
  return rounded(value, unit);
}

// "regular grid (8), buildings (2)": how many communes each demand source placed.
std::string demand_sources_text(const RunOutcome& outcome) {
  std::map<std::string, std::size_t> count;
  for (DemandSource source : outcome.demand_sources) ++count[std::string(to_string(source))];
  std::string text;
  for (const auto& [source, n] : count) {
    text += (text.empty() ? "" : ", ") + source + " (" + std::to_string(n) + ")";
  }
  return text;
}

std::size_t estimated_communes(const RunOutcome& outcome) {
  std::size_t n = 0;
  for (const Commune& commune : outcome.communes) n += commune.bands_estimated ? 1 : 0;
  return n;
}

// "Girmont-Val-d'Ajol (4.2 places/100, 17.3 min)".
std::string describe_commune(const RunOutcome& outcome, const ServiceAccessibility& service,
                             std::uint32_t c) {
  const CommuneServiceAccess& a = service.by_commune[c];
  char text[160];
  if (service.has_capacity && service.tension_on_global) {
    // Ranked by the global rate: show it.
    std::snprintf(text, sizeof text, "%s (%.1f places/100 global, %.1f min)",
                  outcome.communes[c].name.c_str(), service.global->by_commune[c].e2sfca_rate,
                  a.nearest.mean);
  } else if (service.has_capacity) {
    std::snprintf(text, sizeof text, "%s (%.1f places/100, %.1f min)",
                  outcome.communes[c].name.c_str(), a.e2sfca_rate, a.nearest.mean);
  } else {
    std::snprintf(text, sizeof text, "%s (%.1f min)", outcome.communes[c].name.c_str(),
                  a.nearest.mean);
  }
  return text;
}

}  // namespace

void write_accessibility_summary(const RunOutcome& outcome, std::FILE* out) {
  if (outcome.accessibility.empty()) return;
  const std::size_t estimated = estimated_communes(outcome);
  std::fprintf(
      out, "\nDemand: population placed by %s; age bands %s.\n",
      demand_sources_text(outcome).c_str(),
      estimated == 0 ? "from the age table"
      : estimated == outcome.communes.size()
          ? "ESTIMATED from national shares in every commune"
          : ("ESTIMATED from national shares in " + std::to_string(estimated) + " communes")
                .c_str());
  std::fprintf(out, "%-16s %-12s %7s %8s %8s %8s %6s %7s %9s\n", "service", "public", "people",
               "places", "rate", "E2SFCA", "Gini", "Theil", "between");
  for (const ServiceAccessibility& service : outcome.accessibility) {
    const CommuneServiceAccess& all = service.overall;
    const EquitySummary& e = service.equity;
    if (service.has_capacity) {
      std::fprintf(out, "%-16s %-12s %7.0f %8.0f %8.1f %8.1f", service.service_type.c_str(),
                   service.target.to_string().c_str(), all.target_population, service.places,
                   all.administrative_rate, all.e2sfca_rate);
    } else {
      std::fprintf(out, "%-16s %-12s %7.0f %8s %8s %8s", service.service_type.c_str(),
                   service.target.to_string().c_str(), all.target_population, "-", "-", "-");
    }
    const double between_share = e.theil.total > 0.0 ? e.theil.between / e.theil.total : 0.0;
    std::fprintf(out, " %6.3f %7.3f %8.0f%%\n", e.gini, e.theil.total, 100.0 * between_share);
  }
  std::fprintf(
      out,
      "Rates: places per 100 of the public (CAF rate: places in the territory; E2SFCA: places "
      "reachable,\nshared among everyone who can reach them). Gini and Theil of %s over the "
      "public; 'between': the\nshare of Theil's inequality that lies between communes rather "
      "than within them.\n",
      outcome.accessibility.front().equity.measure == "travel_time"
          ? "travel times"
          : outcome.accessibility.front().equity.measure.c_str());
  std::fprintf(out,
               "\nWorst-served communes (and zones en tension: slower than %g min or under %g "
               "places per 100):\n",
               outcome.scenario.tension.max_minutes, outcome.scenario.tension.min_places_per_100);
  for (const ServiceAccessibility& service : outcome.accessibility) {
    std::string worst;
    for (std::uint32_t c : worst_served_communes(service, kWorstListed)) {
      worst += (worst.empty() ? "" : "; ") + describe_commune(outcome, service, c);
    }
    std::fprintf(out, "%-16s %s; %zu commune(s) en tension\n", service.service_type.c_str(),
                 worst.c_str(), service.tension_communes.size());
  }
  write_supply_summary(outcome, out);
  write_priority_groups_summary(outcome, out);
}

nlohmann::json accessibility_json(const RunOutcome& outcome) {
  nlohmann::json json;
  json["demand_sources"] = nlohmann::json::object();
  for (std::size_t c = 0; c < outcome.communes.size() && c < outcome.demand_sources.size(); ++c) {
    json["demand_sources"][outcome.communes[c].code] =
        std::string(to_string(outcome.demand_sources[c]));
  }
  json["age_bands_estimated_communes"] = estimated_communes(outcome);
  nlohmann::json services = nlohmann::json::array();
  for (const ServiceAccessibility& service : outcome.accessibility) {
    const CommuneServiceAccess& all = service.overall;
    const EquitySummary& e = service.equity;
    nlohmann::json s;
    s["service_type"] = service.service_type;
    s["target"] = service.target.to_string();
    s["target_population"] = rounded(all.target_population, 0.1);
    s["places"] = service.has_capacity ? nlohmann::json(service.places) : nlohmann::json(nullptr);
    s["administrative_rate_per_100"] = number_or_null(all.administrative_rate, 0.01);
    s["fca_rate_per_100"] = number_or_null(all.fca_rate, 0.01);
    s["e2sfca_rate_per_100"] = number_or_null(all.e2sfca_rate, 0.01);
    s["target_mean_minutes"] = number_or_null(all.nearest.mean, 0.01);
    nlohmann::json beyond = nlohmann::json::object();
    for (std::size_t t = 0; t < service.share_beyond.size(); ++t) {
      std::ostringstream key;
      key << outcome.scenario.analysis.thresholds_minutes[t];
      beyond[key.str()] = rounded(service.share_beyond[t], 0.0001);
    }
    s["target_share_beyond_minutes"] = beyond;
    s["equity"] = {{"measure", e.measure},
                   {"weight", rounded(e.weight, 0.1)},
                   {"excluded_weight", rounded(e.excluded_weight, 0.1)},
                   {"mean", number_or_null(e.mean, 0.0001)},
                   {"gini", number_or_null(e.gini, 0.0001)},
                   {"theil", number_or_null(e.theil.total, 0.0001)},
                   {"theil_between", number_or_null(e.theil.between, 0.0001)},
                   {"theil_within", number_or_null(e.theil.within, 0.0001)},
                   {"atkinson_0_5", number_or_null(e.atkinson_0_5, 0.0001)},
                   {"atkinson_1", number_or_null(e.atkinson_1, 0.0001)},
                   {"atkinson_2", number_or_null(e.atkinson_2, 0.0001)},
                   {"best_to_worst_fifth", number_or_null(e.best_to_worst_fifth, 0.0001)}};
    nlohmann::json worst = nlohmann::json::array();
    for (std::uint32_t c : worst_served_communes(service, kWorstListed)) {
      const CommuneServiceAccess& a = service.by_commune[c];
      worst.push_back({{"code", outcome.communes[c].code},
                       {"name", outcome.communes[c].name},
                       {"target_mean_minutes", number_or_null(a.nearest.mean, 0.01)},
                       {"e2sfca_rate_per_100", number_or_null(a.e2sfca_rate, 0.01)},
                       {"administrative_rate_per_100", number_or_null(a.administrative_rate, 0.01)},
                       {"in_tension", a.in_tension}});
    }
    s["worst_served_communes"] = worst;
    nlohmann::json tension = nlohmann::json::array();
    for (std::uint32_t c : service.tension_communes) {
      tension.push_back({{"code", outcome.communes[c].code},
                         {"name", outcome.communes[c].name},
                         {"reason", tension_reason_text(service.by_commune[c].tension)}});
    }
    s["zones_en_tension"] = tension;
    services.push_back(s);
  }
  json["services"] = services;
  json["global_coverage"] = supply_json(outcome);
  json["priority_groups"] = priority_groups_json(outcome);
  return json;
}

}  // namespace couverture::pipeline
