#include "isochrone_stage.hpp"

#include <algorithm>

#include "couverture/engine/isochrone_builder.hpp"
#include "couverture/engine/isochrone_outputs.hpp"
#include "couverture/engine/travel_time_matrix.hpp"
#include "couverture/geodata/local_projection.hpp"
#include "scenario_runner.hpp"

namespace couverture::cli {

namespace {

IsochroneParameters isochrone_parameters(const Scenario& scenario) {
  IsochroneParameters parameters;
  parameters.thresholds_minutes = scenario.isochrones.thresholds_minutes.empty()
                                      ? scenario.analysis.thresholds_minutes
                                      : scenario.isochrones.thresholds_minutes;
  parameters.direction = scenario.network.direction;
  parameters.access_speed_mps = scenario.network.access_speed_kmh / 3.6;
  parameters.max_offroad_m = scenario.isochrones.max_offroad_m;
  return parameters;
}

// The middles of the detached road pieces: places on a road that no trip
// reaches, which an isochrone should not swallow.
std::vector<LonLat> detached_middles(const RoadGraph& roads) {
  std::vector<LonLat> middles;
  middles.reserve(roads.detached_segment_count());
  for (std::size_t s = 0; s < roads.detached_segment_count(); ++s) {
    const LonLat a = roads.detached_segment_end[2 * s];
    const LonLat b = roads.detached_segment_end[2 * s + 1];
    middles.push_back({(a.lon + b.lon) / 2.0, (a.lat + b.lat) / 2.0});
  }
  return middles;
}

// Bands as they are, or rings (band k minus band k - 1) when asked.
std::vector<GeosGeometry> shapes_of(std::span<const GeosGeometry> bands, bool rings) {
  if (rings) return isochrone_rings(bands);
  std::vector<GeosGeometry> copies;
  copies.reserve(bands.size());
  for (const GeosGeometry& band : bands) copies.push_back(geos_clone(*band));
  return copies;
}

// Population whose time (minutes) lies in each band or ring, from the
// `minutes` of each demand point.
template <typename MinutesOf>
std::vector<double> population_by_band(std::span<const DemandPoint> demand,
                                       std::span<const double> thresholds, bool rings,
                                       std::size_t count, MinutesOf minutes_of) {
  std::vector<double> population(thresholds.size(), 0.0);
  for (std::size_t i = 0; i < count; ++i) {
    const auto [point, minutes] = minutes_of(i);
    for (std::size_t k = 0; k < thresholds.size(); ++k) {
      const bool after_previous = !rings || k == 0 || minutes > thresholds[k - 1];
      if (minutes <= thresholds[k] && after_previous) population[k] += demand[point].population;
    }
  }
  return population;
}

}  // namespace

IsochroneOutcome compute_isochrones(const RunOutcome& outcome, Progress& progress) {
  const Scenario& scenario = outcome.scenario;
  const IsochroneParameters parameters = isochrone_parameters(scenario);
  const std::vector<double>& thresholds = parameters.thresholds_minutes;
  const bool rings = scenario.isochrones.form == "rings";
  IsochroneOutcome result;
  result.computed = true;
  result.thresholds_minutes = thresholds;

  std::vector<LonLat> points;
  std::vector<std::string> service_types;
  for (const Facility& facility : outcome.facilities) {
    points.push_back(facility.position);
    service_types.push_back(facility.service_type);
  }
  const std::vector<NetworkPosition>& positions = outcome.coverage.facility_positions;
  progress.stage("building isochrones (" + std::to_string(points.size()) + " facilities × " +
                 std::to_string(thresholds.size()) + " thresholds)");
  const IsochroneBuilder builder(outcome.roads, parameters);
  const std::vector<FacilityIsochrones> isochrones = builder.build(points, positions);

  progress.stage("checking isochrone quality");
  const IsochroneQualityChecker checker(outcome.roads, parameters);
  const std::vector<LonLat> unreachable = detached_middles(outcome.roads);
  const std::vector<std::vector<IsochroneQuality>> quality =
      checker.check_all(points, positions, isochrones, unreachable);
  double far_share_sum = 0.0;
  for (const std::vector<IsochroneQuality>& bands : quality) {
    for (const IsochroneQuality& q : bands) {
      ++result.bands_checked;
      if (q.guarantees_hold()) ++result.bands_with_guarantees;
      result.max_far_share_inside = std::max(result.max_far_share_inside, q.far_share_inside);
      far_share_sum += q.far_share_inside;
    }
  }
  if (result.bands_checked > 0) {
    result.mean_far_share_inside = far_share_sum / static_cast<double>(result.bands_checked);
  }

  progress.stage("measuring isochrone areas and population");
  const LocalProjection frame(builder.frame_centre());
  const std::vector<DemandPoint>& demand = outcome.coverage.demand;
  const auto add_features =
      [&](std::vector<IsochroneFeature>& features, std::uint32_t facility,
          const std::string& service_type, std::span<const GeosGeometry> bands,
          const std::vector<IsochroneQuality>* band_quality, const std::vector<double>& reached) {
        std::vector<GeosGeometry> shapes = shapes_of(bands, rings);
        for (std::size_t k = 0; k < shapes.size(); ++k) {
          IsochroneFeature feature;
          feature.facility = facility;
          feature.service_type = service_type;
          feature.from_minutes = rings && k > 0 ? thresholds[k - 1] : 0.0;
          feature.minutes = thresholds[k];
          feature.area_km2 = isochrone_area_km2(*shapes[k], frame);
          feature.population = population_inside(*shapes[k], demand);
          feature.population_reached = reached[k];
          if (band_quality != nullptr) feature.quality = (*band_quality)[k];
          feature.area = std::move(shapes[k]);
          features.push_back(std::move(feature));
        }
      };
  if (scenario.isochrones.per_facility) {
    TravelTimeMatrixBuilder matrix_builder(outcome.roads, parameters.access_speed_mps,
                                           parameters.direction);
    const TravelTimeMatrix matrix = matrix_builder.compute(
        positions, outcome.coverage.demand_positions, thresholds.back() * 60.0);
    for (std::uint32_t f = 0; f < isochrones.size(); ++f) {
      const std::span<const std::uint32_t> origins = matrix.row_origins(f);
      const std::span<const double> seconds = matrix.row_seconds(f);
      const std::vector<double> reached =
          population_by_band(demand, thresholds, rings, origins.size(), [&](std::size_t i) {
            return std::pair{std::size_t{origins[i]}, seconds[i] / 60.0};
          });
      add_features(result.per_facility, f, service_types[f], isochrones[f].bands, &quality[f],
                   reached);
    }
  }
  if (scenario.isochrones.by_service) {
    progress.stage("dissolving isochrones by service type");
    for (const DissolvedIsochrones& service : dissolve_by_service_type(service_types, isochrones)) {
      std::vector<double> reached(thresholds.size(), 0.0);
      for (const ServiceCoverage& coverage : outcome.coverage.services) {
        if (coverage.service_type != service.service_type) continue;
        reached = population_by_band(demand, thresholds, rings, demand.size(), [&](std::size_t i) {
          return std::pair{i, coverage.demand_minutes[i]};
        });
      }
      add_features(result.by_service, kInvalidId, service.service_type, service.bands, nullptr,
                   reached);
    }
  }
  return result;
}

}  // namespace couverture::cli
