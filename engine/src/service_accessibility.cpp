#include "couverture/engine/service_accessibility.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "couverture/algorithms/floating_catchment.hpp"
#include "couverture/engine/travel_time_matrix.hpp"
#include "couverture/geodata/service_type.hpp"

namespace couverture {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Gravity weights below 5 % (t > 3 / beta) are dropped to bound the search.
DistanceDecay gravity_decay(const AccessibilityParameters& p, double fallback_minutes) {
  if (p.gravity_beta_per_minute <= 0.0) return DistanceDecay::exponential(fallback_minutes, 0.0);
  return DistanceDecay::exponential(3.0 / p.gravity_beta_per_minute, p.gravity_beta_per_minute);
}

// Target-weighted mean of `values` over the points of each commune (and of
// all of them, last); NaN where there is no target population.
std::vector<double> weighted_means(std::span<const std::uint32_t> commune_of,
                                   std::span<const double> weights, std::span<const double> values,
                                   std::size_t commune_count) {
  std::vector<double> sum(commune_count + 1, 0.0);
  std::vector<double> weight(commune_count + 1, 0.0);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(weights[i] > 0.0)) continue;
    for (const std::size_t g : {static_cast<std::size_t>(commune_of[i]), commune_count}) {
      sum[g] += weights[i] * values[i];
      weight[g] += weights[i];
    }
  }
  std::vector<double> mean(commune_count + 1, kNaN);
  for (std::size_t g = 0; g <= commune_count; ++g) {
    if (weight[g] > 0.0) mean[g] = sum[g] / weight[g];
  }
  return mean;
}

// The scenario's bands for a type (spelt as the facilities spell it, or in
// another case or accent), else the default.
AgeBandSet target_of(const std::string& type, const AccessibilityParameters& p) {
  const std::string key = service_type_key(type);
  for (const auto& [name, target] : p.targets) {
    if (service_type_key(name) == key) return target;
  }
  return default_service_info(type).target;
}

// The E2SFCA rate zones en tension read: the global one when the scenario
// says so, the facilities' own otherwise.
double tension_rate(const ServiceAccessibility& service, const CommuneServiceAccess& access,
                    std::size_t c) {
  if (!service.tension_on_global) return access.e2sfca_rate;
  return c < service.global->by_commune.size() ? service.global->by_commune[c].e2sfca_rate
                                               : service.global->overall.e2sfca_rate;
}

// Larger is worse: the ordering of worst_served_communes and of the zones
// en tension.
double badness(const ServiceAccessibility& service, std::uint32_t c) {
  const CommuneServiceAccess& a = service.by_commune[c];
  const double unreachable_penalty = a.nearest.weight > a.nearest.reachable_weight ? 1e9 : 0.0;
  if (service.has_capacity) return unreachable_penalty - tension_rate(service, a, c);
  return unreachable_penalty + a.nearest.mean;
}

// `c` is the commune's index, or the commune count for the territory.
void mark_tension(CommuneServiceAccess& access, std::size_t c, const ServiceAccessibility& service,
                  const AccessibilityParameters& p) {
  if (!(access.target_population > 0.0)) return;
  TensionCauses& causes = access.tension;
  const double unreachable = access.nearest.weight - access.nearest.reachable_weight;
  if (unreachable > 0.0) {
    causes.unreachable_population = unreachable;
  } else if (access.nearest.mean > p.tension_max_minutes) {
    causes.too_slow = true;
    causes.mean_minutes = access.nearest.mean;
    causes.max_minutes = p.tension_max_minutes;
  }
  const double rate = tension_rate(service, access, c);
  if (service.has_capacity && rate < p.tension_min_places_per_100) {
    causes.too_few_places = true;
    causes.places_per_100 = rate;
    causes.min_places_per_100 = p.tension_min_places_per_100;
    causes.global_rate = service.tension_on_global;
  }
  access.in_tension =
      causes.unreachable_population > 0.0 || causes.too_slow || causes.too_few_places;
}

// What the analysis of every service shares: the demand points and their
// communes, the decays and one travel time matrix builder.
struct AccessibilityContext {
  const CoverageResult& coverage;
  std::span<const Facility> facilities;
  const AccessibilityParameters& parameters;
  TravelTimeMatrixBuilder& builder;
  std::size_t point_count;
  std::size_t commune_count;
  std::vector<std::uint32_t> commune_of;
  std::vector<std::uint32_t> single_group;  // every point in group 0: the territory
  DistanceDecay gravity;
  DistanceDecay plain;
};

// The service's facilities: where they are on the network, and their
// places (1 each when some capacity is unknown, and then no capacity).
struct ServiceSupply {
  std::vector<NetworkPosition> positions;
  std::vector<double> supply;
};

ServiceSupply service_supply(const AccessibilityContext& context, const ServiceCoverage& nearest,
                             ServiceAccessibility& service) {
  ServiceSupply found;
  service.has_capacity = !nearest.facilities.empty();
  for (std::uint32_t f : nearest.facilities) {
    found.positions.push_back(context.coverage.facility_positions[f]);
    service.has_capacity = service.has_capacity && context.facilities[f].capacity_known;
  }
  for (std::uint32_t f : nearest.facilities) {
    found.supply.push_back(service.has_capacity ? context.facilities[f].capacity : 1.0);
  }
  if (service.has_capacity) {
    service.places = std::accumulate(found.supply.begin(), found.supply.end(), 0.0);
  }
  return found;
}

// Each point's measures: cumulative opportunities and gravity for every
// service, the floating catchments (places per 100) where places are known.
void compute_point_measures(const AccessibilityContext& context, const ServiceSupply& supply,
                            ServiceAccessibility& service) {
  const std::size_t point_count = context.point_count;
  // Each search reaches only as far as this service's measures look. One
  // millisecond more: a time just past the limit in milliseconds may still
  // round to the limit in minutes (which counts); the extra pairs weigh 0.
  const double limit_seconds =
      60.0 * accessibility_search_minutes(context.parameters, service.has_capacity) + 0.001;
  TravelTimeMatrix matrix =
      context.builder.compute(supply.positions, context.coverage.demand_positions, limit_seconds);
  // In minutes in place: a second array of every entry would be the run's
  // largest at 10⁶ demand points.
  for (double& seconds : matrix.seconds) seconds /= 60.0;
  const SparseTravelTimes times{matrix.row_begin, matrix.origin, matrix.seconds, point_count};

  service.opportunities =
      cumulative_opportunities(times, supply.supply, context.parameters.thresholds_minutes);
  service.gravity = gravity_access(times, supply.supply, context.gravity);
  if (service.has_capacity) {
    const FloatingCatchment fca =
        floating_catchment(times, supply.supply, service.target_population, context.plain);
    const FloatingCatchment e2 = floating_catchment(times, supply.supply, service.target_population,
                                                    context.parameters.e2sfca_decay);
    service.fca_per_100.resize(point_count);
    service.e2sfca_per_100.resize(point_count);
    for (std::size_t i = 0; i < point_count; ++i) {
      service.fca_per_100[i] = 100.0 * fca.accessibility[i];
      service.e2sfca_per_100[i] = 100.0 * e2.accessibility[i];
    }
  } else {
    service.fca_per_100.assign(point_count, kNaN);
    service.e2sfca_per_100.assign(point_count, kNaN);
  }
}

// The places located in each commune, and in the territory last (all 0
// when the capacities are unknown).
std::vector<double> places_located_by_commune(const AccessibilityContext& context,
                                              const ServiceCoverage& nearest,
                                              const ServiceSupply& supply, bool has_capacity) {
  std::vector<double> places_located(context.commune_count + 1, 0.0);
  if (has_capacity) {
    for (std::size_t k = 0; k < nearest.facilities.size(); ++k) {
      places_located[context.coverage.facility_commune[nearest.facilities[k]]] += supply.supply[k];
      places_located[context.commune_count] += supply.supply[k];
    }
  }
  return places_located;
}

// Per commune, then the territory as one group: the nearest facility's
// times, the target beyond each threshold, and the mean rates.
std::vector<CommuneServiceAccess> commune_access(const AccessibilityContext& context,
                                                 const ServiceCoverage& nearest,
                                                 const ServiceAccessibility& service,
                                                 const std::vector<double>& places_located) {
  const std::size_t commune_count = context.commune_count;
  const std::vector<double>& thresholds = context.parameters.thresholds_minutes;
  std::vector<GroupAccessibility> groups =
      summarise_accessibility_by_group(context.commune_of, service.target_population,
                                       nearest.demand_minutes, commune_count, thresholds);
  groups.push_back(summarise_accessibility_by_group(context.single_group, service.target_population,
                                                    nearest.demand_minutes, 1, thresholds)
                       .front());
  const std::vector<double> fca_mean = weighted_means(context.commune_of, service.target_population,
                                                      service.fca_per_100, commune_count);
  const std::vector<double> e2_mean = weighted_means(context.commune_of, service.target_population,
                                                     service.e2sfca_per_100, commune_count);
  const std::vector<double> gravity_mean =
      weighted_means(context.commune_of, service.target_population, service.gravity, commune_count);
  std::vector<CommuneServiceAccess> access(commune_count + 1);
  for (std::size_t g = 0; g <= commune_count; ++g) {
    CommuneServiceAccess& a = access[g];
    a.nearest = std::move(groups[g]);
    a.target_population = a.nearest.weight;
    for (double share : a.nearest.share_within) {
      a.target_beyond.push_back(a.nearest.weight * (1.0 - share));
    }
    a.places_located = places_located[g];
    a.administrative_rate = service.has_capacity && a.target_population > 0.0
                                ? 100.0 * a.places_located / a.target_population
                                : kNaN;
    a.fca_rate = fca_mean[g];
    a.e2sfca_rate = e2_mean[g];
    a.gravity = gravity_mean[g];
  }
  return access;
}

// The global coverage of the scenario's [supply], for its service type
// when the places are known.
void add_global_coverage(const AccessibilityContext& context,
                         const std::vector<double>& places_located, ServiceAccessibility& service) {
  const AccessibilityParameters& parameters = context.parameters;
  if (!parameters.supply || !service.has_capacity ||
      service_type_key(parameters.supply->service_type) != service_type_key(service.service_type)) {
    return;
  }
  // places_located ends with the territory's total: the communes only.
  const std::span<const double> located(places_located.data(), context.commune_count);
  service.global = analyse_global_coverage(
      context.builder, context.coverage.demand_positions, context.commune_of, *parameters.supply,
      {service.target_population, service.fca_per_100, service.e2sfca_per_100, located},
      context.plain, parameters.e2sfca_decay);
  service.tension_on_global = parameters.supply->tension_on_global;
}

// The zones en tension: each commune and the territory marked, the
// communes in tension listed worst first.
void mark_tension_communes(const AccessibilityContext& context,
                           std::vector<CommuneServiceAccess> access,
                           ServiceAccessibility& service) {
  const std::size_t commune_count = context.commune_count;
  for (std::size_t g = 0; g <= commune_count; ++g) {
    mark_tension(access[g], g, service, context.parameters);
  }
  service.overall = std::move(access.back());
  access.pop_back();
  service.by_commune = std::move(access);
  for (std::uint32_t c = 0; c < commune_count; ++c) {
    if (service.by_commune[c].in_tension) service.tension_communes.push_back(c);
  }
  // Worst first: least covered when places are known, otherwise slowest.
  std::stable_sort(service.tension_communes.begin(), service.tension_communes.end(),
                   [&service](std::uint32_t a, std::uint32_t b) {
                     return badness(service, a) > badness(service, b);
                   });
}

// Each demand point with a target population is in tension when its
// nearest facility is too slow or its score too low.
void mark_tension_points(const AccessibilityContext& context, const ServiceCoverage& nearest,
                         ServiceAccessibility& service) {
  const AccessibilityParameters& parameters = context.parameters;
  service.point_in_tension.assign(context.point_count, 0);
  for (std::size_t i = 0; i < context.point_count; ++i) {
    if (!(service.target_population[i] > 0.0)) continue;
    const bool slow = !(nearest.demand_minutes[i] <= parameters.tension_max_minutes);
    const double score =
        service.tension_on_global ? service.global->e2sfca_per_100[i] : service.e2sfca_per_100[i];
    const bool short_of_places =
        service.has_capacity && score < parameters.tension_min_places_per_100;
    service.point_in_tension[i] = slow || short_of_places ? 1 : 0;
  }
}

// The equity summary on the scenario's measure.
void summarise_service_equity(const AccessibilityContext& context, const ServiceCoverage& nearest,
                              ServiceAccessibility& service) {
  EquityMeasure measure = context.parameters.equity_measure;
  // Without places there is no floating catchment: fall back to times.
  if (measure == EquityMeasure::e2sfca && !service.has_capacity) {
    measure = EquityMeasure::travel_time;
  }
  const std::vector<double>& values = measure == EquityMeasure::travel_time ? nearest.demand_minutes
                                      : measure == EquityMeasure::e2sfca    ? service.e2sfca_per_100
                                                                            : service.gravity;
  service.equity = summarise_equity(
      std::string(to_string(measure)), measure != EquityMeasure::travel_time, values,
      service.target_population, context.commune_of, context.commune_count);
}

ServiceAccessibility analyse_service(const AccessibilityContext& context,
                                     const ServiceCoverage& nearest) {
  ServiceAccessibility service;
  service.service_type = nearest.service_type;
  service.target = target_of(nearest.service_type, context.parameters);
  service.target_population.resize(context.point_count);
  for (std::size_t i = 0; i < context.point_count; ++i) {
    service.target_population[i] = service.target.count(context.coverage.demand[i].by_band);
  }
  const ServiceSupply supply = service_supply(context, nearest, service);
  compute_point_measures(context, supply, service);
  const std::vector<double> places_located =
      places_located_by_commune(context, nearest, supply, service.has_capacity);
  std::vector<CommuneServiceAccess> access =
      commune_access(context, nearest, service, places_located);
  add_global_coverage(context, places_located, service);
  mark_tension_communes(context, std::move(access), service);
  mark_tension_points(context, nearest, service);
  for (double beyond : service.overall.target_beyond) {
    service.share_beyond.push_back(
        service.overall.target_population > 0.0 ? beyond / service.overall.target_population : 0.0);
  }
  summarise_service_equity(context, nearest, service);
  return service;
}

}  // namespace

double accessibility_search_minutes(const AccessibilityParameters& p, bool has_capacity) {
  const std::vector<double>& thresholds = p.thresholds_minutes;
  const double max_threshold = thresholds.empty()
                                   ? p.catchment_minutes
                                   : *std::max_element(thresholds.begin(), thresholds.end());
  // Cumulative opportunities and gravity are computed for every service.
  double limit = std::max(max_threshold, gravity_decay(p, max_threshold).catchment_minutes);
  // The floating catchments only where places are known. The tension limit
  // reads the nearest facility's time (CoverageResult), not these searches.
  if (has_capacity) {
    limit = std::max({limit, p.catchment_minutes, p.e2sfca_decay.catchment_minutes});
  }
  return limit;
}

std::vector<std::uint32_t> worst_served_communes(const ServiceAccessibility& service,
                                                 std::size_t count) {
  std::vector<std::uint32_t> communes;
  for (std::uint32_t c = 0; c < service.by_commune.size(); ++c) {
    if (service.by_commune[c].target_population > 0.0) communes.push_back(c);
  }
  std::stable_sort(communes.begin(), communes.end(), [&service](std::uint32_t a, std::uint32_t b) {
    return badness(service, a) > badness(service, b);
  });
  if (communes.size() > count) communes.resize(count);
  return communes;
}

std::vector<ServiceAccessibility> analyse_accessibility(const RoadGraph& roads,
                                                        std::span<const Commune> communes,
                                                        std::span<const Facility> facilities,
                                                        const CoverageResult& coverage,
                                                        const AccessibilityParameters& parameters) {
  parameters.e2sfca_decay.validate();
  const std::size_t point_count = coverage.demand.size();
  const std::vector<double>& thresholds = parameters.thresholds_minutes;
  const double max_threshold = thresholds.empty()
                                   ? parameters.catchment_minutes
                                   : *std::max_element(thresholds.begin(), thresholds.end());
  TravelTimeMatrixBuilder builder(roads, metres_per_second(parameters.network.access_speed_kmh),
                                  parameters.network.direction);
  AccessibilityContext context{.coverage = coverage,
                               .facilities = facilities,
                               .parameters = parameters,
                               .builder = builder,
                               .point_count = point_count,
                               .commune_count = communes.size(),
                               .commune_of = std::vector<std::uint32_t>(point_count),
                               .single_group = std::vector<std::uint32_t>(point_count, 0),
                               .gravity = gravity_decay(parameters, max_threshold),
                               .plain = DistanceDecay::plain(parameters.catchment_minutes)};
  for (std::size_t i = 0; i < point_count; ++i) context.commune_of[i] = coverage.demand[i].commune;

  std::vector<ServiceAccessibility> result;
  for (const ServiceCoverage& nearest : coverage.services) {
    result.push_back(analyse_service(context, nearest));
  }
  return result;
}

}  // namespace couverture
