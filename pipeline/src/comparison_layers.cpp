#include "couverture/pipeline/comparison_layers.hpp"

#include <cmath>
#include <map>
#include <sstream>

#include "couverture/geodata/service_type.hpp"
#include "couverture/io/file_digest.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "couverture/pipeline/version_text.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

using Type = OutputColumn::Type;

std::string service_name(const std::string& type) { return default_service_info(type).french_name; }

// A difference as written: hundredths, NULL when undefined or infinite
// (reached on one side only: the `reach` columns say which).
std::optional<OutputColumn::Cell> difference_value(double value) { return finite_or_null(value); }

// +1 reached only with the variant, -1 only with the baseline, 0 otherwise.
std::optional<OutputColumn::Cell> reach_change(double minutes_difference) {
  if (std::isinf(minutes_difference)) return integer_value(minutes_difference < 0 ? 1 : -1);
  return integer_value(0);
}

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
  OutputColumn code = column("code", Type::text, "Code INSEE");
  OutputColumn name = column("name", Type::text, "Commune");
  for (const Commune& commune : variant.communes) {
    layer.geometries.push_back(geos_clone(*commune.boundary));
    code.push_text(commune.code);
    name.push_text(commune.name);
  }
  layer.columns = {code, name};
  for (const ServiceComparison& service : comparison.services) {
    const std::string stem = service_column(service.service_type);
    const std::string label = service_name(service.service_type);
    std::vector<OutputColumn> columns;
    columns.push_back(column("d_" + stem + "_mean_min", Type::real,
                             "Écart de temps moyen vers " + label + " (min)"));
    for (double minutes : comparison.thresholds_minutes) {
      columns.push_back(column("d_" + stem + "_pct_within_" + number_field(minutes) + "min",
                               Type::real,
                               "Écart de part du public à " + number_label(minutes) +
                                   " min ou moins de " + label + " (points de %)"));
      columns.push_back(column("d_" + stem + "_beyond_" + number_field(minutes) + "min", Type::real,
                               "Écart du public à plus de " + number_label(minutes) + " min de " +
                                   label + " (personnes)"));
    }
    columns.push_back(column("d_" + stem + "_rate_admin", Type::real,
                             "Écart du taux de couverture " + label + " administratif"));
    columns.push_back(column("d_" + stem + "_rate_2sfca", Type::real,
                             "Écart du taux de couverture " + label + " (2SFCA)"));
    columns.push_back(column("d_" + stem + "_rate_e2sfca", Type::real,
                             "Écart du taux de couverture " + label + " (E2SFCA)"));
    columns.push_back(
        column("d_" + stem + "_gravity", Type::real, "Écart d'accessibilité gravitaire " + label));
    columns.push_back(
        column(stem + "_tension_before", Type::integer, "En tension avant (" + label + ")"));
    columns.push_back(
        column(stem + "_tension_after", Type::integer, "En tension après (" + label + ")"));
    for (const CommuneServiceDifference& d : service.by_commune) {
      std::size_t k = 0;
      columns[k++].push(difference_value(d.target_mean_minutes));
      for (std::size_t t = 0; t < comparison.thresholds_minutes.size(); ++t) {
        columns[k++].push(
            difference_value(t < d.share_within.size() ? 100.0 * d.share_within[t] : NAN));
        columns[k++].push(difference_value(t < d.target_beyond.size() ? d.target_beyond[t] : NAN));
      }
      columns[k++].push(difference_value(d.administrative_rate));
      columns[k++].push(difference_value(d.fca_rate));
      columns[k++].push(difference_value(d.e2sfca_rate));
      columns[k++].push(difference_value(d.gravity));
      columns[k++].push(integer_value(d.tension_before ? 1 : 0));
      columns[k++].push(integer_value(d.tension_after ? 1 : 0));
    }
    for (OutputColumn& c : columns) layer.columns.push_back(std::move(c));
  }
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
  OutputColumn commune = column("commune_code", Type::text, "Commune");
  for (const DemandPoint& point : demand) {
    layer.geometries.push_back(geos_point(point.position.lon, point.position.lat));
    commune.push_text(variant.communes[point.commune].code);
  }
  layer.columns = {commune};
  for (const ServiceComparison& service : comparison.services) {
    const std::string stem = service_column(service.service_type);
    const std::string label = service_name(service.service_type);
    OutputColumn minutes =
        column("d_" + stem + "_min", Type::real, "Écart de temps vers " + label + " (min)");
    OutputColumn e2 = column("d_" + stem + "_e2sfca", Type::real,
                             "Écart de places " + label + " pour 100 (E2SFCA)");
    OutputColumn gravity =
        column("d_" + stem + "_gravity", Type::real, "Écart d'accessibilité gravitaire " + label);
    OutputColumn reach = column(stem + "_reach", Type::integer,
                                "Accès à " + label + " : +1 gagné, -1 perdu, 0 inchangé");
    for (std::size_t i = 0; i < demand.size(); ++i) {
      reach.push(reach_change(i < service.point_minutes.size() ? service.point_minutes[i] : 0.0));
      minutes.push(
          difference_value(i < service.point_minutes.size() ? service.point_minutes[i] : NAN));
      e2.push(difference_value(i < service.point_e2sfca.size() ? service.point_e2sfca[i] : NAN));
      gravity.push(
          difference_value(i < service.point_gravity.size() ? service.point_gravity[i] : NAN));
    }
    layer.columns.push_back(std::move(minutes));
    layer.columns.push_back(std::move(reach));
    layer.columns.push_back(std::move(e2));
    layer.columns.push_back(std::move(gravity));
  }
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
  OutputColumn type = column("service_type", Type::text, "Type de service");
  OutputColumn index = column("indicator", Type::text, "Indicateur");
  OutputColumn before = column("baseline", Type::real, "Référence");
  OutputColumn after = column("variant", Type::real, "Variante");
  OutputColumn change = column("change", Type::real, "Écart");
  const auto exact = exact_or_null;  // an index, unrounded
  for (const ServiceComparison& service : comparison.services) {
    const auto add = [&](const std::string& indicator, const IndexChange& value) {
      type.push_text(service.service_type);
      index.push_text(indicator);
      before.push(exact(value.before));
      after.push(exact(value.after));
      change.push(exact(value.change));
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
  layer.columns = {type, index, before, after, change};
  return layer;
}

OutputLayer facilities_diff(const RunOutcome& baseline, const RunOutcome& variant) {
  OutputLayer layer;
  layer.name = "facilities_diff";
  layer.geometry_type = "point";
  layer.description = "Facilities of both runs: added, removed, capacity changed or unchanged";
  OutputColumn id = column("id", Type::text, "Identifiant");
  OutputColumn name = column("name", Type::text, "Nom");
  OutputColumn type = column("service_type", Type::text, "Type de service");
  OutputColumn before = column("capacity_before", Type::real, "Capacité avant");
  OutputColumn after = column("capacity_after", Type::real, "Capacité après");
  OutputColumn change = column("change", Type::text, "Changement");
  std::map<std::string, const Facility*> old_by_id;
  for (const Facility& f : baseline.facilities) old_by_id[f.id] = &f;
  std::map<std::string, const Facility*> new_by_id;
  for (const Facility& f : variant.facilities) new_by_id[f.id] = &f;
  const auto add = [&](const Facility& f, const Facility* old, const Facility* now) {
    layer.geometries.push_back(geos_point(f.position.lon, f.position.lat));
    id.push_text(f.id);
    name.push_text(f.name);
    type.push_text(f.service_type);
    const auto places = [](const Facility* facility) -> std::optional<OutputColumn::Cell> {
      if (facility == nullptr || !facility->capacity_known) return std::nullopt;
      return finite_or_null(facility->capacity);
    };
    before.push(places(old));
    after.push(places(now));
    const bool resized = old != nullptr && now != nullptr &&
                         (old->capacity_known != now->capacity_known ||
                          (now->capacity_known && old->capacity != now->capacity));
    const char* what = old == nullptr   ? "added"
                       : now == nullptr ? "removed"
                       : resized        ? "capacity"
                                        : "unchanged";
    change.push_text(std::string(what));
  };
  for (const Facility& f : variant.facilities) {
    const auto old = old_by_id.find(f.id);
    add(f, old == old_by_id.end() ? nullptr : old->second, &f);
  }
  for (const Facility& f : baseline.facilities) {
    if (!new_by_id.contains(f.id)) add(f, &f, nullptr);
  }
  layer.columns = {id, name, type, before, after, change};
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
  OutputColumn key = column("key", Type::text, "Clé");
  OutputColumn value = column("value", Type::text, "Valeur");
  const auto add = [&](const std::string& k, const std::string& v) {
    key.push_text(k);
    value.push_text(v);
  };
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
  layer.columns = {key, value};
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
