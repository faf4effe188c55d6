#include "couverture/pipeline/isochrone_layers.hpp"

#include <cmath>
#include <limits>

#include "couverture/geodata/travel_direction.hpp"
#include "couverture/io/qml_style.hpp"
#include "couverture/pipeline/coverage_layers.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

// Semi-transparent fills: the bands of neighbouring facilities overlap.
constexpr std::uint8_t kIsochroneAlpha = 110;

double rounded(double value, double unit) { return std::round(value / unit) * unit; }

std::string band_label(const IsochroneFeature& feature) {
  return number_label(feature.from_minutes) + "–" + number_label(feature.minutes) + " min";
}

// The columns every isochrone feature carries, filled for `features`.
std::vector<OutputColumn> common_columns(const RunOutcome& outcome,
                                         std::span<const IsochroneFeature> features,
                                         std::span<const std::size_t> order) {
  OutputColumn service = column("service_type", OutputColumn::Type::text, "Type de service");
  OutputColumn mode = column("mode", OutputColumn::Type::text, "Mode de déplacement");
  OutputColumn direction = column("direction", OutputColumn::Type::text, "Sens du trajet");
  OutputColumn from = column("from_minutes", OutputColumn::Type::real, "Depuis (min)");
  OutputColumn minutes = column("minutes", OutputColumn::Type::real, "Jusqu'à (min)");
  OutputColumn band = column("band", OutputColumn::Type::text, "Temps de trajet");
  OutputColumn area = column("area_km2", OutputColumn::Type::real, "Surface (km²)");
  OutputColumn population =
      column("population", OutputColumn::Type::real, "Population dans la zone");
  OutputColumn reached = column("population_reached", OutputColumn::Type::real,
                                "Population à ce temps de trajet (marche d'accès comprise)");
  const std::string direction_name(to_string(outcome.scenario.network.access.direction));
  for (const std::size_t i : order) {
    const IsochroneFeature& feature = features[i];
    service.values.emplace_back(feature.service_type);
    mode.values.emplace_back(outcome.roads->profile);
    direction.values.emplace_back(direction_name);
    from.values.emplace_back(feature.from_minutes);
    minutes.values.emplace_back(feature.minutes);
    band.values.emplace_back(band_label(feature));
    area.values.emplace_back(rounded(feature.area_km2, 0.001));
    population.values.emplace_back(rounded(feature.population, 0.1));
    reached.values.emplace_back(rounded(feature.population_reached, 0.1));
  }
  return {service, mode, direction, from, minutes, band, area, population, reached};
}

// Feature indices in drawing order: within each facility or service, the
// largest threshold first so that the nearer bands are drawn on top of it.
std::vector<std::size_t> drawing_order(std::size_t feature_count, std::size_t per_group) {
  std::vector<std::size_t> order;
  order.reserve(feature_count);
  for (std::size_t start = 0; start < feature_count; start += per_group) {
    for (std::size_t k = per_group; k-- > 0;) order.push_back(start + k);
  }
  return order;
}

// The checks made on each band, as columns (rings carry their band's).
std::vector<OutputColumn> check_columns(std::span<const IsochroneFeature> features,
                                        std::span<const std::size_t> order) {
  using Type = OutputColumn::Type;
  OutputColumn guarantees = column("checks_ok", Type::integer, "Contrôles de qualité réussis");
  OutputColumn origin = column("origin_inside", Type::integer, "Origine incluse");
  OutputColumn valid = column("valid", Type::integer, "Géométrie valide");
  OutputColumn repaired = column("repaired", Type::integer, "Géométrie réparée");
  OutputColumn nested = column("nested", Type::integer, "Incluse dans le seuil suivant");
  OutputColumn outside =
      column("reachable_points_outside", Type::integer, "Points atteignables hors zone");
  OutputColumn near_road = column("reachable_points_near_edge", Type::integer,
                                  "Points atteignables hors zone à moins d'une maille du bord");
  OutputColumn checked =
      column("reachable_points_checked", Type::integer, "Points atteignables contrôlés");
  OutputColumn far =
      column("far_pct_inside", Type::real, "Points inaccessibles (> 1,5 T) dans la zone (%)");
  OutputColumn unreachable =
      column("unreachable_pct_inside", Type::real, "Points non atteints en T dans la zone (%)");
  OutputColumn demand =
      column("demand_points_checked", Type::integer, "Points de demande contrôlés");
  OutputColumn demand_near =
      column("demand_points_near_edge", Type::integer,
             "Points de demande du mauvais côté, à moins d'une maille du bord");
  OutputColumn misplaced = column("demand_points_misplaced", Type::integer,
                                  "Points de demande du mauvais côté, au-delà d'une maille");
  const auto flag = [](bool value) { return std::int64_t{value ? 1 : 0}; };
  const auto count = [](std::size_t value) { return static_cast<std::int64_t>(value); };
  for (const std::size_t i : order) {
    const IsochroneQuality& q = features[i].quality;
    guarantees.values.emplace_back(flag(q.guarantees_hold()));
    origin.values.emplace_back(flag(q.origin_inside));
    valid.values.emplace_back(flag(q.valid));
    repaired.values.emplace_back(flag(q.repaired));
    nested.values.emplace_back(flag(q.nested_in_next_band));
    outside.values.emplace_back(count(q.reachable_points_outside));
    near_road.values.emplace_back(count(q.reachable_points_near_boundary));
    checked.values.emplace_back(count(q.reachable_points_checked));
    far.values.emplace_back(rounded(100.0 * q.far_share_inside, 0.01));
    unreachable.values.emplace_back(rounded(100.0 * q.unreachable_share_inside, 0.01));
    demand.values.emplace_back(count(q.demand_points_checked));
    demand_near.values.emplace_back(count(q.demand_points_near_boundary));
    misplaced.values.emplace_back(count(q.demand_points_misplaced));
  }
  return {guarantees, origin, valid,       repaired, nested,      outside,  near_road,
          checked,    far,    unreachable, demand,   demand_near, misplaced};
}

OutputLayer facility_isochrones_layer(const RunOutcome& outcome) {
  const IsochroneOutcome& isochrones = outcome.isochrones;
  const std::vector<IsochroneFeature>& features = isochrones.per_facility;
  const std::vector<std::size_t> order =
      drawing_order(features.size(), isochrones.thresholds_minutes.size());
  OutputLayer layer;
  layer.name = "isochrones";
  layer.geometry_type = "multipolygon";
  layer.in_output_crs = true;
  layer.description =
      "Area within each travel time of each facility: contours of its travel-time surface, "
      "with the checks made on each polygon";
  OutputColumn id = column("facility_id", OutputColumn::Type::text, "Identifiant");
  OutputColumn name = column("facility_name", OutputColumn::Type::text, "Équipement");
  for (const std::size_t i : order) {
    const IsochroneFeature& feature = features[i];
    layer.geometries.push_back(geos_clone(*feature.area));
    const Facility& facility = outcome.facilities[feature.facility];
    id.values.emplace_back(facility.id);
    name.values.emplace_back(facility.name);
  }
  layer.columns = {id, name};
  for (OutputColumn& c : common_columns(outcome, features, order))
    layer.columns.push_back(std::move(c));
  for (OutputColumn& c : check_columns(features, order)) layer.columns.push_back(std::move(c));
  layer.style_qml = travel_time_style("minutes", GeometryKind::polygon,
                                      isochrones.thresholds_minutes, "", kIsochroneAlpha);
  return layer;
}

OutputLayer service_isochrones_layer(const RunOutcome& outcome) {
  const IsochroneOutcome& isochrones = outcome.isochrones;
  const std::vector<IsochroneFeature>& features = isochrones.by_service;
  const std::vector<std::size_t> order =
      drawing_order(features.size(), isochrones.thresholds_minutes.size());
  double total_population = 0.0;
  for (const Commune& commune : outcome.communes) total_population += commune.population;
  OutputLayer layer;
  layer.name = "service_isochrones";
  layer.geometry_type = "multipolygon";
  layer.in_output_crs = true;
  layer.description =
      "Territory within each travel time of the nearest facility of each service type: "
      "contours of the service's travel-time surface";
  OutputColumn share =
      column("population_pct", OutputColumn::Type::real, "Part de la population (%)");
  for (const std::size_t i : order) {
    const IsochroneFeature& feature = features[i];
    layer.geometries.push_back(geos_clone(*feature.area));
    share.values.push_back(total_population > 0.0
                               ? finite_or_null(100.0 * feature.population / total_population)
                               : std::nullopt);
  }
  layer.columns = common_columns(outcome, features, order);
  layer.columns.push_back(std::move(share));
  for (OutputColumn& c : check_columns(features, order)) layer.columns.push_back(std::move(c));
  layer.style_qml = travel_time_style("minutes", GeometryKind::polygon,
                                      isochrones.thresholds_minutes, "", kIsochroneAlpha);
  return layer;
}

}  // namespace

std::vector<OutputRaster> build_surface_rasters(const RunOutcome& outcome) {
  std::vector<OutputRaster> rasters;
  const IsochroneOutcome& isochrones = outcome.isochrones;
  if (!isochrones.computed) return rasters;
  const std::vector<double>& thresholds = isochrones.thresholds_minutes;
  std::vector<double> bounds(thresholds.begin(), thresholds.end());
  bounds.push_back(std::numeric_limits<double>::infinity());
  std::vector<std::string> labels;
  double previous = 0.0;
  for (const double t : thresholds) {
    labels.push_back(number_label(previous) + " – " + number_label(t) + " min");
    previous = t;
  }
  labels.push_back("> " + number_label(previous) + " min");
  const std::vector<Colour> colours = green_to_red(labels.size());
  const std::string style = raster_classes_style_qml(bounds, colours, labels);
  for (const ServiceSurface& surface : isochrones.surfaces) {
    OutputRaster raster;
    raster.name = "surface_" + service_column(surface.service_type);
    raster.description = "Travel time (minutes) to the nearest " + surface.service_type +
                         " from every place within " + number_label(isochrones.max_offroad_m) +
                         " m of a road (cells of " + number_label(isochrones.grid.cell_m) +
                         " m; no data beyond, or where no facility is reachable)";
    raster.min_x = isochrones.grid.min_x;
    raster.max_y = isochrones.grid.max_y;
    raster.cell_size = isochrones.grid.cell_m;
    raster.columns = isochrones.grid.columns;
    raster.rows = isochrones.grid.rows;
    raster.values = surface.minutes;
    raster.nodata = kNoSurfaceValue;
    raster.style_qml = style;
    rasters.push_back(std::move(raster));
  }
  return rasters;
}

std::vector<OutputLayer> build_isochrone_layers(const RunOutcome& outcome) {
  std::vector<OutputLayer> layers;
  if (!outcome.isochrones.computed) return layers;
  if (!outcome.isochrones.per_facility.empty())
    layers.push_back(facility_isochrones_layer(outcome));
  if (!outcome.isochrones.by_service.empty()) layers.push_back(service_isochrones_layer(outcome));
  return layers;
}

}  // namespace couverture::pipeline
