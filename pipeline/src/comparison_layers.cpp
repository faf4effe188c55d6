#include "couverture/pipeline/comparison_layers.hpp"

#include <cmath>
#include <map>
#include <sstream>

#include "couverture/geodata/service_type.hpp"
#include "couverture/io/file_digest.hpp"
#include "couverture/pipeline/column_builder.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "couverture/pipeline/version_text.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

std::string service_name(const std::string& type) { return default_service_info(type).french_name; }

// The service the default styles show: crèches first (the CTG question).
const ServiceComparison* primary(const ScenarioComparison& comparison) {
  for (const ServiceComparison& service : comparison.services) {
    if (service.service_type == "eaje") return &service;
  }
  return comparison.services.empty() ? nullptr : &comparison.services.front();
}

OutputLayer communes_diff(const RunOutcome& variant, const ScenarioComparison& comparison) {
  OutputLayer layer;
  layer.name = "communes_diff";
  layer.geometry_type = "multipolygon";
  layer.description =
      "Per commune and service: variant minus baseline of every indicator (negative times and "
      "positive rates are gains)";
  const auto& communes = variant.communes;
  for (const Commune& commune : communes) layer.geometries.push_back(geos_clone(*commune.boundary));
  ColumnBuilder table(communes.size());
  table.text({"code", "Code INSEE"}, [&](std::size_t c) { return communes[c].code; })
      .text({"name", "Commune"}, [&](std::size_t c) { return communes[c].name; });
  // Differences as written: hundredths, NULL when undefined or infinite
  // (reached on one side only: the `reach` columns say which).
  const auto difference = [&](ColumnInfo info, auto value_of) {
    info.description = "Variant minus baseline";
    table.real(std::move(info), Real::hundredths, value_of);
  };
  const auto& thresholds = comparison.thresholds_minutes;
  for (const ServiceComparison& service : comparison.services) {
    const std::string stem = service_column(service.service_type);
    const std::string label = service_name(service.service_type);
    const auto& by_commune = service.by_commune;
    difference({"d_" + stem + "_mean_min", "Écart de temps moyen vers " + label + " (min)", "min"},
               [&](std::size_t c) { return by_commune[c].target_mean_minutes; });
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
      const std::string field = number_field(thresholds[t]);
      const std::string minutes = number_label(thresholds[t]);
      difference(
          {"d_" + stem + "_pct_within_" + field + "min",
           "Écart de part du public à " + minutes + " min ou moins de " + label + " (points de %)",
           "points de %"},
          [&](std::size_t c) {
            const auto& within = by_commune[c].share_within;
            return t < within.size() ? 100.0 * within[t] : NAN;
          });
      difference({"d_" + stem + "_beyond_" + field + "min",
                  "Écart du public à plus de " + minutes + " min de " + label + " (personnes)",
                  "personnes"},
                 [&](std::size_t c) {
                   const auto& beyond = by_commune[c].target_beyond;
                   return t < beyond.size() ? beyond[t] : NAN;
                 });
    }
    difference({"d_" + stem + "_rate_admin",
                "Écart du taux de couverture " + label + " administratif", "places pour 100"},
               [&](std::size_t c) { return by_commune[c].administrative_rate; });
    difference({"d_" + stem + "_rate_2sfca", "Écart du taux de couverture " + label + " (2SFCA)",
                "points de %"},
               [&](std::size_t c) { return by_commune[c].fca_rate; });
    difference({"d_" + stem + "_rate_e2sfca", "Écart du taux de couverture " + label + " (E2SFCA)",
                "points de %"},
               [&](std::size_t c) { return by_commune[c].e2sfca_rate; });
    difference({"d_" + stem + "_gravity", "Écart d'accessibilité gravitaire " + label},
               [&](std::size_t c) { return by_commune[c].gravity; });
    table
        .integer({stem + "_tension_before", "En tension avant (" + label + ")", "0/1"},
                 [&](std::size_t c) { return by_commune[c].tension_before ? 1 : 0; })
        .integer({stem + "_tension_after", "En tension après (" + label + ")", "0/1"},
                 [&](std::size_t c) { return by_commune[c].tension_after ? 1 : 0; });
  }
  layer.columns = table.take();
  if (const ServiceComparison* shown = primary(comparison)) {
    layer.style_qml = difference_style("d_" + service_column(shown->service_type) + "_mean_min",
                                       GeometryKind::polygon, 1.0, "min", true, "name");
  }
  return layer;
}

OutputLayer demand_points_diff(const RunOutcome& variant, const ScenarioComparison& comparison) {
  OutputLayer layer;
  layer.name = "demand_points_diff";
  layer.geometry_type = "point";
  layer.description = "Per demand point and service: variant minus baseline";
  const auto& demand = variant.coverage.demand;
  for (const DemandPoint& point : demand) {
    layer.geometries.push_back(geos_point(point.position.lon, point.position.lat));
  }
  ColumnBuilder table(demand.size());
  table.text({"commune_code", "Commune"},
             [&](std::size_t i) { return variant.communes[demand[i].commune].code; });
  // The value at `i`, NaN when the comparison has none there.
  const auto at = [](const std::vector<double>& values, std::size_t i) {
    return i < values.size() ? values[i] : NAN;
  };
  for (const ServiceComparison& service : comparison.services) {
    const std::string stem = service_column(service.service_type);
    const std::string label = service_name(service.service_type);
    table
        .real({"d_" + stem + "_min", "Écart de temps vers " + label + " (min)", "min",
               "Variant minus baseline"},
              Real::hundredths, [&](std::size_t i) { return at(service.point_minutes, i); })
        // +1 reached only with the variant, -1 only with the baseline, 0 otherwise.
        .integer({stem + "_reach", "Accès à " + label + " : +1 gagné, -1 perdu, 0 inchangé"},
                 [&](std::size_t i) {
                   const double minutes =
                       i < service.point_minutes.size() ? service.point_minutes[i] : 0.0;
                   if (!std::isinf(minutes)) return 0;
                   return minutes < 0 ? 1 : -1;
                 })
        .real({"d_" + stem + "_e2sfca", "Écart de places " + label + " pour 100 (E2SFCA)",
               "places pour 100", "Variant minus baseline"},
              Real::hundredths, [&](std::size_t i) { return at(service.point_e2sfca, i); })
        .real({"d_" + stem + "_gravity", "Écart d'accessibilité gravitaire " + label, "",
               "Variant minus baseline"},
              Real::hundredths, [&](std::size_t i) { return at(service.point_gravity, i); });
  }
  layer.columns = table.take();
  if (const ServiceComparison* shown = primary(comparison)) {
    layer.style_qml = difference_style("d_" + service_column(shown->service_type) + "_min",
                                       GeometryKind::point, 1.0, "min", true, "");
  }
  return layer;
}

OutputLayer equity_diff(const ScenarioComparison& comparison) {
  OutputLayer layer;
  layer.name = "equity_diff";
  layer.geometry_type = "none";
  layer.description = "Each equity index per service: baseline, variant and the change";
  struct Row {
    const std::string* service_type;
    std::string indicator;
    const IndexChange* value;
  };
  std::vector<Row> rows;
  for (const ServiceComparison& service : comparison.services) {
    const auto add = [&](std::string indicator, const IndexChange& value) {
      rows.push_back({&service.service_type, std::move(indicator), &value});
    };
    const std::string measure = service.equity_measure_after.empty() ? service.equity_measure_before
                                                                     : service.equity_measure_after;
    add("mean " + measure, service.equity_mean);
    add("gini " + measure, service.gini);
    add("theil " + measure, service.theil_total);
    add("theil_between " + measure, service.theil_between);
    add("theil_within " + measure, service.theil_within);
    add("atkinson_0_5 " + measure, service.atkinson_0_5);
    add("atkinson_1 " + measure, service.atkinson_1);
    add("atkinson_2 " + measure, service.atkinson_2);
    add("best_to_worst_fifth " + measure, service.best_to_worst_fifth);
    for (std::size_t t = 0; t < service.share_beyond.size(); ++t) {
      add("share_beyond_" + number_field(comparison.thresholds_minutes[t]) + "min",
          service.share_beyond[t]);
    }
  }
  // Indices are written unrounded.
  ColumnBuilder table(rows.size());
  table
      .text({"service_type", "Type de service"},
            [&](std::size_t r) { return *rows[r].service_type; })
      .text({"indicator", "Indicateur"}, [&](std::size_t r) { return rows[r].indicator; })
      .real({"baseline", "Référence"}, Real::exact,
            [&](std::size_t r) { return rows[r].value->before; })
      .real({"variant", "Variante"}, Real::exact,
            [&](std::size_t r) { return rows[r].value->after; })
      .real({"change", "Écart"}, Real::exact, [&](std::size_t r) { return rows[r].value->change; });
  layer.columns = table.take();
  return layer;
}

OutputLayer facilities_diff(const RunOutcome& baseline, const RunOutcome& variant) {
  OutputLayer layer;
  layer.name = "facilities_diff";
  layer.geometry_type = "point";
  layer.description = "Facilities of both runs: added, removed, capacity changed or unchanged";
  // Each facility of either run with its two sides (nullptr: absent there):
  // the variant's first, then those the variant removed.
  struct Row {
    const Facility* facility;
    const Facility* old;
    const Facility* now;
  };
  std::vector<Row> rows;
  std::map<std::string, const Facility*> old_by_id;
  for (const Facility& f : baseline.facilities) old_by_id[f.id] = &f;
  std::map<std::string, const Facility*> new_by_id;
  for (const Facility& f : variant.facilities) new_by_id[f.id] = &f;
  for (const Facility& f : variant.facilities) {
    const auto old = old_by_id.find(f.id);
    rows.push_back({&f, old == old_by_id.end() ? nullptr : old->second, &f});
  }
  for (const Facility& f : baseline.facilities) {
    if (!new_by_id.contains(f.id)) rows.push_back({&f, &f, nullptr});
  }
  for (const Row& row : rows) {
    layer.geometries.push_back(geos_point(row.facility->position.lon, row.facility->position.lat));
  }
  const auto places = [](const Facility* facility) -> std::optional<double> {
    if (facility == nullptr || !facility->capacity_known) return std::nullopt;
    return facility->capacity;
  };
  const auto change = [&](std::size_t r) {
    const Facility* old = rows[r].old;
    const Facility* now = rows[r].now;
    const bool resized = old != nullptr && now != nullptr &&
                         (old->capacity_known != now->capacity_known ||
                          (now->capacity_known && old->capacity != now->capacity));
    return old == nullptr   ? "added"
           : now == nullptr ? "removed"
           : resized        ? "capacity"
                            : "unchanged";
  };
  ColumnBuilder table(rows.size());
  table.text({"id", "Identifiant"}, [&](std::size_t r) { return rows[r].facility->id; })
      .text({"name", "Nom"}, [&](std::size_t r) { return rows[r].facility->name; })
      .text({"service_type", "Type de service"},
            [&](std::size_t r) { return rows[r].facility->service_type; })
      .real({"capacity_before", "Capacité avant"}, Real::hundredths,
            [&](std::size_t r) { return places(rows[r].old); })
      .real({"capacity_after", "Capacité après"}, Real::hundredths,
            [&](std::size_t r) { return places(rows[r].now); })
      .text({"change", "Changement"}, change);
  layer.columns = table.take();
  const std::vector<StyleCategory> categories = {
      {"added", "ajouté", {26, 152, 80, 255}},
      {"removed", "retiré", {215, 48, 39, 255}},
      {"capacity", "capacité modifiée", {254, 224, 139, 255}},
      {"unchanged", "inchangé", {150, 150, 150, 255}}};
  layer.style_qml = categorized_style_qml("change", GeometryKind::point, categories, "name");
  return layer;
}

OutputLayer comparison_run_info(const RunOutcome& baseline, const RunOutcome& variant,
                                const ScenarioComparison& comparison) {
  OutputLayer layer;
  layer.name = "run_info";
  layer.geometry_type = "none";
  layer.description = "The two scenarios compared, their files and SHA-256, versions";
  std::vector<std::pair<std::string, std::string>> rows;
  const auto add = [&](const std::string& k, const std::string& v) { rows.emplace_back(k, v); };
  for (const auto& [role, run] :
       {std::pair<std::string, const RunOutcome*>{"baseline", &baseline}, {"variant", &variant}}) {
    add(role + "_name", run->scenario.name);
    add(role + "_file", run->scenario.file.string());
    add(role + "_sha256", sha256_file(run->scenario.file));
    if (!run->scenario.note.empty()) add(role + "_note", run->scenario.note);
  }
  add("same_demand_points",
      comparison.same_demand_points ? "yes" : "no (per-point layer left out)");
  std::istringstream versions(version_text());
  for (std::string line; std::getline(versions, line);) {
    const auto space = line.find(' ');
    add("version_" + line.substr(0, space), line.substr(space + 1));
  }
  add("sign", "variant minus baseline: a negative time or a positive rate is a gain");
  add("licence", "road data read from OpenStreetMap: © OpenStreetMap contributors, ODbL 1.0");
  layer.columns = key_value_columns(rows);
  return layer;
}

}  // namespace

std::vector<OutputLayer> build_comparison_layers(const RunOutcome& baseline,
                                                 const RunOutcome& variant,
                                                 const ScenarioComparison& comparison) {
  std::vector<OutputLayer> layers;
  layers.push_back(communes_diff(variant, comparison));
  if (comparison.same_demand_points) layers.push_back(demand_points_diff(variant, comparison));
  layers.push_back(equity_diff(comparison));
  layers.push_back(facilities_diff(baseline, variant));
  layers.push_back(comparison_run_info(baseline, variant, comparison));
  return layers;
}

}  // namespace couverture::pipeline
