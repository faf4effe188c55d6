#include "couverture/engine/coverage_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>
#include <stdexcept>

#include "couverture/engine/demand_spreader.hpp"
#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/travel_thresholds.hpp"

namespace couverture {

namespace {

// Checked before any point is placed: a bad spacing would otherwise fill
// the memory without a word.
void check_coverage_parameters(std::span<const Commune> communes, const CoverageParameters& p) {
  if (const std::string problem = threshold_problem(p.thresholds_minutes); !problem.empty()) {
    throw std::invalid_argument("coverage thresholds: " + problem);
  }
  const double points = estimated_grid_points(communes, p.demand_spacing_m);
  if (!(points <= static_cast<double>(p.max_demand_grid_points))) {
    std::ostringstream text;
    text << "a demand grid of " << p.demand_spacing_m << " m over these communes would hold up to "
         << std::fixed << std::setprecision(0) << points << " points, more than the limit of "
         << p.max_demand_grid_points << "; give a demand spacing in metres ("
         << kDefaultDemandSpacingM << " is the default), or fewer communes";
    throw std::invalid_argument(text.str());
  }
}

std::vector<std::uint32_t> locate_facilities(std::span<const Commune> communes,
                                             std::span<const Facility> facilities) {
  std::vector<GeosPrepared> prepared;
  prepared.reserve(communes.size());
  for (const Commune& commune : communes) prepared.push_back(geos_prepare(*commune.boundary));
  std::vector<std::uint32_t> located(facilities.size(), kInvalidId);
  for (std::size_t f = 0; f < facilities.size(); ++f) {
    const GeosGeometry point = geos_point(facilities[f].position.lon, facilities[f].position.lat);
    for (std::size_t c = 0; c < communes.size(); ++c) {
      if (GEOSPreparedIntersects_r(geos_context(), prepared[c].get(), point.get()) == 1) {
        located[f] = static_cast<std::uint32_t>(c);
        break;
      }
    }
    if (located[f] == kInvalidId) {
      std::ostringstream message;
      message.precision(7);
      message << "facility '" << facilities[f].id << "' (" << facilities[f].name << ") at lon "
              << facilities[f].position.lon << ", lat " << facilities[f].position.lat
              << " lies outside every commune: check the facilities' CRS and x/y columns, or "
                 "add the commune it is in";
      throw DataError(message.str());
    }
  }
  return located;
}

// "'c1' (Crèche Les Lutins, 1250 m)": a facility as planners know it.
std::string describe_facility(const Facility& facility, double metres) {
  std::ostringstream text;
  text << "'" << facility.id << "' (";
  if (!facility.name.empty()) text << facility.name << ", ";
  text << std::lround(metres) << " m)";
  return text.str();
}

// Demand points counted per commune, in commune order:
// "Remiremont: 3 point(s), 120 inhabitants; Éloyes: 1 point(s), 15 inhabitants".
std::string per_commune(std::span<const Commune> communes, const std::vector<std::size_t>& points,
                        const std::vector<double>& population) {
  std::ostringstream text;
  bool first = true;
  for (std::size_t c = 0; c < communes.size(); ++c) {
    if (points[c] == 0) continue;
    text << (first ? "" : "; ") << communes[c].name << ": " << points[c] << " point(s), "
         << std::lround(population[c]) << " inhabitants";
    first = false;
  }
  return text.str();
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// The warnings about where points joined the network: beyond the snapping
// limit, or moved off a detached piece. Every point is kept.
std::vector<std::string> snapping_warnings(std::span<const Commune> communes,
                                           std::span<const Facility> facilities,
                                           const CoverageResult& result, double limit_m) {
  std::vector<std::string> far_facilities;
  std::vector<std::string> detached_facilities;
  for (std::size_t f = 0; f < facilities.size(); ++f) {
    const NetworkPosition& p = result.facility_positions[f];
    if (p.distance_m > limit_m)
      far_facilities.push_back(describe_facility(facilities[f], p.distance_m));
    if (p.from_detached_piece) {
      std::ostringstream text;
      text << describe_facility(facilities[f], p.distance_m) << ", the cut-off road "
           << std::lround(p.detached_distance_m) << " m";
      detached_facilities.push_back(text.str());
    }
  }
  std::size_t far_count = 0;
  std::size_t detached_count = 0;
  double far_population = 0.0;
  double detached_population = 0.0;
  std::vector<std::size_t> far_points(communes.size(), 0);
  std::vector<std::size_t> detached_points(communes.size(), 0);
  std::vector<double> far_people(communes.size(), 0.0);
  std::vector<double> detached_people(communes.size(), 0.0);
  for (std::size_t i = 0; i < result.demand.size(); ++i) {
    const NetworkPosition& p = result.demand_positions[i];
    const DemandPoint& point = result.demand[i];
    if (p.distance_m > limit_m) {
      ++far_count;
      far_population += point.population;
      ++far_points[point.commune];
      far_people[point.commune] += point.population;
    }
    if (p.from_detached_piece) {
      ++detached_count;
      detached_population += point.population;
      ++detached_points[point.commune];
      detached_people[point.commune] += point.population;
    }
  }

  std::vector<std::string> warnings;
  const auto limit = [limit_m] {
    std::ostringstream text;
    text << limit_m;
    return text.str();
  }();
  if (!far_facilities.empty()) {
    warnings.push_back(std::to_string(far_facilities.size()) + " facility(ies) lie more than " +
                       limit + " m from the nearest road (kept; their times include the walk " +
                       "to the road, at the distance shown): " + joined(far_facilities));
  }
  if (far_count > 0) {
    warnings.push_back(
        std::to_string(far_count) + " demand point(s) carrying " +
        std::to_string(std::lround(far_population)) + " inhabitants lie more than " + limit +
        " m from the nearest road (kept; their times include the walk " +
        "to the road), per commune: " + per_commune(communes, far_points, far_people));
  }
  if (!detached_facilities.empty()) {
    warnings.push_back(std::to_string(detached_facilities.size()) +
                       " facility(ies) stand nearest a road cut off from the main network (a " +
                       "small disconnected piece); they were joined to the main network " +
                       "instead, at the distance shown: " + joined(detached_facilities));
  }
  if (detached_count > 0) {
    warnings.push_back(std::to_string(detached_count) + " demand point(s) carrying " +
                       std::to_string(std::lround(detached_population)) +
                       " inhabitants lie nearest a road cut off from the main network (a small " +
                       "disconnected piece) and were joined to the main network instead, per " +
                       "commune: " + per_commune(communes, detached_points, detached_people));
  }
  return warnings;
}

void measure_access(const RoadGraph& roads, std::span<const Commune> communes,
                    std::span<const Facility> facilities, const CoverageParameters& parameters,
                    const std::function<void(const std::string&)>& stage, CoverageResult& result);

// The parameters checked, and each facility's commune: where both runs
// (even grid, or the population sources) start.
CoverageResult located_facilities(std::span<const Commune> communes,
                                  std::span<const Facility> facilities,
                                  const CoverageParameters& parameters) {
  check_coverage_parameters(communes, parameters);
  CoverageResult result;
  result.facility_commune = locate_facilities(communes, facilities);
  return result;
}

}  // namespace

CoverageResult analyse_coverage(const RoadGraph& roads, std::span<const Commune> communes,
                                std::span<const Facility> facilities,
                                const CoverageParameters& parameters,
                                const StageCallback& on_stage) {
  const auto stage = [&on_stage](const std::string& name) {
    if (on_stage) on_stage(name);
  };
  CoverageResult result = located_facilities(communes, facilities, parameters);
  stage("spreading population over demand points");
  result.demand = spread_demand_evenly(communes, parameters.demand_spacing_m);
  result.demand_source_by_commune.assign(communes.size(), DemandSource::regular_grid);
  for (const Commune& commune : communes)
    result.bands_by_commune.push_back(commune.population_by_band);
  measure_access(roads, communes, facilities, parameters, stage, result);
  return result;
}

CoverageResult analyse_coverage(const RoadGraph& roads, std::span<const Commune> communes,
                                std::span<const Facility> facilities,
                                const PopulationSources& sources,
                                const CoverageParameters& parameters,
                                const StageCallback& on_stage) {
  const auto stage = [&on_stage](const std::string& name) {
    if (on_stage) on_stage(name);
  };
  CoverageResult result = located_facilities(communes, facilities, parameters);
  stage("placing the population where people live");
  DemandModelOptions options;
  options.source = parameters.demand_source;
  options.grid_spacing_m = parameters.demand_spacing_m;
  options.building_cell_m = parameters.building_cell_m;
  DemandModel model = build_demand(communes, sources, options);
  result.demand = std::move(model.points);
  result.demand_source_by_commune = std::move(model.source_by_commune);
  result.bands_by_commune = std::move(model.bands_by_commune);
  result.communes_aged_by_grid = std::move(model.communes_aged_by_grid);
  result.warnings = std::move(model.warnings);
  measure_access(roads, communes, facilities, parameters, stage, result);
  return result;
}

namespace {

void measure_access(const RoadGraph& roads, std::span<const Commune> communes,
                    std::span<const Facility> facilities, const CoverageParameters& parameters,
                    const std::function<void(const std::string&)>& stage, CoverageResult& result) {
  stage("snapping facilities and demand points to the road network");
  const NetworkSnapper snapper(roads, parameters.network.snappable_classes);
  result.facility_positions.reserve(facilities.size());
  for (const Facility& facility : facilities) {
    result.facility_positions.push_back(snapper.snap(facility.position));
  }
  result.demand_positions.reserve(result.demand.size());
  for (const DemandPoint& point : result.demand) {
    result.demand_positions.push_back(snapper.snap(point.position));
  }
  for (std::string& warning :
       snapping_warnings(communes, facilities, result, parameters.network.max_snap_distance_m)) {
    result.warnings.push_back(std::move(warning));
  }

  std::map<std::string, std::vector<std::uint32_t>> by_type;
  for (std::size_t f = 0; f < facilities.size(); ++f) {
    by_type[facilities[f].service_type].push_back(static_cast<std::uint32_t>(f));
  }
  std::vector<std::uint32_t> demand_commune(result.demand.size());
  std::vector<double> demand_weight(result.demand.size());
  for (std::size_t i = 0; i < result.demand.size(); ++i) {
    demand_commune[i] = result.demand[i].commune;
    demand_weight[i] = result.demand[i].population;
  }
  const std::vector<std::uint32_t> single_group(result.demand.size(), 0);

  NearestFacilityTimes times(roads, metres_per_second(parameters.network.access_speed_kmh),
                             parameters.network.direction);
  const bool inbound = parameters.network.direction == TravelDirection::to_facility;
  for (const auto& [type, members] : by_type) {
    stage((inbound ? "travel times to the nearest " : "travel times from the nearest ") + type);
    ServiceCoverage service;
    service.service_type = type;
    service.facilities = members;
    std::vector<NetworkPosition> positions;
    for (std::uint32_t f : members) positions.push_back(result.facility_positions[f]);
    const auto nearest = times.compute(positions, result.demand_positions);
    service.demand_minutes.resize(nearest.size());
    service.demand_nearest.resize(nearest.size());
    for (std::size_t i = 0; i < nearest.size(); ++i) {
      service.demand_minutes[i] = nearest[i].seconds / 60.0;
      service.demand_nearest[i] =
          nearest[i].facility == kInvalidId ? kInvalidId : members[nearest[i].facility];
    }
    service.by_commune =
        summarise_accessibility_by_group(demand_commune, demand_weight, service.demand_minutes,
                                         communes.size(), parameters.thresholds_minutes);
    service.overall =
        summarise_accessibility_by_group(single_group, demand_weight, service.demand_minutes, 1,
                                         parameters.thresholds_minutes)
            .front();
    result.services.push_back(std::move(service));
  }
}

}  // namespace

}  // namespace couverture
