#include "couverture/demo/synthetic_territory.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "territory_builder.hpp"
#include "voronoi_communes.hpp"

namespace couverture {

namespace {

using synthetic::DeterministicRandom;
using synthetic::Metres;
using synthetic::RoadShape;
using synthetic::TerritoryBuilder;
using synthetic::TownGrid;
using synthetic::TownLayout;

constexpr double kTownSpacingM = 3500.0;
constexpr double kRoadStepM = 160.0;
// Average road nodes a town brings (its grid and its two links), used only
// to choose how many towns make a row of the lattice.
constexpr double kNodesPerTownEstimate = 65.0;

std::string town_name(DeterministicRandom& random) {
  constexpr std::array<const char*, 12> kStems = {"Val",   "Mont",  "Bois",  "Roche",
                                                  "Fonte", "Pré",   "Haut",  "Champ",
                                                  "Rupt",  "Belle", "Grand", "Sapin"};
  constexpr std::array<const char*, 8> kEndings = {"ville", "mont", "court", "fey",
                                                   "bach",  "pré",  "val",   "moutier"};
  constexpr std::array<const char*, 6> kQualifiers = {"",           "",          "-sur-Moselle",
                                                      "-en-Vosges", "-la-Forêt", "-les-Bains"};
  return std::string(kStems[static_cast<std::size_t>(
             random.integer(0, static_cast<int>(kStems.size()) - 1))]) +
         kEndings[static_cast<std::size_t>(
             random.integer(0, static_cast<int>(kEndings.size()) - 1))] +
         kQualifiers[static_cast<std::size_t>(
             random.integer(0, static_cast<int>(kQualifiers.size()) - 1))];
}

std::string commune_code(std::size_t index) {
  char code[24];
  std::snprintf(code, sizeof code, "S%06zu", index + 1);
  return code;
}

struct ServiceKind {
  const char* type;
  const char* name_prefix;
  double probability;  // of a town having one
};
constexpr std::array<ServiceKind, 6> kServices = {{
    {"eaje", "Crèche de ", 0.55},
    {"alsh", "Accueil de loisirs de ", 0.45},
    {"rpe", "Relais petite enfance de ", 0.2},
    {"centre_social", "Centre social de ", 0.15},
    {"mjc", "MJC de ", 0.12},
    {"france_services", "France Services ", 0.12},
}};

double service_capacity(const std::string& type, DeterministicRandom& random) {
  if (type == "eaje") {
    // Many rural EAJE are micro-crèches of 10 or 12 places.
    return random.chance(0.4) ? (random.chance(0.5) ? 10.0 : 12.0)
                              : 20.0 + 5.0 * random.integer(0, 8);
  }
  if (type == "alsh") return 24.0 + 12.0 * random.integer(0, 8);
  return 0.0;
}

// The towns built so far, by index in the lattice (row by row).
struct SyntheticTowns {
  std::vector<Metres> centres;
  std::vector<TownGrid> grids;
  std::vector<std::string> names;
  std::vector<double> populations;
};

// A town's grid at lattice point (row, col): a jittered centre, mostly
// villages and a few towns.
TownLayout draw_town_layout(DeterministicRandom& random, std::size_t row, std::size_t col) {
  const double jitter = 0.12 * kTownSpacingM;
  TownLayout layout;
  layout.centre = {static_cast<double>(col) * kTownSpacingM + random.uniform(-jitter, jitter),
                   -static_cast<double>(row) * kTownSpacingM + random.uniform(-jitter, jitter)};
  // Mostly villages, a few towns.
  const double u = random.unit();
  layout.size = 3 + static_cast<int>(9.0 * u * u);
  layout.spacing_m = random.uniform(100.0, 140.0);
  layout.angle_rad = random.uniform(-0.3, 0.3);
  return layout;
}

// The last towns shrink so that the total lands close to the target: the
// grid keeps to the nodes left once its links to the west and north are
// counted.
void shrink_to_target(TownLayout& layout, double target, std::size_t node_count, std::size_t row,
                      std::size_t col) {
  const int links = (col > 0 ? 1 : 0) + (row > 0 ? 1 : 0);
  const double link_nodes =
      links * std::max(0.0, kTownSpacingM - layout.size * layout.spacing_m) / kRoadStepM;
  const double remaining = target - static_cast<double>(node_count) - link_nodes;
  if (layout.size * layout.size > remaining) {
    layout.size = std::clamp(static_cast<int>(std::sqrt(std::max(remaining, 4.0))), 2, layout.size);
  }
}

// The main road from town t to its western neighbour, entered through a
// roundabout when the town is large; its class follows the lattice row.
void link_to_west(TerritoryBuilder& builder, const SyntheticTowns& towns, std::size_t t,
                  std::size_t row) {
  DeterministicRandom& random = builder.random();
  const TownGrid& town = towns.grids[t];
  const std::size_t west = t - 1;
  std::int64_t start = builder.exit_node(town, towns.centres[west]);
  if (town.layout.size >= 9) {
    // Larger towns are entered through a roundabout.
    const Metres gate = builder.position(start);
    const Metres away = towns.centres[west];
    const double d = synthetic::distance_m(gate, away);
    const Metres ring_centre{gate.x + (away.x - gate.x) * 80.0 / d,
                             gate.y + (away.y - gate.y) * 80.0 / d};
    const auto ring = builder.add_roundabout(ring_centre, 20.0, 8,
                                             {{"highway", "primary"}, {"junction", "roundabout"}});
    builder.add_road(builder.nearest_node(ring, gate), start, {kRoadStepM, 0.0, 0, 2.0},
                     {{"highway", "primary"}, {"maxspeed", "50"}});
    start = builder.nearest_node(ring, away);
  }
  const char* highway = row % 4 == 0 ? "trunk" : row % 2 == 0 ? "primary" : "secondary";
  builder.add_road(start, builder.exit_node(towns.grids[west], towns.centres[t]),
                   {kRoadStepM, random.uniform(20.0, 120.0), random.integer(1, 3), 10.0},
                   {{"highway", highway},
                    {"name", "Route de " + towns.names[west]},
                    {"maxspeed", row % 4 == 0 ? "90" : "80"}});
}

// The road from town t to its northern neighbour: two columns in three
// wind as tertiary roads, the others are straighter secondary roads.
void link_to_north(TerritoryBuilder& builder, const SyntheticTowns& towns, std::size_t t,
                   std::size_t north, std::size_t col) {
  DeterministicRandom& random = builder.random();
  const bool winding = col % 3 != 0;
  builder.add_road(builder.exit_node(towns.grids[t], towns.centres[north]),
                   builder.exit_node(towns.grids[north], towns.centres[t]),
                   winding ? RoadShape{kRoadStepM * 0.6, 150.0, random.integer(3, 6), 6.0}
                           : RoadShape{kRoadStepM, random.uniform(20.0, 100.0), 1, 10.0},
                   {{"highway", winding ? "tertiary" : "secondary"},
                    {"name", "Route de " + towns.names[north]},
                    {"maxspeed", winding ? "70" : "80"}});
}

// Town t's services, each kind drawn with its probability, at the town's
// facility spots nearest the centre first.
void add_town_services(TerritoryBuilder& builder, const SyntheticTowns& towns, std::size_t t,
                       std::vector<Facility>& facilities) {
  DeterministicRandom& random = builder.random();
  int slot = 0;
  for (const ServiceKind& service : kServices) {
    // The first town has every service, so that each type exists.
    if (t != 0 && !random.chance(service.probability)) continue;
    const Metres spot = synthetic::nth_facility_spot(towns.grids[t], slot++);
    facilities.push_back({std::string(service.type) + "-" + commune_code(t),
                          service.name_prefix + towns.names[t], service.type,
                          service_capacity(service.type, random),
                          synthetic::to_osm_lon_lat(builder.frame(), spot)});
  }
}

// The roads built, and one Voronoi commune per town.
void add_roads_and_communes(TerritoryBuilder& builder, SyntheticTowns towns,
                            SyntheticTerritory& territory) {
  territory.description =
      "Synthetic benchmark territory: " + std::to_string(towns.grids.size()) +
      " invented towns with street grids joined by main roads, one synthetic commune per town "
      "(Voronoi cells), invented populations and facilities. Nothing here is real.";
  territory.nodes = builder.nodes();
  territory.ways = builder.take_ways();
  std::vector<GeosGeometry> shapes =
      synthetic::voronoi_commune_shapes(towns.centres, 0.6 * kTownSpacingM, builder.frame());
  territory.communes.reserve(towns.grids.size());
  for (std::size_t i = 0; i < towns.grids.size(); ++i) {
    territory.communes.push_back({commune_code(i), std::move(towns.names[i]), towns.populations[i],
                                  std::move(shapes[i]), false});
  }
}

}  // namespace

SyntheticTerritory make_synthetic_territory(std::size_t road_nodes, std::uint64_t seed) {
  TerritoryBuilder builder({4.0, 49.0}, seed);
  DeterministicRandom& random = builder.random();
  const auto target = static_cast<double>(road_nodes);
  const std::size_t columns = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::lround(std::sqrt(target / kNodesPerTownEstimate))));

  SyntheticTerritory territory;
  SyntheticTowns towns;
  // Towns fill a jittered lattice row by row, each joined to its western
  // and northern neighbours, until the road network has enough nodes.
  for (std::size_t t = 0; t == 0 || static_cast<double>(builder.node_count()) < target; ++t) {
    const std::size_t row = t / columns;
    const std::size_t col = t % columns;
    TownLayout layout = draw_town_layout(random, row, col);
    shrink_to_target(layout, target, builder.node_count(), row, col);
    if (layout.size >= 6) layout.one_way_rows = {1, layout.size - 2};

    towns.names.push_back(town_name(random));
    towns.centres.push_back(layout.centre);
    towns.grids.push_back(builder.add_town(layout));
    towns.populations.push_back(std::round(layout.size * layout.size * random.uniform(40.0, 90.0)));

    if (col > 0) link_to_west(builder, towns, t, row);
    if (row > 0) link_to_north(builder, towns, t, t - columns, col);
    add_town_services(builder, towns, t, territory.facilities);
  }
  add_roads_and_communes(builder, std::move(towns), territory);
  return territory;
}

}  // namespace couverture
