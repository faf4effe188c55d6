#include "couverture/pipeline/coverage_layers.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "accessibility_layers.hpp"
#include "couverture/io/file_digest.hpp"
#include "couverture/io/qml_style.hpp"
#include "couverture/pipeline/column_builder.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "couverture/pipeline/version_text.hpp"
#include "layer_columns.hpp"
#include "priority_group_layers.hpp"
#include "supply_layers.hpp"

namespace couverture::pipeline {

namespace {

// The service styled by default: crèches first, since the CTG question is
// about them, otherwise the first type.
const ServiceCoverage& primary_service(const CoverageResult& coverage) {
  for (const ServiceCoverage& service : coverage.services) {
    if (service.service_type == "eaje") return service;
  }
  return coverage.services.front();
}

OutputLayer communes_layer(const RunOutcome& outcome) {
  const auto& communes = outcome.communes;
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
  OutputLayer layer;
  layer.name = "communes";
  layer.geometry_type = "multipolygon";
  layer.description = "Communes with the population-weighted travel time to each service";
  for (const Commune& commune : communes) layer.geometries.push_back(geos_clone(*commune.boundary));
  ColumnBuilder table(communes.size());
  table.text({"code", "Code INSEE"}, [&](std::size_t c) { return communes[c].code; })
      .text({"name", "Commune"}, [&](std::size_t c) { return communes[c].name; })
      .real({"population", "Population", "personnes"}, Real::as_given,
            [&](std::size_t c) { return communes[c].population; })
      .integer({"geometry_repaired", "Géométrie réparée (MakeValid)", "0/1",
                "1 when the boundary was invalid and repaired with MakeValid"},
               [&](std::size_t c) { return communes[c].repaired ? 1 : 0; });
  for (const ServiceCoverage& service : outcome.coverage.services) {
    const std::string stem = service_column(service.service_type);
    const auto& by_commune = service.by_commune;
    // NULL for a commune nobody of which reaches the service.
    const auto reached = [&](std::size_t c, double value) -> std::optional<double> {
      if (!(by_commune[c].reachable_weight > 0.0)) return std::nullopt;
      return value;
    };
    table.real({stem + "_mean_min", "Temps moyen vers " + service.service_type + " (min)", "min",
                "Population-weighted mean travel time to the nearest facility"},
               Real::hundredths, [&](std::size_t c) { return reached(c, by_commune[c].mean); });
    table.real({stem + "_max_min", "Temps maximal vers " + service.service_type + " (min)", "min"},
               Real::hundredths, [&](std::size_t c) { return reached(c, by_commune[c].max); });
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
      table.real({stem + "_pct_within_" + number_field(thresholds[t]) + "min",
                  "Population à " + number_label(thresholds[t]) + " min ou moins de " +
                      service.service_type + " (%)",
                  "%"},
                 Real::hundredths,
                 [&](std::size_t c) { return 100.0 * by_commune[c].share_within[t]; });
    }
    table.real({stem + "_pop_unreachable",
                "Population sans accès routier à " + service.service_type, "personnes"},
               Real::as_given, [&](std::size_t c) {
                 return by_commune[c].weight - by_commune[c].reachable_weight;
               });
  }
  layer.columns = table.take();
  if (!outcome.coverage.services.empty()) {
    layer.style_qml = travel_time_style(
        service_column(primary_service(outcome.coverage).service_type) + "_mean_min",
        GeometryKind::polygon, thresholds, "name");
  }
  return layer;
}

OutputLayer facilities_layer(const RunOutcome& outcome) {
  OutputLayer layer;
  layer.name = "facilities";
  layer.geometry_type = "point";
  layer.description = "Facilities as given, with their position on the road network";
  const auto& facilities = outcome.facilities;
  const auto& positions = outcome.coverage.facility_positions;
  for (const Facility& facility : facilities) {
    layer.geometries.push_back(geos_point(facility.position.lon, facility.position.lat));
  }
  ColumnBuilder table(facilities.size());
  table.text({"id", "Identifiant"}, [&](std::size_t f) { return facilities[f].id; })
      .text({"name", "Nom"}, [&](std::size_t f) { return facilities[f].name; })
      .text({"service_type", "Type de service"},
            [&](std::size_t f) { return facilities[f].service_type; })
      .real({"capacity", "Capacité (places)", "places"}, Real::as_given,
            [&](std::size_t f) -> std::optional<double> {
              if (!facilities[f].capacity_known) return std::nullopt;
              return facilities[f].capacity;
            })
      .text({"commune_code", "Commune", "", "INSEE code of the commune the facility stands in"},
            [&](std::size_t f) {
              return outcome.communes[outcome.coverage.facility_commune[f]].code;
            })
      .real({"snap_lon", "Longitude sur le réseau", "degrés"}, Real::as_given,
            [&](std::size_t f) { return positions[f].point.lon; })
      .real({"snap_lat", "Latitude sur le réseau", "degrés"}, Real::as_given,
            [&](std::size_t f) { return positions[f].point.lat; })
      .real({"snap_distance_m", "Distance à la route (m)", "m"}, Real::tenths,
            [&](std::size_t f) { return positions[f].distance_m; });
  layer.columns = table.take();
  std::vector<StyleCategory> categories;
  // ColorBrewer Set1: distinct hues for up to 8 service types.
  static const std::vector<Colour> kPalette = {{228, 26, 28},   {55, 126, 184}, {77, 175, 74},
                                               {152, 78, 163},  {255, 127, 0},  {166, 86, 40},
                                               {247, 129, 191}, {153, 153, 153}};
  for (const ServiceCoverage& service : outcome.coverage.services) {
    categories.push_back({service.service_type, service.service_type,
                          kPalette[categories.size() % kPalette.size()]});
  }
  layer.style_qml = categorized_style_qml("service_type", GeometryKind::point, categories, "name");
  return layer;
}

OutputLayer facility_access_layer(const RunOutcome& outcome) {
  OutputLayer layer;
  layer.name = "facility_access";
  layer.geometry_type = "linestring";
  layer.description = "The walk from each facility to the point where it joins the road network";
  for (std::size_t f = 0; f < outcome.facilities.size(); ++f) {
    const LonLat from = outcome.facilities[f].position;
    const NetworkPosition& position = outcome.coverage.facility_positions[f];
    std::ostringstream wkt;
    wkt.precision(10);
    wkt << "LINESTRING(" << from.lon << ' ' << from.lat << ", " << position.point.lon << ' '
        << position.point.lat << ')';
    layer.geometries.push_back(geos_from_wkt(wkt.str()));
  }
  ColumnBuilder table(outcome.facilities.size());
  table
      .text({"facility_id", "Identifiant"}, [&](std::size_t f) { return outcome.facilities[f].id; })
      .real({"distance_m", "Distance (m)", "m"}, Real::tenths,
            [&](std::size_t f) { return outcome.coverage.facility_positions[f].distance_m; });
  layer.columns = table.take();
  layer.style_qml = single_symbol_style_qml(GeometryKind::line, {85, 85, 85}, {85, 85, 85});
  return layer;
}

OutputLayer demand_points_layer(const RunOutcome& outcome) {
  const CoverageResult& coverage = outcome.coverage;
  OutputLayer layer;
  layer.name = "demand_points";
  layer.geometry_type = "point";
  layer.description = "Points carrying the population, with the travel time to each service";
  const auto& demand = coverage.demand;
  // Coordinates, not a GEOS point each (10⁶ of them); codes and facility
  // ids as indices into their lists: the table is the run's largest.
  layer.points.reserve(demand.size());
  for (const DemandPoint& point : demand) layer.points.push_back(point.position);
  std::vector<std::string> commune_codes;
  commune_codes.reserve(outcome.communes.size());
  for (const Commune& commune : outcome.communes) commune_codes.push_back(commune.code);
  std::vector<std::string> facility_ids;
  facility_ids.reserve(outcome.facilities.size());
  for (const Facility& facility : outcome.facilities) facility_ids.push_back(facility.id);
  ColumnBuilder table(demand.size());
  table
      .labelled_text({"commune_code", "Commune"}, std::move(commune_codes),
                     [&](std::size_t i) { return demand[i].commune; })
      // Unrounded: per commune, the points must add up to the population.
      .real({"population", "Population", "personnes"}, Real::as_given,
            [&](std::size_t i) { return demand[i].population; })
      .real({"snap_distance_m", "Distance à la route (m)", "m"}, Real::tenths,
            [&](std::size_t i) { return coverage.demand_positions[i].distance_m; });
  for (const ServiceCoverage& service : coverage.services) {
    const std::string stem = service_column(service.service_type);
    table.real({stem + "_min", "Temps vers " + service.service_type + " (min)", "min"},
               Real::hundredths, [&](std::size_t i) { return service.demand_minutes[i]; });
    table.labelled_text({stem + "_nearest", service.service_type + " le plus proche", "",
                         "Identifier of the nearest facility"},
                        facility_ids, [&](std::size_t i) -> std::optional<std::uint32_t> {
                          const std::uint32_t f = service.demand_nearest[i];
                          if (f == kInvalidId) return std::nullopt;
                          return f;
                        });
  }
  layer.columns = table.take();
  if (!coverage.services.empty()) {
    layer.style_qml =
        travel_time_style(service_column(primary_service(coverage).service_type) + "_min",
                          GeometryKind::point, outcome.scenario.analysis.thresholds_minutes, "");
  }
  return layer;
}

// run_info's rows, in the order they are written.
struct RunInfoRows {
  std::vector<std::pair<std::string, std::string>> rows;
  void add(std::string key, std::string value) {
    rows.emplace_back(std::move(key), std::move(value));
  }
  // A file's path and its SHA-256.
  void add_file(const std::string& role, const std::filesystem::path& path) {
    add(role + "_file", path.string());
    add(role + "_sha256", sha256_file(path));
  }
};

// The scenario and its main inputs.
void add_inputs(const RunOutcome& outcome, RunInfoRows& info) {
  const Scenario& scenario = outcome.scenario;
  info.add("scenario_name", scenario.name);
  if (!scenario.note.empty()) info.add("note", scenario.note);
  info.add_file("scenario", scenario.file);
  info.add_file("communes", scenario.communes.path);
  if (scenario.communes.population_table) {
    info.add_file("population_table", scenario.communes.population_table->path);
  }
  info.add_file("facilities", scenario.facilities.path);
  info.add_file("network", scenario.network.path);
}

// The versions of couverture and its libraries.
void add_versions(RunInfoRows& info) {
  std::istringstream versions(version_text());
  for (std::string line; std::getline(versions, line);) {
    const auto space = line.find(' ');
    info.add("version_" + line.substr(0, space), line.substr(space + 1));
  }
}

// Thresholds, profile and the walk to the road.
void add_travel_parameters(const RunOutcome& outcome, RunInfoRows& info) {
  const Scenario& scenario = outcome.scenario;
  std::ostringstream thresholds;
  for (double t : scenario.analysis.thresholds_minutes) {
    thresholds << (thresholds.tellp() > 0 ? ", " : "") << t;
  }
  info.add("thresholds_minutes", thresholds.str());
  info.add("profile", std::string(to_string(scenario.network.profile)));
  info.add("access_speed_kmh", number_label(scenario.network.access.access_speed_kmh));
  info.add("max_snap_distance_m", number_label(scenario.network.access.max_snap_distance_m));
}

// Where people were placed, and their ages.
void add_demand(const RunOutcome& outcome, RunInfoRows& info) {
  const Scenario& scenario = outcome.scenario;
  for (std::size_t c = 0; c < outcome.demand_sources.size(); ++c) {
    info.add("demand_source: " + outcome.communes[c].code + " " + outcome.communes[c].name,
             std::string(to_string(outcome.demand_sources[c])) +
                 (outcome.communes[c].bands_estimated ? ", age bands estimated from shares"
                                                      : ", age bands from data"));
  }
  info.add("demand_model",
           "source " + std::string(to_string(scenario.demand.source)) +
               " (insee_grid, then buildings, then residential "
               "landuse, then a regular grid of spacing " +
               number_label(scenario.analysis.demand_spacing_m) + " m); buildings gathered in " +
               number_label(scenario.demand.building_cell_m) + " m cells, footprints under " +
               number_label(scenario.demand.min_building_m2) + " m² left out");
  if (scenario.demand.age_table) info.add_file("age_table", scenario.demand.age_table->path);
  if (!scenario.demand.insee_grid.empty()) info.add_file("insee_grid", scenario.demand.insee_grid);
  std::ostringstream shares;
  for (AgeBand band : kAgeBands) {
    shares << (shares.tellp() > 0 ? ", " : "") << to_string(band) << " "
           << scenario.demand.band_shares[index_of(band)];
  }
  info.add("age_band_shares", shares.str());
}

// Targets, catchment, tension, supply, groups, equity and privacy.
void add_accessibility(const RunOutcome& outcome, RunInfoRows& info) {
  const Scenario& scenario = outcome.scenario;
  for (const ServiceAccessibility& service : outcome.accessibility) {
    info.add("target_" + service.service_type, service.target.to_string());
  }
  const AccessibilitySettings& access = scenario.accessibility;
  info.add("catchment_minutes", number_label(access.catchment_minutes));
  info.add("e2sfca_decay", std::string(to_string(access.decay)));
  info.add("gravity_beta_per_minute", number_label(access.gravity_beta_per_minute));
  info.add("tension", "slower than " + number_label(scenario.tension.max_minutes) +
                          " min or under " + number_label(scenario.tension.min_places_per_100) +
                          " places per 100 (E2SFCA)");
  for (const auto& [k, v] : supply_run_info(outcome)) info.add(k, v);
  for (const auto& [k, v] : groups_run_info(outcome)) info.add(k, v);
  info.add("equity_measure", std::string(to_string(scenario.equity.measure)));
  info.add("privacy", scenario.privacy.mask_small_counts
                          ? "counts under " + number_label(scenario.privacy.threshold) +
                                " masked in demand_points"
                          : "no masking");
}

// Direction, elevation model, speeds and access rules.
void add_network_rules(const RunOutcome& outcome, RunInfoRows& info) {
  const Scenario& scenario = outcome.scenario;
  info.add("travel_direction",
           scenario.network.access.direction == TravelDirection::to_facility
               ? "to_facility: from each demand point to the nearest facility (inbound)"
               : "from_facility: from the nearest facility out to each demand point (outbound)");
  if (!scenario.network.dem.empty()) info.add_file("dem", scenario.network.dem);
  for (const auto& [road_class, kmh] : scenario.network.speeds_kmh) {
    info.add("speed_kmh_" + road_class, number_label(kmh));
  }
  for (const std::string& rule : scenario.network.access_permit) info.add("access_permit", rule);
  for (const std::string& rule : scenario.network.access_forbid) info.add("access_forbid", rule);
}

// How the isochrones were drawn and checked.
void add_isochrones(const RunOutcome& outcome, RunInfoRows& info) {
  const Scenario& scenario = outcome.scenario;
  if (outcome.isochrones.computed) {
    const IsochroneOutcome& iso = outcome.isochrones;
    info.add(
        "isochrones",
        std::string(to_string(scenario.isochrones.form)) +
            ": contours of a travel-time surface of " + number_label(iso.grid.cell_m) +
            " m cells in " + scenario.output.crs +
            ", each cell timed like a demand point at its centre; cells farther than " +
            number_label(iso.max_offroad_m) + " m from a road have no time (" +
            std::to_string(iso.cells_placed) + " of " + std::to_string(iso.grid.cell_count()) +
            " cells timed; " + number_label(std::round(iso.population_off_surface)) +
            " people off the surface); " + std::to_string(iso.bands_with_guarantees) + " of " +
            std::to_string(iso.bands_checked) +
            " bands pass every check (origin inside, valid, nested, reachable road points "
            "inside, demand points on the side their time says beyond one cell of the edge); " +
            std::to_string(iso.polygons_repaired) + " polygons repaired");
  }
}

// The output CRS, the graph, timings, warnings and licence.
void add_run(const RunOutcome& outcome, RunInfoRows& info) {
  const Scenario& scenario = outcome.scenario;
  info.add("output_crs", scenario.output.crs);
  info.add("road_network", std::to_string(outcome.roads->node_count()) + " nodes, " +
                               std::to_string(outcome.roads->arc_count()) + " arcs, from " +
                               outcome.roads->source_description);
  for (const auto& [stage, seconds] : outcome.timings) {
    std::ostringstream text;
    text.precision(3);
    text << std::fixed << seconds;
    info.add("time_s: " + stage, text.str());
  }
  for (std::size_t i = 0; i < outcome.warnings.size(); ++i) {
    info.add("warning_" + std::to_string(i + 1), outcome.warnings[i]);
  }
  info.add("licence", "road data read from OpenStreetMap: © OpenStreetMap contributors, ODbL 1.0");
}

OutputLayer run_info_layer(const RunOutcome& outcome) {
  OutputLayer layer;
  layer.name = "run_info";
  layer.geometry_type = "none";
  layer.description =
      "How this file was made: scenario, inputs and their SHA-256, versions, "
      "parameters, timings";
  RunInfoRows info;
  add_inputs(outcome, info);
  add_versions(info);
  add_travel_parameters(outcome, info);
  add_demand(outcome, info);
  add_accessibility(outcome, info);
  add_network_rules(outcome, info);
  add_isochrones(outcome, info);
  add_run(outcome, info);
  layer.columns = key_value_columns(info.rows);
  return layer;
}

}  // namespace

std::vector<OutputLayer> build_coverage_layers(const RunOutcome& outcome) {
  std::vector<OutputLayer> layers;
  layers.push_back(communes_layer(outcome));
  add_commune_accessibility_columns(outcome, layers.back());
  add_commune_supply_columns(outcome, layers.back());
  add_commune_group_columns(outcome, layers.back());
  layers.push_back(facilities_layer(outcome));
  layers.push_back(facility_access_layer(outcome));
  layers.push_back(demand_points_layer(outcome));
  add_demand_point_accessibility_columns(outcome, layers.back());
  add_demand_point_supply_columns(outcome, layers.back());
  layers.push_back(run_info_layer(outcome));
  for (OutputLayer& layer : build_priority_group_layers(outcome))
    layers.push_back(std::move(layer));
  return layers;
}

std::vector<OutputLayer> build_facility_layers(const RunOutcome& outcome) {
  std::vector<OutputLayer> layers;
  layers.push_back(facilities_layer(outcome));
  layers.push_back(facility_access_layer(outcome));
  layers.push_back(run_info_layer(outcome));
  return layers;
}

}  // namespace couverture::pipeline
