#include "accessibility_layers.hpp"

#include <cmath>

#include "couverture/engine/small_count_masking.hpp"
#include "couverture/geodata/service_type.hpp"
#include "couverture/pipeline/column_builder.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "couverture/pipeline/tension_reason_text.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

std::string service_label(const ServiceAccessibility& service) {
  return default_service_info(service.service_type).french_name;
}

// "Enfants 0–2 ans": the target population as a column label.
std::string target_label(const ServiceAccessibility& service) {
  std::string label = service.target.french_label();
  if (!label.empty()) label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

// The columns of one service in the communes layer.
void add_commune_service_columns(const ServiceAccessibility& service,
                                 const std::vector<double>& thresholds, ColumnBuilder& table) {
  const std::string stem = service_column(service.service_type);
  const std::string name = service_label(service);
  const std::string who = target_label(service);
  const auto& by_commune = service.by_commune;
  table.real({stem + "_target_pop", who + " (public de " + name + ")", "personnes"}, Real::exact,
             [&](std::size_t c) { return by_commune[c].target_population; });
  table.real(
      {stem + "_target_mean_min",
       "Temps moyen vers " + name + " des " + service.target.french_label() + " (min)", "min"},
      Real::hundredths, [&](std::size_t c) -> std::optional<double> {
        if (!(by_commune[c].nearest.reachable_weight > 0.0)) return std::nullopt;
        return by_commune[c].nearest.mean;
      });
  if (service.has_capacity) {
    table
        .real({stem + "_places", "Places " + name + " dans la commune", "places"}, Real::hundredths,
              [&](std::size_t c) { return by_commune[c].places_located; })
        .real(
            {stem + "_rate_admin",
             "Taux de couverture " + name + " administratif (places pour 100)", "places pour 100"},
            Real::hundredths, [&](std::size_t c) { return by_commune[c].administrative_rate; })
        .real({stem + "_rate_2sfca",
               "Taux de couverture " + name + " par temps de trajet, 2SFCA (%)", "%"},
              Real::hundredths, [&](std::size_t c) { return by_commune[c].fca_rate; })
        .real({stem + "_rate_e2sfca",
               "Taux de couverture " + name + " (%) par temps de trajet, E2SFCA", "%"},
              Real::hundredths, [&](std::size_t c) { return by_commune[c].e2sfca_rate; });
  }
  table.real(
      {stem + "_gravity", "Accessibilité gravitaire " + name +
                              (service.has_capacity ? " (places pondérées)" : " (équipements)")},
      Real::hundredths, [&](std::size_t c) { return by_commune[c].gravity; });
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    table.real({stem + "_target_beyond_" + number_field(thresholds[t]) + "min",
                who + " à plus de " + number_label(thresholds[t]) + " min de " + name, "personnes"},
               Real::hundredths, [&](std::size_t c) { return by_commune[c].target_beyond[t]; });
  }
  table.integer({stem + "_tension", "Zone en tension " + name, "0/1"},
                [&](std::size_t c) { return by_commune[c].in_tension ? 1 : 0; });
  table.text({stem + "_tension_reason", "Motif de tension " + name},
             [&](std::size_t c) -> std::optional<std::string> {
               if (!by_commune[c].in_tension) return std::nullopt;
               return tension_reason_text(by_commune[c].tension);
             });
  const TheilDecomposition& theil = service.equity.theil;
  table.real({stem + "_theil_between",
              "Part de la commune dans l'indice de Theil (entre communes) " + name},
             Real::as_given, [&](std::size_t c) -> std::optional<double> {
               if (c >= theil.between_by_group.size()) return std::nullopt;
               return theil.between_by_group[c];
             });
  table.real(
      {stem + "_theil_within", "Part de la commune dans l'indice de Theil (intra-commune) " + name},
      Real::as_given, [&](std::size_t c) -> std::optional<double> {
        if (c >= theil.within_by_group.size()) return std::nullopt;
        return theil.within_by_group[c];
      });
}

// The columns of one service in the demand points layer; `masked_count`
// publishes a count (NULL where masked).
template <typename MaskedCount>
void add_point_service_columns(const ServiceAccessibility& service,
                               const std::vector<double>& thresholds,
                               const MaskedCount& masked_count, ColumnBuilder& table) {
  const std::string stem = service_column(service.service_type);
  const std::string name = service_label(service);
  table.real({stem + "_target_pop", target_label(service), "personnes"}, Real::exact,
             [&](std::size_t i) { return masked_count(i, service.target_population[i]); });
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    const std::string within = number_field(thresholds[t]) + "min";
    const std::string minutes = number_label(thresholds[t]);
    table.integer(
        {stem + "_sites_" + within, name + " à " + minutes + " min ou moins", "équipements"},
        [&](std::size_t i) { return service.opportunities.sites(t, i); });
    if (!service.has_capacity) continue;
    table.real({stem + "_places_" + within, "Places " + name + " à " + minutes + " min ou moins",
                "places"},
               Real::hundredths, [&](std::size_t i) { return service.opportunities.supply(t, i); });
  }
  table.real({stem + "_gravity", "Accessibilité gravitaire " + name}, Real::hundredths,
             [&](std::size_t i) { return service.gravity[i]; });
  if (service.has_capacity) {
    table
        .real({stem + "_2sfca", "Places " + name + " pour 100 (2SFCA)", "places pour 100"},
              Real::hundredths, [&](std::size_t i) { return service.fca_per_100[i]; })
        .real({stem + "_e2sfca", "Places " + name + " pour 100 (E2SFCA)", "places pour 100"},
              Real::hundredths, [&](std::size_t i) { return service.e2sfca_per_100[i]; });
  }
  table.integer({stem + "_tension", "En tension " + name, "0/1"},
                [&](std::size_t i) { return service.point_in_tension[i]; });
}

// Which demand points have their counts masked (`bands`) and their total
// (`total`). A helper of its own so that the copies of the counts it needs
// are freed before the columns are built (10⁶ points × a dozen counts).
struct Masks {
  std::vector<std::uint8_t> bands;
  std::vector<std::uint8_t> total;
};

Masks privacy_masks(const RunOutcome& outcome) {
  const auto& demand = outcome.coverage.demand;
  const PrivacySettings& privacy = outcome.scenario.privacy;
  if (!privacy.mask_small_counts) {
    return {std::vector<std::uint8_t>(demand.size(), 0),
            std::vector<std::uint8_t>(demand.size(), 0)};
  }
  // A point with any small band, target or priority-group count has all of
  // them masked: one hidden band could otherwise be recovered as the total
  // minus the others; and a commune with one masked point has a second one
  // masked, since the commune's counts are published (mask_small_counts).
  // The total stays unless it is small itself (it then reveals no band), or
  // the only small total of its commune.
  std::vector<std::vector<double>> counts;
  std::vector<std::uint32_t> commune_of(demand.size());
  for (std::size_t i = 0; i < demand.size(); ++i) commune_of[i] = demand[i].commune;
  for (AgeBand band : kAgeBands) {
    counts.emplace_back(demand.size());
    for (std::size_t i = 0; i < demand.size(); ++i) {
      counts.back()[i] = demand[i].by_band[index_of(band)];
    }
  }
  for (const ServiceAccessibility& service : outcome.accessibility) {
    counts.push_back(service.target_population);
  }
  for (const PriorityGroup& group : outcome.groups) counts.push_back(group.count);
  std::vector<double> totals(demand.size());
  for (std::size_t i = 0; i < demand.size(); ++i) totals[i] = demand[i].population;
  return {mask_small_counts(counts, commune_of, privacy.threshold),
          mask_small_counts(std::span(&totals, 1), commune_of, privacy.threshold)};
}

}  // namespace

void add_commune_accessibility_columns(const RunOutcome& outcome, OutputLayer& layer) {
  const auto& communes = outcome.communes;
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
  ColumnBuilder table(communes.size());
  for (AgeBand band : kAgeBands) {
    table.real({"pop_" + std::string(field_name(band)),
                "Population " + std::string(french_label(band)), "personnes"},
               Real::exact,
               [&](std::size_t c) { return communes[c].population_by_band[index_of(band)]; });
  }
  table
      .integer({"age_bands_estimated", "Tranches d'âge estimées (parts nationales)", "0/1"},
               [&](std::size_t c) { return communes[c].bands_estimated ? 1 : 0; })
      .text({"demand_source", "Localisation de la population", "",
             "Where the population was placed: insee_grid, buildings, residential_landuse or "
             "regular_grid"},
            [&](std::size_t c) {
              return c < outcome.demand_sources.size() ? to_string(outcome.demand_sources[c])
                                                       : std::string_view("regular_grid");
            });
  for (const ServiceAccessibility& service : outcome.accessibility) {
    add_commune_service_columns(service, thresholds, table);
  }
  table.append_to(layer);
}

void add_demand_point_accessibility_columns(const RunOutcome& outcome, OutputLayer& layer) {
  const auto& demand = outcome.coverage.demand;
  const PrivacySettings& privacy = outcome.scenario.privacy;
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
  const Masks masks = privacy_masks(outcome);
  const std::vector<std::uint8_t>& bands_masked = masks.bands;
  const std::vector<std::uint8_t>& total_masked = masks.total;
  std::vector<std::uint8_t> masked(demand.size(), 0);
  for (std::size_t i = 0; i < demand.size(); ++i) masked[i] = bands_masked[i] | total_masked[i];
  // A count as published: NULL where the point's counts are masked.
  const auto masked_count = [&](std::size_t i, double value) -> std::optional<double> {
    if (bands_masked[i]) return std::nullopt;
    return value;
  };
  // The total first: the existing `population` column obeys the same rule.
  for (OutputColumn& c : layer.columns) {
    if (c.name != "population") continue;
    ColumnBuilder total(demand.size());
    total.real({c.name, c.alias, c.unit, c.description}, Real::exact,
               [&](std::size_t i) -> std::optional<double> {
                 if (total_masked[i]) return std::nullopt;
                 return demand[i].population;
               });
    c = std::move(total.take().front());
  }
  ColumnBuilder table(demand.size());
  for (const PriorityGroup& group : outcome.groups) {
    table.real({"grp_" + service_column(group.name), "Effectif : " + group.label, "personnes"},
               Real::exact, [&](std::size_t i) { return masked_count(i, group.count[i]); });
  }
  for (AgeBand band : kAgeBands) {
    table.real({"pop_" + std::string(field_name(band)),
                "Population " + std::string(french_label(band)), "personnes"},
               Real::exact,
               [&](std::size_t i) { return masked_count(i, demand[i].by_band[index_of(band)]); });
  }
  for (const ServiceAccessibility& service : outcome.accessibility) {
    add_point_service_columns(service, thresholds, masked_count, table);
  }
  table.integer(
      {"masked", "Effectifs masqués (moins de " + number_label(privacy.threshold) + " personnes)",
       "0/1"},
      [&](std::size_t i) { return masked[i]; });
  table.append_to(layer);
}

namespace {

// The equity indices of every service (one row each).
OutputLayer equity_layer(const RunOutcome& outcome) {
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
  OutputLayer equity;
  equity.name = "equity";
  equity.geometry_type = "none";
  equity.description =
      "Inequality of access per service, over the demand points weighted by the target "
      "population";
  const auto& services = outcome.accessibility;
  ColumnBuilder rows(services.size());
  const auto index = [&](std::string name, std::string label, auto value_of) {
    rows.real({std::move(name), std::move(label), "", "An index, unrounded"}, Real::exact,
              [&](std::size_t s) { return value_of(services[s].equity); });
  };
  rows.text({"service_type", "Type de service"},
            [&](std::size_t s) { return services[s].service_type; })
      .text({"target", "Public"}, [&](std::size_t s) { return services[s].target.to_string(); })
      .text({"measure", "Mesure d'accessibilité"},
            [&](std::size_t s) { return services[s].equity.measure; })
      .real({"target_pop", "Population cible", "personnes"}, Real::hundredths,
            [&](std::size_t s) { return services[s].equity.weight; })
      .real({"target_pop_unreachable", "Population cible sans accès", "personnes"},
            Real::hundredths, [&](std::size_t s) { return services[s].equity.excluded_weight; });
  index("mean", "Moyenne", [](const EquitySummary& e) { return e.mean; });
  index("gini", "Indice de Gini", [](const EquitySummary& e) { return e.gini; });
  index("theil", "Indice de Theil", [](const EquitySummary& e) { return e.theil.total; });
  index("theil_between", "Theil entre communes",
        [](const EquitySummary& e) { return e.theil.between; });
  index("theil_within", "Theil intra-communes",
        [](const EquitySummary& e) { return e.theil.within; });
  index("atkinson_0_5", "Atkinson (ε = 0,5)",
        [](const EquitySummary& e) { return e.atkinson_0_5; });
  index("atkinson_1", "Atkinson (ε = 1)", [](const EquitySummary& e) { return e.atkinson_1; });
  index("atkinson_2", "Atkinson (ε = 2)", [](const EquitySummary& e) { return e.atkinson_2; });
  index("best_to_worst_fifth", "Rapport entre les 20 % les mieux et les moins bien desservis",
        [](const EquitySummary& e) { return e.best_to_worst_fifth; });
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    rows.real({"pct_beyond_" + number_field(thresholds[t]) + "min",
               "Population cible à plus de " + number_label(thresholds[t]) + " min (%)", "%"},
              Real::hundredths, [&](std::size_t s) { return 100.0 * services[s].share_beyond[t]; });
  }
  equity.columns = rows.take();
  return equity;
}

// The Lorenz curves, for plotting.
OutputLayer lorenz_layer(const RunOutcome& outcome) {
  const auto& services = outcome.accessibility;
  OutputLayer lorenz;
  lorenz.name = "lorenz";
  lorenz.geometry_type = "none";
  lorenz.description = "Lorenz curve of the equity measure per service, for plotting";
  std::vector<std::pair<const ServiceAccessibility*, const LorenzPoint*>> points;
  for (const ServiceAccessibility& service : services) {
    for (const LorenzPoint& point : service.equity.lorenz) points.emplace_back(&service, &point);
  }
  ColumnBuilder curve(points.size());
  curve
      .text({"service_type", "Type de service"},
            [&](std::size_t p) { return points[p].first->service_type; })
      .text({"measure", "Mesure d'accessibilité"},
            [&](std::size_t p) { return points[p].first->equity.measure; })
      .real({"population_share", "Part cumulée de la population", "part (0–1)"}, Real::exact,
            [&](std::size_t p) { return points[p].second->population_share; })
      .real({"value_share", "Part cumulée de la mesure", "part (0–1)"}, Real::exact,
            [&](std::size_t p) { return points[p].second->value_share; });
  lorenz.columns = curve.take();
  return lorenz;
}

// The communes in tension, per service, worst first.
OutputLayer tension_layer(const RunOutcome& outcome) {
  const auto& services = outcome.accessibility;
  OutputLayer tension;
  tension.name = "zones_en_tension";
  tension.geometry_type = "multipolygon";
  tension.description = "Communes where a service is too far or too scarce for its public";
  // One row per (service, commune in tension), worst first within a service.
  struct Zone {
    const ServiceAccessibility* service;
    std::uint32_t commune;
    std::size_t rank;
  };
  std::vector<Zone> zones;
  for (const ServiceAccessibility& service : services) {
    for (std::size_t r = 0; r < service.tension_communes.size(); ++r) {
      zones.push_back({&service, service.tension_communes[r], r + 1});
      tension.geometries.push_back(
          geos_clone(*outcome.communes[service.tension_communes[r]].boundary));
    }
  }
  const auto access = [&](std::size_t z) -> const CommuneServiceAccess& {
    return zones[z].service->by_commune[zones[z].commune];
  };
  ColumnBuilder zone_rows(zones.size());
  zone_rows
      .text({"service_type", "Type de service"},
            [&](std::size_t z) { return zones[z].service->service_type; })
      .text({"code", "Code INSEE"},
            [&](std::size_t z) { return outcome.communes[zones[z].commune].code; })
      .text({"name", "Commune"},
            [&](std::size_t z) { return outcome.communes[zones[z].commune].name; })
      .integer({"rank", "Rang (1 = la plus en tension)"},
               [&](std::size_t z) { return zones[z].rank; })
      .text({"reason", "Motif"},
            [&](std::size_t z) { return tension_reason_text(access(z).tension); })
      .real({"target_pop", "Population cible", "personnes"}, Real::hundredths,
            [&](std::size_t z) { return access(z).target_population; });
  tension.columns = zone_rows.take();
  std::vector<StyleCategory> categories;
  static const std::vector<Colour> kPalette = {{215, 48, 39},   {244, 109, 67}, {253, 174, 97},
                                               {116, 173, 209}, {69, 117, 180}, {153, 112, 171}};
  for (const ServiceAccessibility& service : services) {
    Colour colour = kPalette[categories.size() % kPalette.size()];
    colour.alpha = 140;
    categories.push_back({service.service_type, service_label(service), colour});
  }
  tension.style_qml =
      categorized_style_qml("service_type", GeometryKind::polygon, categories, "name");
  return tension;
}

}  // namespace

std::vector<OutputLayer> build_equity_layers(const RunOutcome& outcome) {
  std::vector<OutputLayer> layers;
  layers.push_back(equity_layer(outcome));
  layers.push_back(lorenz_layer(outcome));
  layers.push_back(tension_layer(outcome));
  return layers;
}

}  // namespace couverture::pipeline
