#include "supply_layers.hpp"

#include "couverture/io/file_digest.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

using Type = OutputColumn::Type;

// Short column suffixes per kind.
constexpr std::array<const char*, kSupplyKindCount> kKindField = {"am", "home", "school"};

}  // namespace

void add_commune_supply_columns(const RunOutcome& outcome, OutputLayer& layer) {
  for (const ServiceAccessibility& service : outcome.accessibility) {
    if (!service.global) continue;
    const GlobalCoverage& global = *service.global;
    const std::string stem = service_column(service.service_type);
    std::vector<OutputColumn> columns;
    for (SupplyKind kind : kSupplyKinds) {
      columns.push_back(column(stem + "_places_" + kKindField[index_of(kind)], Type::real,
                               "Places " + std::string(french_label(kind)) + " (commune)"));
    }
    columns.push_back(column(stem + "_rate_global_admin", Type::real,
                             "Taux de couverture global administratif (places pour 100 enfants)"));
    columns.push_back(column(stem + "_rate_global_2sfca", Type::real,
                             "Taux de couverture global par temps de trajet, 2SFCA (%)"));
    columns.push_back(column(stem + "_rate_global_e2sfca", Type::real,
                             "Taux de couverture global par temps de trajet, E2SFCA (%)"));
    for (const GlobalCoverageArea& area : global.by_commune) {
      std::size_t k = 0;
      for (double places : area.places) columns[k++].values.push_back(exact_or_null(places));
      columns[k++].values.push_back(finite_or_null(area.administrative_rate));
      columns[k++].values.push_back(finite_or_null(area.fca_rate));
      columns[k++].values.push_back(finite_or_null(area.e2sfca_rate));
    }
    for (OutputColumn& c : columns) layer.columns.push_back(std::move(c));
  }
}

void add_demand_point_supply_columns(const RunOutcome& outcome, OutputLayer& layer) {
  for (const ServiceAccessibility& service : outcome.accessibility) {
    if (!service.global) continue;
    const GlobalCoverage& global = *service.global;
    const std::string stem = service_column(service.service_type);
    OutputColumn places = column(stem + "_places_spread", Type::real,
                                 "Places sans adresse réparties (assistants maternels...)");
    OutputColumn fca =
        column(stem + "_2sfca_global", Type::real, "Places pour 100, offre globale (2SFCA)");
    OutputColumn e2 =
        column(stem + "_e2sfca_global", Type::real, "Places pour 100, offre globale (E2SFCA)");
    for (std::size_t i = 0; i < global.places_by_point.size(); ++i) {
      places.values.push_back(exact_or_null(global.places_by_point[i]));
      fca.values.push_back(finite_or_null(global.fca_per_100[i]));
      e2.values.push_back(finite_or_null(global.e2sfca_per_100[i]));
    }
    layer.columns.push_back(std::move(places));
    layer.columns.push_back(std::move(fca));
    layer.columns.push_back(std::move(e2));
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
  rows.emplace_back("tension_rate", scenario.tension.rate == "global"
                                        ? "global (facilities and [supply] places)"
                                        : "service (facilities' places only)");
  return rows;
}

}  // namespace couverture::pipeline
