#include "priority_group_layers.hpp"

#include <cmath>

#include "couverture/io/file_digest.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

using Type = OutputColumn::Type;

// A style carrying only the fields' French aliases (the table has no map).
constexpr const char* kTableStyle =
    "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"Fields\">\n</qgis>\n";

}  // namespace

void add_commune_group_columns(const RunOutcome& outcome, OutputLayer& layer) {
  const std::size_t commune_count = outcome.communes.size();
  const auto& demand = outcome.coverage.demand;
  for (const PriorityGroup& group : outcome.groups) {
    const std::string stem = "grp_" + service_column(group.name);
    std::vector<double> count(commune_count, 0.0);
    std::vector<double> share_sum(commune_count, 0.0);
    std::vector<double> known_people(commune_count, 0.0);
    for (std::size_t i = 0; i < demand.size(); ++i) {
      if (!std::isfinite(group.share[i])) continue;
      const std::uint32_t c = demand[i].commune;
      count[c] += group.count[i];
      share_sum[c] += group.share[i] * demand[i].population;
      known_people[c] += demand[i].population;
    }
    OutputColumn total = column(stem, Type::real, "Effectif : " + group.label);
    OutputColumn pct = column(stem + "_pct", Type::real, "Part (%) : " + group.label);
    for (std::size_t c = 0; c < commune_count; ++c) {
      const bool known = known_people[c] > 0.0;
      total.values.push_back(known ? exact_or_null(count[c]) : std::nullopt);
      pct.values.push_back(known ? finite_or_null(100.0 * share_sum[c] / known_people[c])
                                 : std::nullopt);
    }
    layer.columns.push_back(std::move(total));
    layer.columns.push_back(std::move(pct));
  }
}

std::vector<OutputLayer> build_priority_group_layers(const RunOutcome& outcome) {
  if (outcome.groups.empty()) return {};
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
  OutputLayer layer;
  layer.name = "priority_groups";
  layer.geometry_type = "none";
  layer.description =
      "Each priority group against everyone else of each service's public: travel times, "
      "coverage rates and the concentration index by the group's share";
  layer.style_qml = kTableStyle;
  OutputColumn type = column("service_type", Type::text, "Type de service");
  OutputColumn name = column("group_name", Type::text, "Groupe");
  OutputColumn label = column("group_label", Type::text, "Public prioritaire");
  OutputColumn in = column("group_target_pop", Type::real, "Public du service dans le groupe");
  OutputColumn out = column("others_target_pop", Type::real, "Public du service hors du groupe");
  OutputColumn unknown =
      column("unknown_target_pop", Type::real, "Public du service sans donnée de groupe");
  OutputColumn mean_in = column("group_mean_min", Type::real, "Temps moyen du groupe (min)");
  OutputColumn mean_out = column("others_mean_min", Type::real, "Temps moyen des autres (min)");
  std::vector<OutputColumn> beyond_in, beyond_out;
  for (double minutes : thresholds) {
    const std::string t = number_field(minutes);
    beyond_in.push_back(column("group_pct_beyond_" + t + "min", Type::real,
                               "Groupe à plus de " + number_label(minutes) + " min (%)"));
    beyond_out.push_back(column("others_pct_beyond_" + t + "min", Type::real,
                                "Autres à plus de " + number_label(minutes) + " min (%)"));
  }
  OutputColumn e2_in = column("group_e2sfca", Type::real, "Places pour 100 vues par le groupe");
  OutputColumn e2_out = column("others_e2sfca", Type::real, "Places pour 100 vues par les autres");
  OutputColumn g_in = column("group_e2sfca_global", Type::real,
                             "Places pour 100 vues par le groupe (offre globale)");
  OutputColumn g_out = column("others_e2sfca_global", Type::real,
                              "Places pour 100 vues par les autres (offre globale)");
  OutputColumn measure = column("measure", Type::text, "Mesure d'accessibilité");
  OutputColumn ci = column("concentration_index", Type::real,
                           "Indice de concentration selon la part du groupe (< 0 : "
                           "concentré là où vit le groupe)");
  for (const GroupComparison& g : outcome.group_comparisons) {
    const PriorityGroup& group = outcome.groups[g.group];
    type.values.emplace_back(outcome.accessibility[g.service].service_type);
    name.values.emplace_back(group.name);
    label.values.emplace_back(group.label);
    in.values.push_back(exact_or_null(g.group_target));
    out.values.push_back(exact_or_null(g.others_target));
    unknown.values.push_back(exact_or_null(g.unknown_target));
    mean_in.values.push_back(finite_or_null(g.group_mean_minutes));
    mean_out.values.push_back(finite_or_null(g.others_mean_minutes));
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
      beyond_in[t].values.push_back(finite_or_null(100.0 * g.group_share_beyond[t]));
      beyond_out[t].values.push_back(finite_or_null(100.0 * g.others_share_beyond[t]));
    }
    e2_in.values.push_back(finite_or_null(g.group_e2sfca));
    e2_out.values.push_back(finite_or_null(g.others_e2sfca));
    g_in.values.push_back(finite_or_null(g.group_global_e2sfca));
    g_out.values.push_back(finite_or_null(g.others_global_e2sfca));
    measure.values.emplace_back(g.measure);
    ci.values.push_back(exact_or_null(g.concentration_index));
  }
  layer.columns = {type, name, label, in, out, unknown, mean_in, mean_out};
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    layer.columns.push_back(std::move(beyond_in[t]));
    layer.columns.push_back(std::move(beyond_out[t]));
  }
  for (OutputColumn* c : {&e2_in, &e2_out, &g_in, &g_out, &measure, &ci}) {
    layer.columns.push_back(std::move(*c));
  }
  std::vector<OutputLayer> layers;
  layers.push_back(std::move(layer));
  return layers;
}

std::vector<std::pair<std::string, std::string>> groups_run_info(const RunOutcome& outcome) {
  std::vector<std::pair<std::string, std::string>> rows;
  const Scenario& scenario = outcome.scenario;
  for (const GroupSource& group : scenario.demand.groups) {
    const std::string key = "group_" + group.name;
    if (!group.column.empty()) {
      rows.emplace_back(key, "INSEE grid column " + group.column +
                                 ", share of the cell's households (Men), applied to each "
                                 "service's public");
    } else {
      rows.emplace_back(key, "per-commune table " + group.path.string() + ", column " +
                                 group.count_field + ", spread like the population");
      rows.emplace_back(key + "_sha256", sha256_file(group.path));
    }
  }
  for (const auto& [group, weight] : scenario.siting.group_weights) {
    rows.emplace_back("siting_weight_" + group, number_label(weight));
  }
  return rows;
}

}  // namespace couverture::pipeline
