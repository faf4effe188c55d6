#include "couverture/pipeline/coverage_layers.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "accessibility_layers.hpp"
#include "couverture/io/file_digest.hpp"
#include "couverture/io/qml_style.hpp"
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
  OutputColumn code = column("code", OutputColumn::Type::text, "Code INSEE");
  OutputColumn name = column("name", OutputColumn::Type::text, "Commune");
  OutputColumn population = column("population", OutputColumn::Type::real, "Population");
  OutputColumn repaired =
      column("geometry_repaired", OutputColumn::Type::integer, "Géométrie réparée (MakeValid)");
  for (const Commune& commune : communes) {
    layer.geometries.push_back(geos_clone(*commune.boundary));
    code.values.emplace_back(commune.code);
    name.values.emplace_back(commune.name);
    population.values.emplace_back(commune.population);
    repaired.values.emplace_back(std::int64_t{commune.repaired ? 1 : 0});
  }
  layer.columns = {code, name, population, repaired};
  for (const ServiceCoverage& service : outcome.coverage.services) {
    const std::string stem = service_column(service.service_type);
    OutputColumn mean = column(stem + "_mean_min", OutputColumn::Type::real,
                               "Temps moyen vers " + service.service_type + " (min)");
    OutputColumn max = column(stem + "_max_min", OutputColumn::Type::real,
                              "Temps maximal vers " + service.service_type + " (min)");
    OutputColumn unreachable = column(stem + "_pop_unreachable", OutputColumn::Type::real,
                                      "Population sans accès routier à " + service.service_type);
    std::vector<OutputColumn> shares;
    for (double minutes : thresholds) {
      shares.push_back(column(stem + "_pct_within_" + number_field(minutes) + "min",
                              OutputColumn::Type::real,
                              "Population à " + number_label(minutes) + " min ou moins de " +
                                  service.service_type + " (%)"));
    }
    for (const GroupAccessibility& group : service.by_commune) {
      const bool any = group.reachable_weight > 0.0;
      mean.values.push_back(any ? finite_or_null(group.mean) : std::nullopt);
      max.values.push_back(any ? finite_or_null(group.max) : std::nullopt);
      unreachable.values.emplace_back(group.weight - group.reachable_weight);
      for (std::size_t t = 0; t < thresholds.size(); ++t) {
        shares[t].values.push_back(finite_or_null(100.0 * group.share_within[t]));
      }
    }
    layer.columns.push_back(std::move(mean));
    layer.columns.push_back(std::move(max));
    for (OutputColumn& share : shares) layer.columns.push_back(std::move(share));
    layer.columns.push_back(std::move(unreachable));
  }
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
  OutputColumn id = column("id", OutputColumn::Type::text, "Identifiant");
  OutputColumn name = column("name", OutputColumn::Type::text, "Nom");
  OutputColumn type = column("service_type", OutputColumn::Type::text, "Type de service");
  OutputColumn capacity = column("capacity", OutputColumn::Type::real, "Capacité (places)");
  OutputColumn commune = column("commune_code", OutputColumn::Type::text, "Commune");
  OutputColumn snap_lon = column("snap_lon", OutputColumn::Type::real, "Longitude sur le réseau");
  OutputColumn snap_lat = column("snap_lat", OutputColumn::Type::real, "Latitude sur le réseau");
  OutputColumn snap_distance =
      column("snap_distance_m", OutputColumn::Type::real, "Distance à la route (m)");
  std::vector<StyleCategory> categories;
  // ColorBrewer Set1: distinct hues for up to 8 service types.
  static const std::vector<Colour> kPalette = {{228, 26, 28},   {55, 126, 184}, {77, 175, 74},
                                               {152, 78, 163},  {255, 127, 0},  {166, 86, 40},
                                               {247, 129, 191}, {153, 153, 153}};
  for (std::size_t f = 0; f < outcome.facilities.size(); ++f) {
    const Facility& facility = outcome.facilities[f];
    const NetworkPosition& position = outcome.coverage.facility_positions[f];
    layer.geometries.push_back(geos_point(facility.position.lon, facility.position.lat));
    id.values.emplace_back(facility.id);
    name.values.emplace_back(facility.name);
    type.values.emplace_back(facility.service_type);
    if (facility.capacity_known) {
      capacity.values.emplace_back(facility.capacity);
    } else {
      capacity.values.emplace_back(std::nullopt);
    }
    commune.values.emplace_back(outcome.communes[outcome.coverage.facility_commune[f]].code);
    snap_lon.values.emplace_back(position.point.lon);
    snap_lat.values.emplace_back(position.point.lat);
    snap_distance.values.emplace_back(std::round(position.distance_m * 10.0) / 10.0);
  }
  for (const ServiceCoverage& service : outcome.coverage.services) {
    categories.push_back({service.service_type, service.service_type,
                          kPalette[categories.size() % kPalette.size()]});
  }
  layer.columns = {id, name, type, capacity, commune, snap_lon, snap_lat, snap_distance};
  layer.style_qml = categorized_style_qml("service_type", GeometryKind::point, categories, "name");
  return layer;
}

OutputLayer facility_access_layer(const RunOutcome& outcome) {
  OutputLayer layer;
  layer.name = "facility_access";
  layer.geometry_type = "linestring";
  layer.description = "The walk from each facility to the point where it joins the road network";
  OutputColumn id = column("facility_id", OutputColumn::Type::text, "Identifiant");
  OutputColumn distance = column("distance_m", OutputColumn::Type::real, "Distance (m)");
  for (std::size_t f = 0; f < outcome.facilities.size(); ++f) {
    const LonLat from = outcome.facilities[f].position;
    const NetworkPosition& position = outcome.coverage.facility_positions[f];
    std::ostringstream wkt;
    wkt.precision(10);
    wkt << "LINESTRING(" << from.lon << ' ' << from.lat << ", " << position.point.lon << ' '
        << position.point.lat << ')';
    layer.geometries.push_back(geos_from_wkt(wkt.str()));
    id.values.emplace_back(outcome.facilities[f].id);
    distance.values.emplace_back(std::round(position.distance_m * 10.0) / 10.0);
  }
  layer.columns = {id, distance};
  layer.style_qml = single_symbol_style_qml(GeometryKind::line, {85, 85, 85}, {85, 85, 85});
  return layer;
}

OutputLayer demand_points_layer(const RunOutcome& outcome) {
  const CoverageResult& coverage = outcome.coverage;
  OutputLayer layer;
  layer.name = "demand_points";
  layer.geometry_type = "point";
  layer.description = "Points carrying the population, with the travel time to each service";
  OutputColumn commune = column("commune_code", OutputColumn::Type::text, "Commune");
  OutputColumn population = column("population", OutputColumn::Type::real, "Population");
  OutputColumn snap_distance =
      column("snap_distance_m", OutputColumn::Type::real, "Distance à la route (m)");
  for (std::size_t i = 0; i < coverage.demand.size(); ++i) {
    const DemandPoint& point = coverage.demand[i];
    layer.geometries.push_back(geos_point(point.position.lon, point.position.lat));
    commune.values.emplace_back(outcome.communes[point.commune].code);
    // Unrounded: per commune, the points must add up to the population.
    population.values.emplace_back(point.population);
    snap_distance.values.emplace_back(std::round(coverage.demand_positions[i].distance_m * 10.0) /
                                      10.0);
  }
  layer.columns = {commune, population, snap_distance};
  for (const ServiceCoverage& service : coverage.services) {
    const std::string stem = service_column(service.service_type);
    OutputColumn minutes = column(stem + "_min", OutputColumn::Type::real,
                                  "Temps vers " + service.service_type + " (min)");
    OutputColumn nearest = column(stem + "_nearest", OutputColumn::Type::text,
                                  service.service_type + " le plus proche");
    for (std::size_t i = 0; i < coverage.demand.size(); ++i) {
      minutes.values.push_back(finite_or_null(service.demand_minutes[i]));
      const std::uint32_t f = service.demand_nearest[i];
      if (f == kInvalidId) {
        nearest.values.emplace_back(std::nullopt);
      } else {
        nearest.values.emplace_back(outcome.facilities[f].id);
      }
    }
    layer.columns.push_back(std::move(minutes));
    layer.columns.push_back(std::move(nearest));
  }
  if (!coverage.services.empty()) {
    layer.style_qml =
        travel_time_style(service_column(primary_service(coverage).service_type) + "_min",
                          GeometryKind::point, outcome.scenario.analysis.thresholds_minutes, "");
  }
  return layer;
}

OutputLayer run_info_layer(const RunOutcome& outcome) {
  OutputLayer layer;
  layer.name = "run_info";
  layer.geometry_type = "none";
  layer.description =
      "How this file was made: scenario, inputs and their SHA-256, versions, "
      "parameters, timings";
  OutputColumn key = column("key", OutputColumn::Type::text, "Clé");
  OutputColumn value = column("value", OutputColumn::Type::text, "Valeur");
  const auto add = [&](const std::string& k, const std::string& v) {
    key.values.emplace_back(k);
    value.values.emplace_back(v);
  };
  const Scenario& scenario = outcome.scenario;
  add("scenario_name", scenario.name);
  if (!scenario.note.empty()) add("note", scenario.note);
  const auto add_file = [&](const std::string& role, const std::filesystem::path& path) {
    add(role + "_file", path.string());
    add(role + "_sha256", sha256_file(path));
  };
  add_file("scenario", scenario.file);
  add_file("communes", scenario.communes.path);
  if (scenario.communes.population_table) {
    add_file("population_table", scenario.communes.population_table->path);
  }
  add_file("facilities", scenario.facilities.path);
  add_file("network", scenario.network.path);
  std::istringstream versions(version_text());
  for (std::string line; std::getline(versions, line);) {
    const auto space = line.find(' ');
    add("version_" + line.substr(0, space), line.substr(space + 1));
  }
  std::ostringstream thresholds;
  for (double t : scenario.analysis.thresholds_minutes) {
    thresholds << (thresholds.tellp() > 0 ? ", " : "") << t;
  }
  add("thresholds_minutes", thresholds.str());
  add("profile", std::string(to_string(scenario.network.profile)));
  add("access_speed_kmh", number_label(scenario.network.access.access_speed_kmh));
  add("max_snap_distance_m", number_label(scenario.network.access.max_snap_distance_m));
  for (std::size_t c = 0; c < outcome.demand_sources.size(); ++c) {
    add("demand_source: " + outcome.communes[c].code + " " + outcome.communes[c].name,
        std::string(to_string(outcome.demand_sources[c])) +
            (outcome.communes[c].bands_estimated ? ", age bands estimated from shares"
                                                 : ", age bands from data"));
  }
  add("demand_model",
      "source " + std::string(to_string(scenario.demand.source)) +
          " (insee_grid, then buildings, then residential "
          "landuse, then a regular grid of spacing " +
          number_label(scenario.analysis.demand_spacing_m) + " m); buildings gathered in " +
          number_label(scenario.demand.building_cell_m) + " m cells, footprints under " +
          number_label(scenario.demand.min_building_m2) + " m² left out");
  if (scenario.demand.age_table) add_file("age_table", scenario.demand.age_table->path);
  if (!scenario.demand.insee_grid.empty()) add_file("insee_grid", scenario.demand.insee_grid);
  std::ostringstream shares;
  for (AgeBand band : kAgeBands) {
    shares << (shares.tellp() > 0 ? ", " : "") << to_string(band) << " "
           << scenario.demand.band_shares[index_of(band)];
  }
  add("age_band_shares", shares.str());
  for (const ServiceAccessibility& service : outcome.accessibility) {
    add("target_" + service.service_type, service.target.to_string());
  }
  const AccessibilitySettings& access = scenario.accessibility;
  add("catchment_minutes", number_label(access.catchment_minutes));
  add("e2sfca_decay", std::string(to_string(access.decay)));
  add("gravity_beta_per_minute", number_label(access.gravity_beta_per_minute));
  add("tension", "slower than " + number_label(scenario.tension.max_minutes) + " min or under " +
                     number_label(scenario.tension.min_places_per_100) +
                     " places per 100 (E2SFCA)");
  for (const auto& [k, v] : supply_run_info(outcome)) add(k, v);
  for (const auto& [k, v] : groups_run_info(outcome)) add(k, v);
  add("equity_measure", std::string(to_string(scenario.equity.measure)));
  add("privacy",
      scenario.privacy.mask_small_counts
          ? "counts under " + number_label(scenario.privacy.threshold) + " masked in demand_points"
          : "no masking");
  add("travel_direction",
      scenario.network.access.direction == TravelDirection::to_facility
          ? "to_facility: from each demand point to the nearest facility (inbound)"
          : "from_facility: from the nearest facility out to each demand point (outbound)");
  if (!scenario.network.dem.empty()) add_file("dem", scenario.network.dem);
  for (const auto& [road_class, kmh] : scenario.network.speeds_kmh) {
    add("speed_kmh_" + road_class, number_label(kmh));
  }
  for (const std::string& rule : scenario.network.access_permit) add("access_permit", rule);
  for (const std::string& rule : scenario.network.access_forbid) add("access_forbid", rule);
  if (outcome.isochrones.computed) {
    const IsochroneOutcome& iso = outcome.isochrones;
    add("isochrones",
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
  add("output_crs", scenario.output.crs);
  add("road_network", std::to_string(outcome.roads->node_count()) + " nodes, " +
                          std::to_string(outcome.roads->arc_count()) + " arcs, from " +
                          outcome.roads->source_description);
  for (const auto& [stage, seconds] : outcome.timings) {
    std::ostringstream text;
    text.precision(3);
    text << std::fixed << seconds;
    add("time_s: " + stage, text.str());
  }
  for (std::size_t i = 0; i < outcome.warnings.size(); ++i) {
    add("warning_" + std::to_string(i + 1), outcome.warnings[i]);
  }
  add("licence", "road data read from OpenStreetMap: © OpenStreetMap contributors, ODbL 1.0");
  layer.columns = {key, value};
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

std::string service_column(const std::string& service_type) {
  std::string stem;
  for (char c : service_type) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep)
      stem += c;
    else if (c >= 'A' && c <= 'Z')
      stem += static_cast<char>(c - 'A' + 'a');
    else
      stem += '_';
  }
  return stem.empty() ? "service" : stem;
}

}  // namespace couverture::pipeline
