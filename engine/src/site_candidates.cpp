#include "couverture/engine/site_candidates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "couverture/engine/demand_spreader.hpp"

namespace couverture {

namespace {

const std::string& commune_name(std::span<const Commune> communes, std::uint32_t c) {
  static const std::string none;
  return c < communes.size() ? communes[c].name : none;
}

}  // namespace

std::vector<SiteCandidate> commune_centre_candidates(std::span<const Commune> communes,
                                                     const CoverageResult& coverage) {
  std::vector<std::uint32_t> best(communes.size(), kInvalidId);
  for (std::uint32_t i = 0; i < coverage.demand.size(); ++i) {
    const std::uint32_t c = coverage.demand[i].commune;
    if (c >= communes.size()) continue;
    if (best[c] == kInvalidId ||
        coverage.demand[i].population > coverage.demand[best[c]].population) {
      best[c] = i;
    }
  }
  std::vector<SiteCandidate> candidates;
  for (std::uint32_t c = 0; c < communes.size(); ++c) {
    if (best[c] == kInvalidId) continue;
    candidates.push_back(
        {"centre-" + communes[c].code, communes[c].name, coverage.demand[best[c]].position, c});
  }
  return candidates;
}

std::vector<SiteCandidate> demand_point_candidates(std::span<const Commune> communes,
                                                   const CoverageResult& coverage,
                                                   double spacing_m) {
  if (!(spacing_m >= 0.0)) {
    throw std::invalid_argument("demand_point_candidates: spacing must be >= 0");
  }
  const std::vector<DemandPoint>& demand = coverage.demand;
  std::vector<std::uint32_t> order(demand.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&demand](std::uint32_t a, std::uint32_t b) {
    return demand[a].population > demand[b].population;
  });
  // Kept points hashed in cells of spacing_m on an equirectangular plane;
  // two cells either side are searched, so an approximation of the metres
  // off by up to half never misses a close pair (the test itself is
  // geodesic).
  const double mean_lat =
      demand.empty()
          ? 0.0
          : std::accumulate(demand.begin(), demand.end(), 0.0,
                            [](double sum, const DemandPoint& p) { return sum + p.position.lat; }) /
                static_cast<double>(demand.size());
  constexpr double kMetresPerDegree = 111'320.0;
  const double cell = std::max(spacing_m, 1.0);
  const auto cell_of = [&](LonLat p) {
    return std::pair<long long, long long>{
        static_cast<long long>(std::floor(p.lon * kMetresPerDegree *
                                          std::cos(mean_lat * std::numbers::pi / 180.0) / cell)),
        static_cast<long long>(std::floor(p.lat * kMetresPerDegree / cell))};
  };
  std::map<std::pair<long long, long long>, std::vector<std::uint32_t>> kept_by_cell;
  std::vector<SiteCandidate> candidates;
  for (std::uint32_t i : order) {
    const auto [cx, cy] = cell_of(demand[i].position);
    bool too_close = false;
    for (long long dx = -2; dx <= 2 && !too_close; ++dx) {
      for (long long dy = -2; dy <= 2 && !too_close; ++dy) {
        const auto found = kept_by_cell.find({cx + dx, cy + dy});
        if (found == kept_by_cell.end()) continue;
        for (std::uint32_t j : found->second) {
          if (geodesic_distance_m(demand[i].position, demand[j].position) < spacing_m) {
            too_close = true;
            break;
          }
        }
      }
    }
    if (too_close) continue;
    kept_by_cell[{cx, cy}].push_back(i);
    candidates.push_back({"point-" + std::to_string(i), commune_name(communes, demand[i].commune),
                          demand[i].position,
                          demand[i].commune < communes.size() ? demand[i].commune : kInvalidId});
  }
  return candidates;
}

std::vector<SiteCandidate> grid_candidates(std::span<const Commune> communes, double spacing_m) {
  if (!(spacing_m > 0.0)) throw std::invalid_argument("grid_candidates: spacing must be > 0");
  // One frame over the envelope of every commune.
  double min_lon = std::numeric_limits<double>::infinity();
  double min_lat = min_lon;
  double max_lon = -min_lon;
  double max_lat = -min_lon;
  for (const Commune& commune : communes) {
    if (!commune.boundary) continue;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    GEOSGeom_getXMin_r(geos_context(), commune.boundary.get(), &x0);
    GEOSGeom_getYMin_r(geos_context(), commune.boundary.get(), &y0);
    GEOSGeom_getXMax_r(geos_context(), commune.boundary.get(), &x1);
    GEOSGeom_getYMax_r(geos_context(), commune.boundary.get(), &y1);
    min_lon = std::min(min_lon, x0);
    min_lat = std::min(min_lat, y0);
    max_lon = std::max(max_lon, x1);
    max_lat = std::max(max_lat, y1);
  }
  std::vector<SiteCandidate> candidates;
  if (!(min_lon <= max_lon)) return candidates;
  const GeosGeometry envelope =
      take_geos(GEOSGeom_createRectangle_r(geos_context(), min_lon, min_lat, max_lon, max_lat),
                "GEOSGeom_createRectangle");
  const GridFrame frame = grid_frame_over(*envelope, spacing_m);
  for (std::uint32_t c = 0; c < communes.size(); ++c) {
    if (!communes[c].boundary) continue;
    std::vector<LonLat> nodes = grid_points_inside(*communes[c].boundary, frame);
    if (nodes.empty()) nodes.push_back(point_on_surface(*communes[c].boundary));
    for (const LonLat& node : nodes) {
      candidates.push_back(
          {"grid-" + std::to_string(candidates.size()), communes[c].name, node, c});
    }
  }
  return candidates;
}

std::vector<SiteCandidate> candidates_from_facilities(std::span<const Commune> communes,
                                                      std::span<const Facility> facilities) {
  std::vector<GeosPrepared> prepared;
  prepared.reserve(communes.size());
  for (const Commune& commune : communes) {
    prepared.push_back(commune.boundary ? geos_prepare(*commune.boundary) : GeosPrepared{});
  }
  std::vector<SiteCandidate> candidates;
  candidates.reserve(facilities.size());
  for (const Facility& facility : facilities) {
    SiteCandidate candidate{facility.id, facility.name, facility.position, kInvalidId};
    const GeosGeometry point = geos_point(facility.position.lon, facility.position.lat);
    for (std::uint32_t c = 0; c < communes.size(); ++c) {
      if (prepared[c] &&
          GEOSPreparedIntersects_r(geos_context(), prepared[c].get(), point.get()) == 1) {
        candidate.commune = c;
        break;
      }
    }
    candidates.push_back(std::move(candidate));
  }
  return candidates;
}

}  // namespace couverture
