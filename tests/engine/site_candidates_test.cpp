#include "couverture/engine/site_candidates.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "couverture/geodata/geos_geometry.hpp"

namespace couverture {
namespace {

Commune box(const std::string& code, const std::string& name, double west, double east,
            double south = 47.995, double north = 48.005) {
  Commune commune;
  commune.code = code;
  commune.name = name;
  const std::string w = std::to_string(west), e = std::to_string(east);
  const std::string s = std::to_string(south), n = std::to_string(north);
  commune.boundary = geos_from_wkt("POLYGON((" + w + " " + s + "," + e + " " + s + "," + e + " " +
                                   n + "," + w + " " + n + "," + w + " " + s + "))");
  return commune;
}

DemandPoint point(std::uint32_t commune, double lon, double population) {
  DemandPoint p;
  p.commune = commune;
  p.position = {lon, 48.0};
  p.population = population;
  return p;
}

bool inside(const Commune& commune, LonLat p) {
  const GeosGeometry g = geos_point(p.lon, p.lat);
  return GEOSIntersects_r(geos_context(), commune.boundary.get(), g.get()) == 1;
}

TEST(SiteCandidates, CommuneCentresAreTheMostPopulatedPoints) {
  const std::vector<Commune> communes = [] {
    std::vector<Commune> c;
    c.push_back(box("88160", "Éloyes", 6.00, 6.01));
    c.push_back(box("88383", "Remiremont", 6.01, 6.02));
    c.push_back(box("88999", "Empty", 6.02, 6.03));
    return c;
  }();
  CoverageResult coverage;
  // Éloyes: 5, 12, 12 (the first of equals wins: 6.004); Remiremont: 3.
  coverage.demand = {point(0, 6.002, 5), point(0, 6.004, 12), point(1, 6.015, 3),
                     point(0, 6.006, 12)};
  const std::vector<SiteCandidate> centres = commune_centre_candidates(communes, coverage);
  ASSERT_EQ(centres.size(), 2u);  // no point, no centre for the third
  EXPECT_EQ(centres[0].id, "centre-88160");
  EXPECT_EQ(centres[0].name, "Éloyes");
  EXPECT_DOUBLE_EQ(centres[0].position.lon, 6.004);
  EXPECT_EQ(centres[0].commune, 0u);
  EXPECT_EQ(centres[1].id, "centre-88383");
  EXPECT_DOUBLE_EQ(centres[1].position.lon, 6.015);
  EXPECT_EQ(centres[1].commune, 1u);
}

TEST(SiteCandidates, DemandPointsThinnedMostPopulatedFirst) {
  std::vector<Commune> communes;
  communes.push_back(box("1", "A", 5.99, 6.05));
  CoverageResult coverage;
  // Along lat 48, 0.001° of longitude is about 74.5 m. Populations:
  // 6.000:1, 6.001:9, 6.002:2, 6.004:3, 6.010:5. Spacing 160 m (2.15 steps):
  // keep 6.001 (9); 6.010 (5, 670 m away); 6.004 (3, 223 m from 6.001);
  // 6.002 (74.5 m from 6.001) and 6.000 (74.5 m) go.
  coverage.demand = {point(0, 6.000, 1), point(0, 6.001, 9), point(0, 6.002, 2), point(0, 6.004, 3),
                     point(0, 6.010, 5)};
  const std::vector<SiteCandidate> kept = demand_point_candidates(communes, coverage, 160.0);
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept[0].id, "point-1");
  EXPECT_EQ(kept[1].id, "point-4");
  EXPECT_EQ(kept[2].id, "point-3");
  EXPECT_EQ(kept[0].name, "A");
  EXPECT_EQ(kept[0].commune, 0u);
  // Spacing 0 keeps every point.
  EXPECT_EQ(demand_point_candidates(communes, coverage, 0.0).size(), 5u);
  EXPECT_THROW((void)demand_point_candidates(communes, coverage, -1.0), std::invalid_argument);
}

// Random points: no two kept closer than the spacing, and every point left
// out has a kept point at least as populated within the spacing (checked by
// an O(n²) loop).
TEST(SiteCandidates, DemandPointThinningIsSpacedAndMaximal) {
  std::vector<Commune> communes;
  communes.push_back(box("1", "A", 5.9, 6.2, 47.9, 48.1));
  CoverageResult coverage;
  std::uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return static_cast<double>(state >> 8) / static_cast<double>(1u << 24);
  };
  for (int i = 0; i < 300; ++i) {
    DemandPoint p = point(0, 6.0 + 0.05 * next(), next() * 10);
    p.position.lat = 48.0 + 0.03 * next();
    coverage.demand.push_back(p);
  }
  const double spacing = 400.0;
  const std::vector<SiteCandidate> kept = demand_point_candidates(communes, coverage, spacing);
  std::set<std::size_t> kept_index;
  for (const SiteCandidate& c : kept) kept_index.insert(std::stoul(c.id.substr(6)));
  for (std::size_t a = 0; a < kept.size(); ++a) {
    for (std::size_t b = a + 1; b < kept.size(); ++b) {
      EXPECT_GE(geodesic_distance_m(kept[a].position, kept[b].position), spacing);
    }
  }
  for (std::size_t i = 0; i < coverage.demand.size(); ++i) {
    if (kept_index.count(i) != 0) continue;
    bool covered = false;
    for (std::size_t j : kept_index) {
      covered = covered || (geodesic_distance_m(coverage.demand[i].position,
                                                coverage.demand[j].position) < spacing &&
                            coverage.demand[j].population >= coverage.demand[i].population);
    }
    EXPECT_TRUE(covered) << "point " << i << " dropped without a kept neighbour";
  }
}

TEST(SiteCandidates, GridRunsAcrossCommunesAndKeepsSmallOnes) {
  std::vector<Commune> communes;
  // Two boxes 0.03° × 0.02° (about 2.2 km each way), and a sliver far
  // narrower than a cell.
  communes.push_back(box("1", "West", 6.00, 6.03, 48.0, 48.02));
  communes.push_back(box("2", "East", 6.03, 6.06, 48.0, 48.02));
  communes.push_back(box("3", "Sliver", 6.06, 6.0602, 48.0, 48.0002));
  const double spacing = 500.0;
  const std::vector<SiteCandidate> grid = grid_candidates(communes, spacing);
  std::vector<std::size_t> per_commune(3, 0);
  std::set<std::string> ids;
  for (const SiteCandidate& c : grid) {
    ASSERT_LT(c.commune, 3u);
    EXPECT_TRUE(inside(communes[c.commune], c.position)) << c.id;
    EXPECT_EQ(c.name, communes[c.commune].name);
    ++per_commune[c.commune];
    ids.insert(c.id);
  }
  EXPECT_EQ(ids.size(), grid.size());
  // 2.2 km / 500 m: 4 or 5 nodes each way in each big box.
  EXPECT_GE(per_commune[0], 16u);
  EXPECT_LE(per_commune[0], 25u);
  EXPECT_EQ(per_commune[2], 1u);  // its point on surface
  // One frame: every node's nearest other node is about one spacing away,
  // across the border too.
  for (const SiteCandidate& a : grid) {
    if (a.commune == 2) continue;
    double nearest = std::numeric_limits<double>::infinity();
    for (const SiteCandidate& b : grid) {
      if (&a != &b && b.commune != 2) {
        nearest = std::min(nearest, geodesic_distance_m(a.position, b.position));
      }
    }
    EXPECT_NEAR(nearest, spacing, 0.05 * spacing) << a.id;
  }
  EXPECT_THROW((void)grid_candidates(communes, 0.0), std::invalid_argument);
}

TEST(SiteCandidates, FromFacilitiesLocatedByCommuneOrOutside) {
  std::vector<Commune> communes;
  communes.push_back(box("1", "A", 6.00, 6.01));
  communes.push_back(box("2", "B", 6.01, 6.02));
  const std::vector<Facility> file = {{"s1", "Site 1", "eaje", 10, {6.015, 48.0}},
                                      {"s2", "Site 2", "", 0, {6.005, 48.001}},
                                      {"s3", "Across the border", "", 0, {6.5, 48.0}}};
  const std::vector<SiteCandidate> candidates = candidates_from_facilities(communes, file);
  ASSERT_EQ(candidates.size(), 3u);
  EXPECT_EQ(candidates[0].id, "s1");
  EXPECT_EQ(candidates[0].name, "Site 1");
  EXPECT_EQ(candidates[0].commune, 1u);
  EXPECT_EQ(candidates[1].commune, 0u);
  EXPECT_DOUBLE_EQ(candidates[1].position.lat, 48.001);
  EXPECT_EQ(candidates[2].commune, kInvalidId);
}

}  // namespace
}  // namespace couverture
