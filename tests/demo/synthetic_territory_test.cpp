#include "couverture/demo/synthetic_territory.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <numeric>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace couverture {
namespace {

std::string tag(const OsmWayRecord& way, const std::string& key) {
  for (const auto& [k, v] : way.tags) {
    if (k == key) return v;
  }
  return {};
}

double area(const GEOSGeometry& geometry) {
  double value = 0.0;
  GEOSArea_r(geos_context(), &geometry, &value);
  return value;
}

bool contains(const GEOSGeometry& polygon, LonLat point) {
  const GeosGeometry p = geos_point(point.lon, point.lat);
  return GEOSContains_r(geos_context(), &polygon, p.get()) == 1;
}

// Union-find over node ids: the road network, taken as undirected, must be
// one piece or some demand could never reach any facility.
class Components {
 public:
  explicit Components(std::size_t size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

// Checks shared by every synthetic territory: ids, references, tags and
// connectivity of the roads.
void expect_sound_road_network(const SyntheticTerritory& territory) {
  std::unordered_map<std::int64_t, std::size_t> index;
  for (const OsmNodeRecord& node : territory.nodes) {
    ASSERT_GT(node.id, 0);
    ASSERT_TRUE(index.emplace(node.id, index.size()).second) << "duplicate node " << node.id;
  }
  std::set<std::int64_t> way_ids;
  Components components(territory.nodes.size());
  std::vector<bool> used(territory.nodes.size(), false);
  for (const OsmWayRecord& way : territory.ways) {
    ASSERT_GT(way.id, 0);
    ASSERT_TRUE(way_ids.insert(way.id).second) << "duplicate way " << way.id;
    ASSERT_GE(way.node_ids.size(), 2u);
    ASSERT_FALSE(tag(way, "highway").empty()) << "way " << way.id;
    for (std::size_t i = 0; i < way.node_ids.size(); ++i) {
      const auto found = index.find(way.node_ids[i]);
      ASSERT_NE(found, index.end()) << "way " << way.id << " refers to missing node";
      used[found->second] = true;
      if (i > 0) components.join(index.at(way.node_ids[i - 1]), found->second);
    }
  }
  std::size_t roots = 0;
  for (std::size_t i = 0; i < territory.nodes.size(); ++i) {
    EXPECT_TRUE(used[i]) << "node " << territory.nodes[i].id << " is in no way";
    if (components.find(i) == i) ++roots;
  }
  EXPECT_EQ(roots, 1u) << "the road network is in pieces";
}

void expect_valid_disjoint_communes(const SyntheticTerritory& territory) {
  for (const Commune& commune : territory.communes) {
    ASSERT_TRUE(commune.boundary) << commune.code;
    EXPECT_TRUE(geos_is_valid(*commune.boundary))
        << commune.code << ": " << geos_invalid_reason(*commune.boundary);
    EXPECT_GT(area(*commune.boundary), 0.0) << commune.code;
  }
  // Pairwise for the demo; through the union for large territories, where
  // disjoint shapes have a union as large as the sum of their areas.
  std::vector<GEOSGeometry*> parts;
  double total = 0.0;
  for (const Commune& commune : territory.communes) {
    parts.push_back(geos_clone(*commune.boundary).release());
    total += area(*commune.boundary);
  }
  const GeosGeometry collection =
      take_geos(GEOSGeom_createCollection_r(geos_context(), GEOS_GEOMETRYCOLLECTION, parts.data(),
                                            static_cast<unsigned>(parts.size())),
                "collection");
  const GeosGeometry united =
      take_geos(GEOSUnaryUnion_r(geos_context(), collection.get()), "union");
  EXPECT_NEAR(area(*united), total, total * 1e-9);
}

// The facility's commune: the one polygon that contains it.
std::string commune_of(const SyntheticTerritory& territory, LonLat position) {
  std::string code;
  for (const Commune& commune : territory.communes) {
    if (contains(*commune.boundary, position)) {
      EXPECT_TRUE(code.empty()) << "in two communes: " << code << " and " << commune.code;
      code = commune.code;
    }
  }
  return code;
}

double distance_to_nearest_node(const SyntheticTerritory& territory, LonLat position) {
  double best = 1e300;
  for (const OsmNodeRecord& node : territory.nodes) {
    best = std::min(best, geodesic_distance_m(node.position, position));
  }
  return best;
}

TEST(CcpvmDemoTerritory, HasTheTenRealCommunesWithTheir2026Populations) {
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  const std::map<std::string, std::pair<std::string, double>> expected = {
      {"88383", {"Remiremont", 7388}},
      {"88429", {"Saint-Nabord", 3953}},
      {"88487", {"Le Val-d'Ajol", 3885}},
      {"88415", {"Saint-Étienne-lès-Remiremont", 3818}},
      {"88158", {"Éloyes", 3138}},
      {"88409", {"Saint-Amé", 2129}},
      {"88148", {"Dommartin-lès-Remiremont", 1921}},
      {"88351", {"Plombières-les-Bains", 1573}},
      {"88498", {"Vecoux", 871}},
      {"88205", {"Girmont-Val-d'Ajol", 264}},
  };
  ASSERT_EQ(territory.communes.size(), 10u);
  double total = 0.0;
  std::set<std::string> codes;
  for (const Commune& commune : territory.communes) {
    ASSERT_TRUE(expected.contains(commune.code)) << commune.code;
    EXPECT_EQ(commune.name, expected.at(commune.code).first);
    EXPECT_EQ(commune.population, expected.at(commune.code).second);
    codes.insert(commune.code);
    total += commune.population;
  }
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(total, 28940.0);
  EXPECT_NE(territory.description.find("SYNTHETIC"), std::string::npos);
}

TEST(CcpvmDemoTerritory, CommuneShapesAreValidDisjointAndHoldTheirTownCentres) {
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  expect_valid_disjoint_communes(territory);
  // Approximate real town centres: the synthetic shapes must sit where the
  // communes really are.
  const std::map<std::string, LonLat> centres = {
      {"88383", {6.5917, 48.0175}}, {"88429", {6.5817, 48.0517}}, {"88487", {6.4828, 47.9225}},
      {"88415", {6.6083, 48.0225}}, {"88158", {6.6053, 48.0975}}, {"88409", {6.6653, 48.0236}},
      {"88148", {6.6411, 47.9992}}, {"88351", {6.4596, 47.9651}}, {"88498", {6.6389, 47.9775}},
      {"88205", {6.5594, 47.9508}},
  };
  for (const Commune& commune : territory.communes) {
    EXPECT_TRUE(contains(*commune.boundary, centres.at(commune.code))) << commune.code;
  }
  for (std::size_t i = 0; i < territory.communes.size(); ++i) {
    for (std::size_t j = i + 1; j < territory.communes.size(); ++j) {
      const GeosGeometry overlap =
          take_geos(GEOSIntersection_r(geos_context(), territory.communes[i].boundary.get(),
                                       territory.communes[j].boundary.get()),
                    "intersection");
      EXPECT_LT(area(*overlap), 1e-12)
          << territory.communes[i].code << " overlaps " << territory.communes[j].code;
    }
  }
  // The shapes are the real boundaries: the CCPVM covers 262 km² (shared
  // data README), Le Val-d'Ajol alone about 73 km² and Saint-Amé 8 km².
  const auto km2 = [](const GEOSGeometry& shape) {
    return area(shape) * 111.2 * 111.2 * std::cos(48.0 * std::numbers::pi / 180.0);
  };
  double total = 0.0;
  for (const Commune& commune : territory.communes) {
    total += km2(*commune.boundary);
    if (commune.code == "88487") {
      EXPECT_NEAR(km2(*commune.boundary), 73.0, 2.0);
    }
    if (commune.code == "88409") {
      EXPECT_NEAR(km2(*commune.boundary), 8.0, 0.5);
    }
  }
  EXPECT_NEAR(total, 262.0, 3.0);
}

// The synthetic roads run inside the real communes: every node lies in one
// (within 20 m of a border, where a lane may touch it).
TEST(CcpvmDemoTerritory, RoadsRunInsideTheRealCommunes) {
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  std::vector<const GEOSGeometry*> shapes;
  for (const Commune& commune : territory.communes) shapes.push_back(commune.boundary.get());
  std::size_t outside = 0;
  for (const OsmNodeRecord& node : territory.nodes) {
    bool in = false;
    const GeosGeometry point = geos_point(node.position.lon, node.position.lat);
    for (const GEOSGeometry* shape : shapes) {
      double distance = 0.0;
      GEOSDistance_r(geos_context(), shape, point.get(), &distance);
      in |= distance * 111'200.0 * std::cos(48.0 * std::numbers::pi / 180.0) < 20.0;
    }
    if (!in && outside == 0) {
      ADD_FAILURE() << "road node " << node.id << " at " << node.position.lon << ", "
                    << node.position.lat << " lies outside every commune";
    }
    outside += in ? 0 : 1;
  }
  EXPECT_EQ(outside, 0u) << "of " << territory.nodes.size() << " road nodes";
}

TEST(CcpvmDemoTerritory, FacilitiesLieInTheirCommunesNearARoad) {
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  const std::map<std::string, std::string> expected_commune = {
      {"creche-remiremont", "88383"},   {"centre-social-remiremont", "88383"},
      {"rpe-remiremont", "88383"},      {"france-services-remiremont", "88383"},
      {"micro-creche-eloyes", "88158"}, {"mjc-le-val-d-ajol", "88487"},
      {"alsh-saint-etienne", "88415"},  {"alsh-saint-nabord", "88429"},
      {"alsh-le-val-d-ajol", "88487"},
  };
  ASSERT_EQ(territory.facilities.size(), expected_commune.size());
  std::map<std::string, int> per_type;
  std::set<std::string> ids;
  for (const Facility& facility : territory.facilities) {
    EXPECT_TRUE(ids.insert(facility.id).second) << facility.id;
    ASSERT_TRUE(expected_commune.contains(facility.id)) << facility.id;
    EXPECT_EQ(commune_of(territory, facility.position), expected_commune.at(facility.id))
        << facility.id;
    EXPECT_LT(distance_to_nearest_node(territory, facility.position), 100.0) << facility.id;
    ++per_type[facility.service_type];
  }
  EXPECT_GE(per_type["eaje"], 2);
  EXPECT_GE(per_type["alsh"], 2);
  for (const char* type : {"centre_social", "mjc", "rpe", "france_services"}) {
    EXPECT_GE(per_type[type], 1) << type;
  }

  const auto by_id = [&](const std::string& id) {
    return *std::find_if(territory.facilities.begin(), territory.facilities.end(),
                         [&](const Facility& f) { return f.id == id; });
  };
  const Facility eloyes = by_id("micro-creche-eloyes");
  EXPECT_EQ(eloyes.service_type, "eaje");
  EXPECT_EQ(eloyes.capacity, 10.0);
  EXPECT_EQ(by_id("creche-remiremont").capacity, 40.0);
  EXPECT_EQ(by_id("creche-remiremont").name, "Crèche de Remiremont");

  // The micro-crèche stands on rue de la Moraine.
  double to_moraine = 1e300;
  std::map<std::int64_t, LonLat> positions;
  for (const OsmNodeRecord& node : territory.nodes) positions[node.id] = node.position;
  for (const OsmWayRecord& way : territory.ways) {
    if (tag(way, "name") != "Rue de la Moraine") continue;
    for (const std::int64_t id : way.node_ids) {
      to_moraine = std::min(to_moraine, geodesic_distance_m(positions.at(id), eloyes.position));
    }
  }
  EXPECT_LT(to_moraine, 80.0);
}

TEST(CcpvmDemoTerritory, RoadsAreConnectedAndPlausiblyTagged) {
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  expect_sound_road_network(territory);
  // Towns, valley roads, and the country lanes and hamlets between them.
  EXPECT_GT(territory.nodes.size(), 3'000u);
  EXPECT_LT(territory.nodes.size(), 8'000u);

  std::map<std::string, int> per_highway;
  int one_way = 0;
  int roundabouts = 0;
  std::map<std::int64_t, LonLat> positions;
  for (const OsmNodeRecord& node : territory.nodes) positions[node.id] = node.position;
  for (const OsmWayRecord& way : territory.ways) {
    ++per_highway[tag(way, "highway")];
    if (tag(way, "oneway") == "yes") ++one_way;
    if (tag(way, "junction") == "roundabout") {
      ++roundabouts;
      EXPECT_EQ(way.node_ids.front(), way.node_ids.back()) << "a roundabout is a closed ring";
    } else {
      const int speed = std::stoi(tag(way, "maxspeed"));
      EXPECT_TRUE(speed == 30 || speed == 50 || speed == 70 || speed == 80 || speed == 90) << speed;
    }
    // Nodes close enough that the roads follow their bends.
    for (std::size_t i = 1; i < way.node_ids.size(); ++i) {
      EXPECT_LT(
          geodesic_distance_m(positions.at(way.node_ids[i - 1]), positions.at(way.node_ids[i])),
          300.0);
    }
  }
  for (const char* highway :
       {"trunk", "primary", "secondary", "tertiary", "unclassified", "residential"}) {
    EXPECT_GE(per_highway[highway], 1) << highway;
  }
  EXPECT_GE(one_way, 2);
  EXPECT_EQ(roundabouts, 1);
}

// Cars can go from any node to any other: no one-way leads into a dead end.
TEST(CcpvmDemoTerritory, RoadsAreOneStronglyConnectedComponentForCars) {
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  std::unordered_map<std::int64_t, std::size_t> index;
  for (const OsmNodeRecord& node : territory.nodes) index.emplace(node.id, index.size());
  std::vector<std::vector<std::size_t>> forward(index.size());
  std::vector<std::vector<std::size_t>> backward(index.size());
  for (const OsmWayRecord& way : territory.ways) {
    const bool one_way = tag(way, "oneway") == "yes" || tag(way, "junction") == "roundabout";
    for (std::size_t i = 1; i < way.node_ids.size(); ++i) {
      const std::size_t a = index.at(way.node_ids[i - 1]);
      const std::size_t b = index.at(way.node_ids[i]);
      forward[a].push_back(b);
      backward[b].push_back(a);
      if (!one_way) {
        forward[b].push_back(a);
        backward[a].push_back(b);
      }
    }
  }
  const auto reached = [](const std::vector<std::vector<std::size_t>>& arcs) {
    std::vector<bool> seen(arcs.size(), false);
    std::vector<std::size_t> stack{0};
    seen[0] = true;
    std::size_t count = 1;
    while (!stack.empty()) {
      const std::size_t node = stack.back();
      stack.pop_back();
      for (const std::size_t next : arcs[node]) {
        if (!seen[next]) {
          seen[next] = true;
          ++count;
          stack.push_back(next);
        }
      }
    }
    return count;
  };
  EXPECT_EQ(reached(forward), territory.nodes.size()) << "some nodes cannot be reached";
  EXPECT_EQ(reached(backward), territory.nodes.size()) << "some nodes cannot be left";
}

// Roads that cross meet at a junction (a level crossing), as small roads in
// the countryside do, rather than passing over each other.
TEST(CcpvmDemoTerritory, CrossingRoadsShareANode) {
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  std::unordered_map<std::int64_t, LonLat> positions;
  for (const OsmNodeRecord& node : territory.nodes) positions[node.id] = node.position;
  struct Segment {
    std::int64_t from, to;
    double x0, y0, x1, y1;
  };
  std::vector<Segment> segments;
  const double kx = std::cos(48.0 * std::numbers::pi / 180.0);
  for (const OsmWayRecord& way : territory.ways) {
    for (std::size_t i = 1; i < way.node_ids.size(); ++i) {
      const LonLat a = positions.at(way.node_ids[i - 1]);
      const LonLat b = positions.at(way.node_ids[i]);
      segments.push_back(
          {way.node_ids[i - 1], way.node_ids[i], a.lon * kx, a.lat, b.lon * kx, b.lat});
    }
  }
  int crossings = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& p = segments[i];
    for (std::size_t j = i + 1; j < segments.size(); ++j) {
      const Segment& q = segments[j];
      if (std::max(p.x0, p.x1) < std::min(q.x0, q.x1) ||
          std::max(q.x0, q.x1) < std::min(p.x0, p.x1) ||
          std::max(p.y0, p.y1) < std::min(q.y0, q.y1) ||
          std::max(q.y0, q.y1) < std::min(p.y0, p.y1)) {
        continue;
      }
      if (p.from == q.from || p.from == q.to || p.to == q.from || p.to == q.to) continue;
      const auto side = [](double ax, double ay, double bx, double by, double cx, double cy) {
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
      };
      const double d1 = side(p.x0, p.y0, p.x1, p.y1, q.x0, q.y0);
      const double d2 = side(p.x0, p.y0, p.x1, p.y1, q.x1, q.y1);
      const double d3 = side(q.x0, q.y0, q.x1, q.y1, p.x0, p.y0);
      const double d4 = side(q.x0, q.y0, q.x1, q.y1, p.x1, p.y1);
      if (d1 * d2 < 0.0 && d3 * d4 < 0.0) ++crossings;
    }
  }
  EXPECT_EQ(crossings, 0);
}

// An equirectangular frame of its own, independent of the generator's.
constexpr double kMetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;
constexpr double kFrameLat = 48.0;
constexpr double kFrameLon = 6.58;
int lon_lat_to_metres(double* x, double* y, void*) {
  *x = (*x - kFrameLon) * kMetresPerDegree * std::cos(kFrameLat * std::numbers::pi / 180.0);
  *y = (*y - kFrameLat) * kMetresPerDegree;
  return 1;
}

// Small roads reach hamlets and farms across the whole Vosges countryside:
// nearly all of every commune lies within a short walk of a road.
TEST(CcpvmDemoTerritory, NearlyAllOfEveryCommuneLiesNearARoad) {
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  GEOSContextHandle_t context = geos_context();
  std::unordered_map<std::int64_t, LonLat> positions;
  for (const OsmNodeRecord& node : territory.nodes) positions[node.id] = node.position;
  std::vector<GEOSGeometry*> lines;
  for (const OsmWayRecord& way : territory.ways) {
    GEOSCoordSequence* sequence =
        GEOSCoordSeq_create_r(context, static_cast<unsigned>(way.node_ids.size()), 2);
    for (std::size_t i = 0; i < way.node_ids.size(); ++i) {
      double x = positions.at(way.node_ids[i]).lon;
      double y = positions.at(way.node_ids[i]).lat;
      lon_lat_to_metres(&x, &y, nullptr);
      GEOSCoordSeq_setXY_r(context, sequence, static_cast<unsigned>(i), x, y);
    }
    lines.push_back(GEOSGeom_createLineString_r(context, sequence));
  }
  const GeosGeometry roads =
      take_geos(GEOSGeom_createCollection_r(context, GEOS_MULTILINESTRING, lines.data(),
                                            static_cast<unsigned>(lines.size())),
                "roads");
  const GeosPrepared prepared_roads = geos_prepare(*roads);

  constexpr double kStepM = 200.0;
  constexpr double kWalkM = 700.0;
  for (const Commune& commune : territory.communes) {
    const GeosGeometry shape = take_geos(
        GEOSGeom_transformXY_r(context, commune.boundary.get(), lon_lat_to_metres, nullptr),
        "to metres");
    const GeosPrepared prepared_shape = geos_prepare(*shape);
    double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
    GEOSGeom_getXMin_r(context, shape.get(), &min_x);
    GEOSGeom_getYMin_r(context, shape.get(), &min_y);
    GEOSGeom_getXMax_r(context, shape.get(), &max_x);
    GEOSGeom_getYMax_r(context, shape.get(), &max_y);
    int inside = 0;
    int near = 0;
    double farthest = 0.0;
    for (double y = min_y + kStepM / 2; y < max_y; y += kStepM) {
      for (double x = min_x + kStepM / 2; x < max_x; x += kStepM) {
        const GeosGeometry point = geos_point(x, y);
        if (GEOSPreparedContains_r(context, prepared_shape.get(), point.get()) != 1) continue;
        double distance = 0.0;
        ASSERT_EQ(GEOSPreparedDistance_r(context, prepared_roads.get(), point.get(), &distance), 1);
        ++inside;
        if (distance <= kWalkM) ++near;
        farthest = std::max(farthest, distance);
      }
    }
    ASSERT_GT(inside, 20) << commune.code;
    const double share = static_cast<double>(near) / inside;
    EXPECT_GE(share, 0.9) << commune.name << ": " << near << " of " << inside
                          << " sample points within " << kWalkM << " m of a road";
    EXPECT_LT(farthest, 1'500.0) << commune.name;
    std::printf("%-30s %5.1f %% within %.0f m, farthest %.0f m\n", commune.name.c_str(),
                100.0 * share, kWalkM, farthest);
  }
}

void expect_same(const SyntheticTerritory& a, const SyntheticTerritory& b) {
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    ASSERT_EQ(a.nodes[i].id, b.nodes[i].id);
    ASSERT_EQ(a.nodes[i].position, b.nodes[i].position);
  }
  ASSERT_EQ(a.ways.size(), b.ways.size());
  for (std::size_t i = 0; i < a.ways.size(); ++i) {
    ASSERT_EQ(a.ways[i].node_ids, b.ways[i].node_ids);
    ASSERT_EQ(a.ways[i].tags, b.ways[i].tags);
  }
  ASSERT_EQ(a.communes.size(), b.communes.size());
  for (std::size_t i = 0; i < a.communes.size(); ++i) {
    EXPECT_EQ(a.communes[i].code, b.communes[i].code);
    EXPECT_EQ(geos_to_wkt(*a.communes[i].boundary), geos_to_wkt(*b.communes[i].boundary));
  }
  ASSERT_EQ(a.facilities.size(), b.facilities.size());
  for (std::size_t i = 0; i < a.facilities.size(); ++i) {
    EXPECT_EQ(a.facilities[i].id, b.facilities[i].id);
    EXPECT_EQ(a.facilities[i].position, b.facilities[i].position);
    EXPECT_EQ(a.facilities[i].capacity, b.facilities[i].capacity);
  }
}

TEST(CcpvmDemoTerritory, IsDeterministic) {
  expect_same(make_ccpvm_demo_territory(), make_ccpvm_demo_territory());
}

void expect_sound_large_territory(std::size_t road_nodes, std::uint64_t seed) {
  const SyntheticTerritory territory = make_synthetic_territory(road_nodes, seed);
  const auto size = static_cast<double>(territory.nodes.size());
  EXPECT_GE(size, 0.9 * static_cast<double>(road_nodes));
  EXPECT_LE(size, 1.1 * static_cast<double>(road_nodes));
  expect_sound_road_network(territory);
  expect_valid_disjoint_communes(territory);
  EXPECT_GE(territory.communes.size(), road_nodes / 200);

  std::map<std::string, int> per_type;
  std::set<std::string> codes;
  for (const Commune& commune : territory.communes) {
    EXPECT_TRUE(codes.insert(commune.code).second) << commune.code;
    EXPECT_GT(commune.population, 0.0);
  }
  std::set<std::string> ids;
  const std::size_t step = std::max<std::size_t>(1, territory.facilities.size() / 200);
  for (std::size_t i = 0; i < territory.facilities.size(); ++i) {
    const Facility& facility = territory.facilities[i];
    EXPECT_TRUE(ids.insert(facility.id).second) << facility.id;
    ++per_type[facility.service_type];
    // Each facility is named after its town's commune code, e.g. eaje-S000012.
    if (i % step == 0) {
      const std::string code = facility.id.substr(facility.id.rfind('-') + 1);
      EXPECT_EQ(commune_of(territory, facility.position), code) << facility.id;
    }
  }
  for (const char* type : {"eaje", "alsh", "centre_social", "mjc", "rpe", "france_services"}) {
    EXPECT_GE(per_type[type], 1) << type;
  }
  EXPECT_GT(per_type["eaje"], per_type["mjc"]);
}

TEST(SyntheticTerritory, TenThousandNodes) { expect_sound_large_territory(10'000, 1); }

TEST(SyntheticTerritory, HundredThousandNodes) { expect_sound_large_territory(100'000, 7); }

TEST(SyntheticTerritory, SmallRequestsStillMakeATerritory) {
  for (const std::size_t nodes : {0u, 50u, 1'000u}) {
    const SyntheticTerritory territory = make_synthetic_territory(nodes, 3);
    EXPECT_FALSE(territory.communes.empty());
    EXPECT_FALSE(territory.facilities.empty());
    expect_sound_road_network(territory);
  }
}

TEST(SyntheticTerritory, SameSeedSameTerritoryOtherSeedAnother) {
  const SyntheticTerritory a = make_synthetic_territory(10'000, 42);
  expect_same(a, make_synthetic_territory(10'000, 42));
  const SyntheticTerritory other = make_synthetic_territory(10'000, 43);
  EXPECT_FALSE(a.nodes.size() == other.nodes.size() &&
               std::equal(a.nodes.begin(), a.nodes.end(), other.nodes.begin(),
                          [](const OsmNodeRecord& x, const OsmNodeRecord& y) {
                            return x.position == y.position;
                          }));
}

// Its cost is measured in benchmarks/synthetic_territory_benchmark.cpp.
TEST(SyntheticTerritory, AMillionNodes) {
  const SyntheticTerritory territory = make_synthetic_territory(1'000'000, 11);
  EXPECT_NEAR(static_cast<double>(territory.nodes.size()), 1e6, 1e5);
}

}  // namespace
}  // namespace couverture
