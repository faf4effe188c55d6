#include "couverture/engine/coverage_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "couverture/engine/demand_spreader.hpp"
#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/geodata/data_error.hpp"

namespace couverture {

namespace {

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

std::string describe_far_points(const std::vector<std::string>& names, double limit_m) {
  std::ostringstream text;
  text << names.size() << " point(s) lie more than " << limit_m
       << " m from the nearest road (kept; the walk to the road is timed): ";
  for (std::size_t i = 0; i < names.size() && i < 10; ++i) text << (i ? ", " : "") << names[i];
  if (names.size() > 10) text << ", ...";
  return text.str();
}

}  // namespace

CoverageResult analyse_coverage(const RoadGraph& roads, std::span<const Commune> communes,
                                std::span<const Facility> facilities,
                                const CoverageParameters& parameters,
                                const StageCallback& on_stage) {
  const auto stage = [&on_stage](const std::string& name) {
    if (on_stage) on_stage(name);
  };
  CoverageResult result;
  result.facility_commune = locate_facilities(communes, facilities);

  stage("spreading population over demand points");
  result.demand = spread_demand_evenly(communes, parameters.demand_spacing_m);

  stage("snapping facilities and demand points to the road network");
  const NetworkSnapper snapper(roads);
  std::vector<std::string> far_facilities;
  for (const Facility& facility : facilities) {
    result.facility_positions.push_back(snapper.snap(facility.position));
    if (result.facility_positions.back().distance_m > parameters.max_snap_distance_m) {
      std::ostringstream name;
      name << "facility '" << facility.id << "' ("
           << std::lround(result.facility_positions.back().distance_m) << " m)";
      far_facilities.push_back(name.str());
    }
  }
  if (!far_facilities.empty()) {
    result.warnings.push_back(describe_far_points(far_facilities, parameters.max_snap_distance_m));
  }
  std::size_t far_demand = 0;
  double far_population = 0.0;
  result.demand_positions.reserve(result.demand.size());
  for (const DemandPoint& point : result.demand) {
    result.demand_positions.push_back(snapper.snap(point.position));
    if (result.demand_positions.back().distance_m > parameters.max_snap_distance_m) {
      ++far_demand;
      far_population += point.population;
    }
  }
  if (far_demand > 0) {
    std::ostringstream text;
    text << far_demand << " demand point(s) carrying " << std::lround(far_population)
         << " inhabitants lie more than " << parameters.max_snap_distance_m
         << " m from the nearest road (kept; the walk to the road is timed)";
    result.warnings.push_back(text.str());
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

  NearestFacilityTimes times(roads, parameters.access_speed_kmh / 3.6);
  for (const auto& [type, members] : by_type) {
    stage("travel times to the nearest " + type);
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
  return result;
}

}  // namespace couverture
