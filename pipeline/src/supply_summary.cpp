#include "supply_summary.hpp"

#include <cmath>
#include <cstdio>

#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

namespace {

nlohmann::json number_or_null(double value) {
  if (!std::isfinite(value)) return nullptr;
  return std::round(value * 100.0) / 100.0;
}

}  // namespace

void write_supply_summary(const RunOutcome& outcome, std::FILE* out) {
  if (outcome.accessibility.empty()) return;
  const auto& supply = outcome.scenario.supply;
  if (!supply) {
    std::fprintf(
        out,
        "\nCoverage rates count the facilities' places only (EAJE): no [supply] of assistants "
        "maternels,\nhome childcare or 2-year-olds at school, so they are not the CAF's taux de "
        "couverture global.\n");
    return;
  }
  for (const ServiceAccessibility& service : outcome.accessibility) {
    if (!service.global) continue;
    const GlobalCoverage& global = *service.global;
    std::fprintf(
        out, "\nTaux de couverture global (%s and [supply], places per 100 children)%s:\n",
        service.service_type.c_str(),
        supply->illustrative ? " — ILLUSTRATIVE [supply] figures, not published counts" : "");
    std::fprintf(out, "  places: %s %.0f", service.service_type.c_str(), service.places);
    for (SupplyKind kind : kSupplyKinds) {
      std::fprintf(out, ", %s %.0f", std::string(french_label(kind)).c_str(),
                   global.places[index_of(kind)]);
    }
    std::fprintf(out, "\n  administrative rate: global %.1f beside %s %.1f\n",
                 global.overall.administrative_rate, service.service_type.c_str(),
                 service.overall.administrative_rate);
    std::fprintf(out, "  travel-time rate (E2SFCA): global %.1f beside %s %.1f\n",
                 global.overall.e2sfca_rate, service.service_type.c_str(),
                 service.overall.e2sfca_rate);
    std::fprintf(out, "  zones en tension follow the %s rate (%zu commune(s))\n",
                 service.tension_on_global ? "global" : (service.service_type + "-only").c_str(),
                 service.tension_communes.size());
  }
}

nlohmann::json supply_json(const RunOutcome& outcome) {
  nlohmann::json json;
  const auto& supply = outcome.scenario.supply;
  json["given"] = supply.has_value();
  if (!supply) {
    json["note"] = "coverage rates count the facilities' places only (no [supply])";
    return json;
  }
  json["illustrative"] = supply->illustrative;
  json["service_type"] = supply->service_type;
  json["tension_rate"] = outcome.scenario.tension.rate;
  for (const ServiceAccessibility& service : outcome.accessibility) {
    if (!service.global) continue;
    const GlobalCoverage& global = *service.global;
    nlohmann::json places = {{service.service_type, service.places}};
    for (SupplyKind kind : kSupplyKinds) {
      places[std::string(to_string(kind))] = global.places[index_of(kind)];
    }
    json["places"] = places;
    json["administrative_rate_per_100"] = {
        {"global", number_or_null(global.overall.administrative_rate)},
        {"service", number_or_null(service.overall.administrative_rate)}};
    json["e2sfca_rate_per_100"] = {{"global", number_or_null(global.overall.e2sfca_rate)},
                                   {"service", number_or_null(service.overall.e2sfca_rate)}};
    json["fca_rate_per_100"] = {{"global", number_or_null(global.overall.fca_rate)},
                                {"service", number_or_null(service.overall.fca_rate)}};
    nlohmann::json communes = nlohmann::json::array();
    for (std::size_t c = 0; c < global.by_commune.size(); ++c) {
      communes.push_back(
          {{"code", outcome.communes[c].code},
           {"name", outcome.communes[c].name},
           {"administrative_rate_global", number_or_null(global.by_commune[c].administrative_rate)},
           {"administrative_rate_service",
            number_or_null(service.by_commune[c].administrative_rate)},
           {"e2sfca_rate_global", number_or_null(global.by_commune[c].e2sfca_rate)},
           {"e2sfca_rate_service", number_or_null(service.by_commune[c].e2sfca_rate)},
           {"in_tension", service.by_commune[c].in_tension}});
    }
    json["communes"] = communes;
  }
  return json;
}

}  // namespace couverture::pipeline
