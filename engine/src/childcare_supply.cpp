#include "couverture/engine/childcare_supply.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "couverture/algorithms/floating_catchment.hpp"

namespace couverture {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Target-weighted mean per commune and, last, over every point.
std::vector<double> area_means(std::span<const std::uint32_t> commune_of,
                               std::span<const double> weight, std::span<const double> value,
                               std::size_t commune_count) {
  std::vector<double> sum(commune_count + 1, 0.0);
  std::vector<double> total(commune_count + 1, 0.0);
  for (std::size_t i = 0; i < weight.size(); ++i) {
    if (!(weight[i] > 0.0)) continue;
    for (const std::size_t g : {static_cast<std::size_t>(commune_of[i]), commune_count}) {
      sum[g] += weight[i] * value[i];
      total[g] += weight[i];
    }
  }
  std::vector<double> mean(commune_count + 1, kNaN);
  for (std::size_t g = 0; g <= commune_count; ++g) {
    if (total[g] > 0.0) mean[g] = sum[g] / total[g];
  }
  return mean;
}

}  // namespace

SpreadPlaces spread_commune_places(std::span<const double> places_by_commune,
                                   std::span<const std::uint32_t> commune_of,
                                   std::span<const double> weight) {
  if (commune_of.size() != weight.size()) {
    throw std::invalid_argument("spread_commune_places: one weight per demand point");
  }
  const std::size_t commune_count = places_by_commune.size();
  std::vector<double> weight_sum(commune_count, 0.0);
  std::vector<std::size_t> point_count(commune_count, 0);
  for (std::size_t i = 0; i < commune_of.size(); ++i) {
    if (commune_of[i] >= commune_count) {
      throw std::invalid_argument("spread_commune_places: a point's commune is out of range");
    }
    if (weight[i] > 0.0) weight_sum[commune_of[i]] += weight[i];
    ++point_count[commune_of[i]];
  }
  SpreadPlaces spread;
  spread.by_point.assign(commune_of.size(), 0.0);
  for (std::size_t i = 0; i < commune_of.size(); ++i) {
    const std::uint32_t c = commune_of[i];
    const double places = places_by_commune[c];
    if (!(places > 0.0)) continue;
    spread.by_point[i] = weight_sum[c] > 0.0 ? places * std::max(weight[i], 0.0) / weight_sum[c]
                                             : places / static_cast<double>(point_count[c]);
  }
  for (std::uint32_t c = 0; c < commune_count; ++c) {
    if (places_by_commune[c] > 0.0 && point_count[c] == 0) spread.unplaced_communes.push_back(c);
  }
  return spread;
}

GlobalCoverage analyse_global_coverage(TravelTimeMatrixBuilder& builder,
                                       std::span<const NetworkPosition> demand_positions,
                                       std::span<const std::uint32_t> commune_of,
                                       const ChildcareSupply& supply, const ServiceRates& service,
                                       const DistanceDecay& plain, const DistanceDecay& e2sfca) {
  const std::size_t point_count = commune_of.size();
  const std::size_t commune_count = supply.by_commune.size();
  GlobalCoverage global;
  global.places_by_point.assign(point_count, 0.0);
  global.by_commune.resize(commune_count);
  std::vector<double> places_total(commune_count, 0.0);
  for (std::size_t c = 0; c < commune_count; ++c) {
    for (SupplyKind kind : kSupplyKinds) {
      const double places = supply.by_commune[c][index_of(kind)];
      global.by_commune[c].places[index_of(kind)] = places;
      global.overall.places[index_of(kind)] += places;
      global.places[index_of(kind)] += places;
      places_total[c] += places;
    }
  }
  const SpreadPlaces spread =
      spread_commune_places(places_total, commune_of, service.target_population);
  global.places_by_point = spread.by_point;
  global.unplaced_communes = spread.unplaced_communes;

  // The points holding places are the sites.
  std::vector<NetworkPosition> sites;
  std::vector<double> site_places;
  for (std::size_t i = 0; i < point_count; ++i) {
    if (!(spread.by_point[i] > 0.0)) continue;
    sites.push_back(demand_positions[i]);
    site_places.push_back(spread.by_point[i]);
  }
  const double limit = std::max(plain.catchment_minutes, e2sfca.catchment_minutes);
  TravelTimeMatrix matrix = builder.compute(sites, demand_positions, 60.0 * limit);
  // In minutes in place: a second array of every entry would be the run's
  // largest at 10⁶ demand points.
  for (double& seconds : matrix.seconds) seconds /= 60.0;
  const SparseTravelTimes times{matrix.row_begin, matrix.origin, matrix.seconds, point_count};
  const FloatingCatchment fca =
      floating_catchment(times, site_places, service.target_population, plain);
  const FloatingCatchment e2 =
      floating_catchment(times, site_places, service.target_population, e2sfca);
  global.fca_per_100.resize(point_count);
  global.e2sfca_per_100.resize(point_count);
  for (std::size_t i = 0; i < point_count; ++i) {
    global.fca_per_100[i] = service.fca_per_100[i] + 100.0 * fca.accessibility[i];
    global.e2sfca_per_100[i] = service.e2sfca_per_100[i] + 100.0 * e2.accessibility[i];
  }

  const std::vector<double> fca_mean =
      area_means(commune_of, service.target_population, global.fca_per_100, commune_count);
  const std::vector<double> e2_mean =
      area_means(commune_of, service.target_population, global.e2sfca_per_100, commune_count);
  std::vector<double> target(commune_count + 1, 0.0);
  for (std::size_t i = 0; i < point_count; ++i) {
    if (!(service.target_population[i] > 0.0)) continue;
    target[commune_of[i]] += service.target_population[i];
    target[commune_count] += service.target_population[i];
  }
  double located_total = 0.0;
  double supply_total = 0.0;
  for (std::size_t c = 0; c < commune_count; ++c) {
    GlobalCoverageArea& area = global.by_commune[c];
    const double located = c < service.places_located.size() ? service.places_located[c] : 0.0;
    located_total += located;
    supply_total += places_total[c];
    area.administrative_rate =
        target[c] > 0.0 ? 100.0 * (located + places_total[c]) / target[c] : kNaN;
    area.fca_rate = fca_mean[c];
    area.e2sfca_rate = e2_mean[c];
  }
  global.overall.administrative_rate =
      target[commune_count] > 0.0 ? 100.0 * (located_total + supply_total) / target[commune_count]
                                  : kNaN;
  global.overall.fca_rate = fca_mean[commune_count];
  global.overall.e2sfca_rate = e2_mean[commune_count];
  return global;
}

}  // namespace couverture
