#include "supply_layers.hpp"

#include "couverture/io/file_digest.hpp"
#include "couverture/pipeline/column_builder.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

// Short column suffixes per kind.
constexpr std::array<const char*, kSupplyKindCount> kKindField = {"am", "home", "school"};

}  // namespace

void add_commune_supply_columns(const RunOutcome& outcome, OutputLayer& layer) {
  for (const ServiceAccessibility& service : outcome.accessibility) {
    if (!service.global) continue;
    const auto& areas = service.global->by_commune;
    const std::string stem = service_column(service.service_type);
    ColumnBuilder table(areas.size());
    for (SupplyKind kind : kSupplyKinds) {
      table.real({stem + "_places_" + kKindField[index_of(kind)],
                  "Places " + std::string(french_label(kind)) + " (commune)", "places"},
                 Real::exact, [&](std::size_t c) { return areas[c].places[index_of(kind)]; });
    }
    table
        .real({stem + "_rate_global_admin",
               "Taux de couverture global administratif (places pour 100 enfants)",
               "places pour 100"},
              Real::hundredths, [&](std::size_t c) { return areas[c].administrative_rate; })
        .real({stem + "_rate_global_2sfca",
               "Taux de couverture global par temps de trajet, 2SFCA (%)", "%"},
              Real::hundredths, [&](std::size_t c) { return areas[c].fca_rate; })
        .real({stem + "_rate_global_e2sfca",
               "Taux de couverture global par temps de trajet, E2SFCA (%)", "%"},
              Real::hundredths, [&](std::size_t c) { return areas[c].e2sfca_rate; });
    table.append_to(layer);
  }
}

void add_demand_point_supply_columns(const RunOutcome& outcome, OutputLayer& layer) {
  for (const ServiceAccessibility& service : outcome.accessibility) {
    if (!service.global) continue;
    const GlobalCoverage& global = *service.global;
    const std::string stem = service_column(service.service_type);
    ColumnBuilder table(global.places_by_point.size());
    table
        .real({stem + "_places_spread", "Places sans adresse réparties (assistants maternels...)",
               "places"},
              Real::exact, [&](std::size_t i) { return global.places_by_point[i]; })
        .real({stem + "_2sfca_global", "Places pour 100, offre globale (2SFCA)", "places pour 100"},
              Real::hundredths, [&](std::size_t i) { return global.fca_per_100[i]; })
        .real(
            {stem + "_e2sfca_global", "Places pour 100, offre globale (E2SFCA)", "places pour 100"},
            Real::hundredths, [&](std::size_t i) { return global.e2sfca_per_100[i]; });
    table.append_to(layer);
  }
}

std::vector<std::pair<std::string, std::string>> supply_run_info(const RunOutcome& outcome) {
  std::vector<std::pair<std::string, std::string>> rows;
  const Scenario& scenario = outcome.scenario;
  if (!scenario.supply) {
    rows.emplace_back("supply",
                      "none: coverage rates count the facilities' places only (EAJE); no "
                      "assistants maternels, home childcare or 2-year-olds at school ([supply])");
    return rows;
  }
  const SupplySettings& supply = *scenario.supply;
  rows.emplace_back("supply", "places without an address complete '" + supply.service_type +
                                  "' into the global coverage rate (spread over the demand "
                                  "points in proportion to children under 3)");
  if (supply.illustrative) {
    rows.emplace_back("supply_illustrative",
                      "ILLUSTRATIVE figures, not published counts: do not quote the global rate");
  }
  for (SupplyKind kind : kSupplyKinds) {
    const auto& table = supply.tables[index_of(kind)];
    if (!table) continue;
    const std::string key = "supply_" + std::string(to_string(kind));
    rows.emplace_back(key + "_file", table->path.string());
    rows.emplace_back(key + "_sha256", sha256_file(table->path));
    rows.emplace_back(key + "_year", std::to_string(table->year));
    rows.emplace_back(key + "_source", table->source);
  }
  rows.emplace_back("tension_rate", scenario.tension.rate == TensionRate::global
                                        ? "global (facilities and [supply] places)"
                                        : "service (facilities' places only)");
  return rows;
}

}  // namespace couverture::pipeline
