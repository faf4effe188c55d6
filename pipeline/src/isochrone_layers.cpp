#include "couverture/pipeline/isochrone_layers.hpp"

#include <cmath>
#include <limits>

#include "couverture/geodata/travel_direction.hpp"
#include "couverture/io/qml_style.hpp"
#include "couverture/pipeline/column_builder.hpp"
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
  const auto feature = [&](std::size_t k) -> const IsochroneFeature& { return features[order[k]]; };
  const std::string direction_name(to_string(outcome.scenario.network.access.direction));
  ColumnBuilder table(order.size());
  table
      .text({"service_type", "Type de service"},
            [&](std::size_t k) { return feature(k).service_type; })
      .text({"mode", "Mode de déplacement"}, [&](std::size_t) { return outcome.roads->profile; })
      .text({"direction", "Sens du trajet"}, [&](std::size_t) { return direction_name; })
      .real({"from_minutes", "Depuis (min)", "min"}, Real::as_given,
            [&](std::size_t k) { return feature(k).from_minutes; })
      .real({"minutes", "Jusqu'à (min)", "min"}, Real::as_given,
            [&](std::size_t k) { return feature(k).minutes; })
      .text({"band", "Temps de trajet"}, [&](std::size_t k) { return band_label(feature(k)); })
      .real({"area_km2", "Surface (km²)", "km²"}, Real::as_given,
            [&](std::size_t k) { return rounded(feature(k).area_km2, 0.001); })
      .real({"population", "Population dans la zone", "personnes"}, Real::as_given,
            [&](std::size_t k) { return rounded(feature(k).population, 0.1); })
      .real({"population_reached", "Population à ce temps de trajet (marche d'accès comprise)",
             "personnes"},
            Real::as_given,
            [&](std::size_t k) { return rounded(feature(k).population_reached, 0.1); });
  return table.take();
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
  const auto quality = [&](std::size_t k) -> const IsochroneQuality& {
    return features[order[k]].quality;
  };
  ColumnBuilder table(order.size());
  const auto flag = [&](std::string name, std::string label, bool IsochroneQuality::*member) {
    table.integer({std::move(name), std::move(label), "0/1"},
                  [&](std::size_t k) { return quality(k).*member ? 1 : 0; });
  };
  const auto count = [&](std::string name, std::string label,
                         std::size_t IsochroneQuality::*member) {
    table.integer({std::move(name), std::move(label), "points"},
                  [&](std::size_t k) { return quality(k).*member; });
  };
  const auto percent = [&](std::string name, std::string label, double IsochroneQuality::*member) {
    table.real({std::move(name), std::move(label), "%"}, Real::as_given,
               [&](std::size_t k) { return rounded(100.0 * (quality(k).*member), 0.01); });
  };
  table.integer({"checks_ok", "Contrôles de qualité réussis", "0/1"},
                [&](std::size_t k) { return quality(k).guarantees_hold() ? 1 : 0; });
  flag("origin_inside", "Origine incluse", &IsochroneQuality::origin_inside);
  flag("valid", "Géométrie valide", &IsochroneQuality::valid);
  flag("repaired", "Géométrie réparée", &IsochroneQuality::repaired);
  flag("nested", "Incluse dans le seuil suivant", &IsochroneQuality::nested_in_next_band);
  count("reachable_points_outside", "Points atteignables hors zone",
        &IsochroneQuality::reachable_points_outside);
  count("reachable_points_near_edge", "Points atteignables hors zone à moins d'une maille du bord",
        &IsochroneQuality::reachable_points_near_boundary);
  count("reachable_points_checked", "Points atteignables contrôlés",
        &IsochroneQuality::reachable_points_checked);
  percent("far_pct_inside", "Points inaccessibles (> 1,5 T) dans la zone (%)",
          &IsochroneQuality::far_share_inside);
  percent("unreachable_pct_inside", "Points non atteints en T dans la zone (%)",
          &IsochroneQuality::unreachable_share_inside);
  count("demand_points_checked", "Points de demande contrôlés",
        &IsochroneQuality::demand_points_checked);
  count("demand_points_near_edge",
        "Points de demande du mauvais côté, à moins d'une maille du bord",
        &IsochroneQuality::demand_points_near_boundary);
  count("demand_points_misplaced", "Points de demande du mauvais côté, au-delà d'une maille",
        &IsochroneQuality::demand_points_misplaced);
  return table.take();
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
    id.push_text(facility.id);
    name.push_text(facility.name);
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
    share.push(total_population > 0.0
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
