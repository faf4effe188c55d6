#include "accessibility_layers.hpp"

#include <cmath>

#include "couverture/engine/small_count_masking.hpp"
#include "couverture/geodata/service_type.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

using Type = OutputColumn::Type;

std::string service_label(const ServiceAccessibility& service) {
  return default_service_info(service.service_type).french_name;
}

// "Enfants 0–2 ans": the target population as a column label.
std::string target_label(const ServiceAccessibility& service) {
  std::string label = service.target.french_label();
  if (!label.empty()) label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

}  // namespace

void add_commune_accessibility_columns(const RunOutcome& outcome, OutputLayer& layer) {
  const auto& communes = outcome.communes;
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
  for (AgeBand band : kAgeBands) {
    OutputColumn count = column("pop_" + std::string(field_name(band)), Type::real,
                                "Population " + std::string(french_label(band)));
    for (const Commune& commune : communes) {
      count.values.push_back(exact_or_null(commune.population_by_band[index_of(band)]));
    }
    layer.columns.push_back(std::move(count));
  }
  OutputColumn estimated =
      column("age_bands_estimated", Type::integer, "Tranches d'âge estimées (parts nationales)");
  OutputColumn source = column("demand_source", Type::text, "Localisation de la population");
  for (std::size_t c = 0; c < communes.size(); ++c) {
    estimated.values.push_back(integer_value(communes[c].bands_estimated ? 1 : 0));
    source.values.emplace_back(c < outcome.demand_sources.size()
                                   ? std::string(to_string(outcome.demand_sources[c]))
                                   : std::string("regular_grid"));
  }
  layer.columns.push_back(std::move(estimated));
  layer.columns.push_back(std::move(source));

  for (const ServiceAccessibility& service : outcome.accessibility) {
    const std::string stem = service_column(service.service_type);
    const std::string name = service_label(service);
    const std::string who = target_label(service);
    std::vector<OutputColumn> columns;
    columns.push_back(column(stem + "_target_pop", Type::real, who + " (public de " + name + ")"));
    columns.push_back(
        column(stem + "_target_mean_min", Type::real,
               "Temps moyen vers " + name + " des " + service.target.french_label() + " (min)"));
    if (service.has_capacity) {
      columns.push_back(
          column(stem + "_places", Type::real, "Places " + name + " dans la commune"));
      columns.push_back(column(stem + "_rate_admin", Type::real,
                               "Taux de couverture " + name + " administratif (places pour 100)"));
      columns.push_back(column(stem + "_rate_2sfca", Type::real,
                               "Taux de couverture " + name + " par temps de trajet, 2SFCA (%)"));
      columns.push_back(column(stem + "_rate_e2sfca", Type::real,
                               "Taux de couverture " + name + " (%) par temps de trajet, E2SFCA"));
    }
    columns.push_back(
        column(stem + "_gravity", Type::real,
               "Accessibilité gravitaire " + name +
                   (service.has_capacity ? " (places pondérées)" : " (équipements)")));
    for (double minutes : thresholds) {
      columns.push_back(column(stem + "_target_beyond_" + number_field(minutes) + "min", Type::real,
                               who + " à plus de " + number_label(minutes) + " min de " + name));
    }
    columns.push_back(column(stem + "_tension", Type::integer, "Zone en tension " + name));
    columns.push_back(column(stem + "_tension_reason", Type::text, "Motif de tension " + name));
    columns.push_back(column(stem + "_theil_between", Type::real,
                             "Part de la commune dans l'indice de Theil (entre communes) " + name));
    columns.push_back(column(stem + "_theil_within", Type::real,
                             "Part de la commune dans l'indice de Theil (intra-commune) " + name));
    for (std::size_t c = 0; c < communes.size(); ++c) {
      const CommuneServiceAccess& a = service.by_commune[c];
      std::size_t k = 0;
      columns[k++].values.push_back(exact_or_null(a.target_population));
      columns[k++].values.push_back(
          a.nearest.reachable_weight > 0.0 ? finite_or_null(a.nearest.mean) : std::nullopt);
      if (service.has_capacity) {
        columns[k++].values.push_back(finite_or_null(a.places_located));
        columns[k++].values.push_back(finite_or_null(a.administrative_rate));
        columns[k++].values.push_back(finite_or_null(a.fca_rate));
        columns[k++].values.push_back(finite_or_null(a.e2sfca_rate));
      }
      columns[k++].values.push_back(finite_or_null(a.gravity));
      for (double beyond : a.target_beyond) columns[k++].values.push_back(finite_or_null(beyond));
      columns[k++].values.push_back(integer_value(a.in_tension ? 1 : 0));
      if (a.in_tension) {
        columns[k++].values.emplace_back(a.tension_reason);
      } else {
        columns[k++].values.emplace_back(std::nullopt);
      }
      const TheilDecomposition& theil = service.equity.theil;
      columns[k++].values.push_back(c < theil.between_by_group.size()
                                        ? std::optional<ColumnValue>(std::in_place,
                                                                     std::in_place_index<1>,
                                                                     theil.between_by_group[c])
                                        : std::nullopt);
      columns[k++].values.push_back(c < theil.within_by_group.size()
                                        ? std::optional<ColumnValue>(std::in_place,
                                                                     std::in_place_index<1>,
                                                                     theil.within_by_group[c])
                                        : std::nullopt);
    }
    for (OutputColumn& c : columns) layer.columns.push_back(std::move(c));
  }
}

void add_demand_point_accessibility_columns(const RunOutcome& outcome, OutputLayer& layer) {
  const auto& demand = outcome.coverage.demand;
  const PrivacySettings& privacy = outcome.scenario.privacy;
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
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
  const bool masking = privacy.mask_small_counts;
  const std::vector<std::uint8_t> bands_masked =
      masking ? mask_small_counts(counts, commune_of, privacy.threshold)
              : std::vector<std::uint8_t>(demand.size(), 0);
  const std::vector<std::uint8_t> total_masked =
      masking ? mask_small_counts(std::span(&totals, 1), commune_of, privacy.threshold)
              : std::vector<std::uint8_t>(demand.size(), 0);
  std::vector<std::uint8_t> masked(demand.size(), 0);
  for (std::size_t i = 0; i < demand.size(); ++i) masked[i] = bands_masked[i] | total_masked[i];
  const auto count_column = [&](OutputColumn& c, std::size_t i, double value) {
    if (bands_masked[i]) {
      c.values.emplace_back(std::nullopt);
    } else {
      c.values.push_back(exact_or_null(value));
    }
  };
  // The total first: the existing `population` column obeys the same rule.
  for (OutputColumn& c : layer.columns) {
    if (c.name != "population") continue;
    c.values.clear();
    for (std::size_t i = 0; i < demand.size(); ++i) {
      if (total_masked[i]) {
        c.values.emplace_back(std::nullopt);
      } else {
        c.values.push_back(exact_or_null(demand[i].population));
      }
    }
  }
  for (const PriorityGroup& group : outcome.groups) {
    OutputColumn count =
        column("grp_" + service_column(group.name), Type::real, "Effectif : " + group.label);
    for (std::size_t i = 0; i < demand.size(); ++i) count_column(count, i, group.count[i]);
    layer.columns.push_back(std::move(count));
  }
  for (AgeBand band : kAgeBands) {
    OutputColumn count = column("pop_" + std::string(field_name(band)), Type::real,
                                "Population " + std::string(french_label(band)));
    for (std::size_t i = 0; i < demand.size(); ++i) {
      count_column(count, i, demand[i].by_band[index_of(band)]);
    }
    layer.columns.push_back(std::move(count));
  }
  for (const ServiceAccessibility& service : outcome.accessibility) {
    const std::string stem = service_column(service.service_type);
    const std::string name = service_label(service);
    OutputColumn target = column(stem + "_target_pop", Type::real, target_label(service));
    for (std::size_t i = 0; i < demand.size(); ++i) {
      count_column(target, i, service.target_population[i]);
    }
    layer.columns.push_back(std::move(target));
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
      const std::string within = number_field(thresholds[t]) + "min";
      OutputColumn sites = column(stem + "_sites_" + within, Type::integer,
                                  name + " à " + number_label(thresholds[t]) + " min ou moins");
      OutputColumn places =
          column(stem + "_places_" + within, Type::real,
                 "Places " + name + " à " + number_label(thresholds[t]) + " min ou moins");
      for (std::size_t i = 0; i < demand.size(); ++i) {
        sites.values.push_back(integer_value(service.opportunities.sites(t, i)));
        places.values.push_back(finite_or_null(service.opportunities.supply(t, i)));
      }
      layer.columns.push_back(std::move(sites));
      if (service.has_capacity) layer.columns.push_back(std::move(places));
    }
    OutputColumn gravity =
        column(stem + "_gravity", Type::real, "Accessibilité gravitaire " + name);
    OutputColumn fca = column(stem + "_2sfca", Type::real, "Places " + name + " pour 100 (2SFCA)");
    OutputColumn e2 = column(stem + "_e2sfca", Type::real, "Places " + name + " pour 100 (E2SFCA)");
    OutputColumn tension = column(stem + "_tension", Type::integer, "En tension " + name);
    for (std::size_t i = 0; i < demand.size(); ++i) {
      gravity.values.push_back(finite_or_null(service.gravity[i]));
      fca.values.push_back(finite_or_null(service.fca_per_100[i]));
      e2.values.push_back(finite_or_null(service.e2sfca_per_100[i]));
      tension.values.push_back(integer_value(service.point_in_tension[i]));
    }
    layer.columns.push_back(std::move(gravity));
    if (service.has_capacity) {
      layer.columns.push_back(std::move(fca));
      layer.columns.push_back(std::move(e2));
    }
    layer.columns.push_back(std::move(tension));
  }
  OutputColumn flag =
      column("masked", Type::integer,
             "Effectifs masqués (moins de " + number_label(privacy.threshold) + " personnes)");
  for (std::uint8_t m : masked) flag.values.push_back(integer_value(m));
  layer.columns.push_back(std::move(flag));
}

std::vector<OutputLayer> build_equity_layers(const RunOutcome& outcome) {
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
  OutputLayer equity;
  equity.name = "equity";
  equity.geometry_type = "none";
  equity.description =
      "Inequality of access per service, over the demand points weighted by the target "
      "population";
  OutputColumn type = column("service_type", Type::text, "Type de service");
  OutputColumn target = column("target", Type::text, "Public");
  OutputColumn measure = column("measure", Type::text, "Mesure d'accessibilité");
  OutputColumn weight = column("target_pop", Type::real, "Population cible");
  OutputColumn excluded =
      column("target_pop_unreachable", Type::real, "Population cible sans accès");
  OutputColumn mean = column("mean", Type::real, "Moyenne");
  OutputColumn gini = column("gini", Type::real, "Indice de Gini");
  OutputColumn theil = column("theil", Type::real, "Indice de Theil");
  OutputColumn between = column("theil_between", Type::real, "Theil entre communes");
  OutputColumn within = column("theil_within", Type::real, "Theil intra-communes");
  OutputColumn a05 = column("atkinson_0_5", Type::real, "Atkinson (ε = 0,5)");
  OutputColumn a1 = column("atkinson_1", Type::real, "Atkinson (ε = 1)");
  OutputColumn a2 = column("atkinson_2", Type::real, "Atkinson (ε = 2)");
  OutputColumn ratio = column("best_to_worst_fifth", Type::real,
                              "Rapport entre les 20 % les mieux et les moins bien desservis");
  std::vector<OutputColumn> beyond;
  for (double minutes : thresholds) {
    beyond.push_back(column("pct_beyond_" + number_field(minutes) + "min", Type::real,
                            "Population cible à plus de " + number_label(minutes) + " min (%)"));
  }
  OutputLayer lorenz;
  lorenz.name = "lorenz";
  lorenz.geometry_type = "none";
  lorenz.description = "Lorenz curve of the equity measure per service, for plotting";
  OutputColumn l_type = column("service_type", Type::text, "Type de service");
  OutputColumn l_measure = column("measure", Type::text, "Mesure d'accessibilité");
  OutputColumn l_population =
      column("population_share", Type::real, "Part cumulée de la population");
  OutputColumn l_value = column("value_share", Type::real, "Part cumulée de la mesure");

  const auto exact = exact_or_null;  // an index, unrounded
  for (const ServiceAccessibility& service : outcome.accessibility) {
    const EquitySummary& e = service.equity;
    type.values.emplace_back(service.service_type);
    target.values.emplace_back(service.target.to_string());
    measure.values.emplace_back(e.measure);
    weight.values.push_back(finite_or_null(e.weight));
    excluded.values.push_back(finite_or_null(e.excluded_weight));
    mean.values.push_back(exact(e.mean));
    gini.values.push_back(exact(e.gini));
    theil.values.push_back(exact(e.theil.total));
    between.values.push_back(exact(e.theil.between));
    within.values.push_back(exact(e.theil.within));
    a05.values.push_back(exact(e.atkinson_0_5));
    a1.values.push_back(exact(e.atkinson_1));
    a2.values.push_back(exact(e.atkinson_2));
    ratio.values.push_back(exact(e.best_to_worst_fifth));
    for (std::size_t t = 0; t < beyond.size(); ++t) {
      beyond[t].values.push_back(finite_or_null(100.0 * service.share_beyond[t]));
    }
    for (const LorenzPoint& point : e.lorenz) {
      l_type.values.emplace_back(service.service_type);
      l_measure.values.emplace_back(e.measure);
      l_population.values.push_back(exact(point.population_share));
      l_value.values.push_back(exact(point.value_share));
    }
  }
  equity.columns = {type,  target,  measure, weight, excluded, mean, gini,
                    theil, between, within,  a05,    a1,       a2,   ratio};
  for (OutputColumn& c : beyond) equity.columns.push_back(std::move(c));
  lorenz.columns = {l_type, l_measure, l_population, l_value};

  OutputLayer tension;
  tension.name = "zones_en_tension";
  tension.geometry_type = "multipolygon";
  tension.description = "Communes where a service is too far or too scarce for its public";
  OutputColumn t_type = column("service_type", Type::text, "Type de service");
  OutputColumn t_code = column("code", Type::text, "Code INSEE");
  OutputColumn t_name = column("name", Type::text, "Commune");
  OutputColumn t_rank = column("rank", Type::integer, "Rang (1 = la plus en tension)");
  OutputColumn t_reason = column("reason", Type::text, "Motif");
  OutputColumn t_target = column("target_pop", Type::real, "Population cible");
  std::vector<StyleCategory> categories;
  static const std::vector<Colour> kPalette = {{215, 48, 39},   {244, 109, 67}, {253, 174, 97},
                                               {116, 173, 209}, {69, 117, 180}, {153, 112, 171}};
  for (const ServiceAccessibility& service : outcome.accessibility) {
    for (std::size_t r = 0; r < service.tension_communes.size(); ++r) {
      const std::uint32_t c = service.tension_communes[r];
      const Commune& commune = outcome.communes[c];
      tension.geometries.push_back(geos_clone(*commune.boundary));
      t_type.values.emplace_back(service.service_type);
      t_code.values.emplace_back(commune.code);
      t_name.values.emplace_back(commune.name);
      t_rank.values.push_back(integer_value(static_cast<std::int64_t>(r + 1)));
      t_reason.values.emplace_back(service.by_commune[c].tension_reason);
      t_target.values.push_back(finite_or_null(service.by_commune[c].target_population));
    }
    Colour colour = kPalette[categories.size() % kPalette.size()];
    colour.alpha = 140;
    categories.push_back({service.service_type, service_label(service), colour});
  }
  tension.columns = {t_type, t_code, t_name, t_rank, t_reason, t_target};
  tension.style_qml =
      categorized_style_qml("service_type", GeometryKind::polygon, categories, "name");
  std::vector<OutputLayer> layers;
  layers.push_back(std::move(equity));
  layers.push_back(std::move(lorenz));
  layers.push_back(std::move(tension));
  return layers;
}

}  // namespace couverture::pipeline
