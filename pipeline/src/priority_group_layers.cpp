#include "priority_group_layers.hpp"

#include <cmath>

#include "couverture/io/file_digest.hpp"
#include "couverture/pipeline/column_builder.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

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
    // NULL where no point of the commune has the group's share.
    const auto known = [&](std::size_t c, double value) -> std::optional<double> {
      if (!(known_people[c] > 0.0)) return std::nullopt;
      return value;
    };
    ColumnBuilder table(commune_count);
    table
        .real({stem, "Effectif : " + group.label, "personnes"}, Real::exact,
              [&](std::size_t c) { return known(c, count[c]); })
        .real({stem + "_pct", "Part (%) : " + group.label, "%"}, Real::hundredths,
              [&](std::size_t c) { return known(c, 100.0 * share_sum[c] / known_people[c]); });
    table.append_to(layer);
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
  const auto& rows = outcome.group_comparisons;
  ColumnBuilder table(rows.size());
  table
      .text({"service_type", "Type de service"},
            [&](std::size_t r) { return outcome.accessibility[rows[r].service].service_type; })
      .text({"group_name", "Groupe"},
            [&](std::size_t r) { return outcome.groups[rows[r].group].name; })
      .text({"group_label", "Public prioritaire"},
            [&](std::size_t r) { return outcome.groups[rows[r].group].label; })
      .real({"group_target_pop", "Public du service dans le groupe", "personnes"}, Real::exact,
            [&](std::size_t r) { return rows[r].group_target; })
      .real({"others_target_pop", "Public du service hors du groupe", "personnes"}, Real::exact,
            [&](std::size_t r) { return rows[r].others_target; })
      .real({"unknown_target_pop", "Public du service sans donnée de groupe", "personnes"},
            Real::exact, [&](std::size_t r) { return rows[r].unknown_target; })
      .real({"group_mean_min", "Temps moyen du groupe (min)", "min"}, Real::hundredths,
            [&](std::size_t r) { return rows[r].group_mean_minutes; })
      .real({"others_mean_min", "Temps moyen des autres (min)", "min"}, Real::hundredths,
            [&](std::size_t r) { return rows[r].others_mean_minutes; });
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    const std::string field = number_field(thresholds[t]);
    const std::string minutes = number_label(thresholds[t]);
    table
        .real(
            {"group_pct_beyond_" + field + "min", "Groupe à plus de " + minutes + " min (%)", "%"},
            Real::hundredths, [&](std::size_t r) { return 100.0 * rows[r].group_share_beyond[t]; })
        .real(
            {"others_pct_beyond_" + field + "min", "Autres à plus de " + minutes + " min (%)", "%"},
            Real::hundredths,
            [&](std::size_t r) { return 100.0 * rows[r].others_share_beyond[t]; });
  }
  table
      .real({"group_e2sfca", "Places pour 100 vues par le groupe", "places pour 100"},
            Real::hundredths, [&](std::size_t r) { return rows[r].group_e2sfca; })
      .real({"others_e2sfca", "Places pour 100 vues par les autres", "places pour 100"},
            Real::hundredths, [&](std::size_t r) { return rows[r].others_e2sfca; })
      .real({"group_e2sfca_global", "Places pour 100 vues par le groupe (offre globale)",
             "places pour 100"},
            Real::hundredths, [&](std::size_t r) { return rows[r].group_global_e2sfca; })
      .real({"others_e2sfca_global", "Places pour 100 vues par les autres (offre globale)",
             "places pour 100"},
            Real::hundredths, [&](std::size_t r) { return rows[r].others_global_e2sfca; })
      .text({"measure", "Mesure d'accessibilité"}, [&](std::size_t r) { return rows[r].measure; })
      .real({"concentration_index",
             "Indice de concentration selon la part du groupe (< 0 : concentré là où vit le "
             "groupe)",
             "", "An index, unrounded"},
            Real::exact, [&](std::size_t r) { return rows[r].concentration_index; });
  layer.columns = table.take();
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
