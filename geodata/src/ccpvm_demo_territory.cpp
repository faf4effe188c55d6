#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

#include "couverture/geodata/synthetic_territory.hpp"
#include "territory_builder.hpp"
#include "voronoi_communes.hpp"

namespace couverture {

namespace {

using synthetic::Metres;
using synthetic::RoadShape;
using synthetic::TerritoryBuilder;
using synthetic::TownGrid;
using synthetic::TownLayout;

// The 10 communes of the CCPVM: INSEE codes and 2026 legal populations
// (INSEE / DGCL, Licence Ouverte), and approximate town centres checked to
// lie inside the real commune boundaries (IGN ADMIN EXPRESS-COG).
struct DemoCommune {
  const char* code;
  const char* name;
  int population;
  LonLat centre;
};
constexpr std::array<DemoCommune, 10> kCommunes = {{
    {"88383", "Remiremont", 7388, {6.5917, 48.0175}},
    {"88429", "Saint-Nabord", 3953, {6.5817, 48.0517}},
    {"88487", "Le Val-d'Ajol", 3885, {6.4828, 47.9225}},
    {"88415", "Saint-Étienne-lès-Remiremont", 3818, {6.6083, 48.0225}},
    {"88158", "Éloyes", 3138, {6.6053, 48.0975}},
    {"88409", "Saint-Amé", 2129, {6.6653, 48.0236}},
    {"88148", "Dommartin-lès-Remiremont", 1921, {6.6411, 47.9992}},
    {"88351", "Plombières-les-Bains", 1573, {6.4596, 47.9651}},
    {"88498", "Vecoux", 871, {6.6389, 47.9775}},
    {"88205", "Girmont-Val-d'Ajol", 264, {6.5594, 47.9508}},
}};
enum Town : std::size_t {
  remiremont,
  saint_nabord,
  val_d_ajol,
  saint_etienne,
  eloyes,
  saint_ame,
  dommartin,
  plombieres,
  vecoux,
  girmont
};

// Illustrative services: plausible kinds and places. The Éloyes micro-crèche
// (10 places, rue de la Moraine, an annex of the Remiremont crèche since
// 2021) is documented; the other capacities are invented.
struct DemoFacility {
  const char* id;
  const char* name;
  const char* service_type;
  double capacity;
  Town town;
  int block_row;
  int block_col;
  int spot;
};
constexpr std::array<DemoFacility, 9> kFacilities = {{
    {"creche-remiremont", "Crèche de Remiremont", "eaje", 40, remiremont, 2, 2, 0},
    {"centre-social-remiremont", "Centre social de Remiremont", "centre_social", 0, remiremont, 3,
     3, 0},
    {"rpe-remiremont", "Relais petite enfance de Remiremont", "rpe", 0, remiremont, 2, 3, 0},
    {"france-services-remiremont", "France Services Remiremont", "france_services", 0, remiremont,
     3, 2, 0},
    // Row 1 of the Éloyes grid is named rue de la Moraine below.
    {"micro-creche-eloyes", "Micro-crèche d'Éloyes", "eaje", 10, eloyes, 1, 1, 0},
    {"mjc-le-val-d-ajol", "MJC du Val-d'Ajol", "mjc", 0, val_d_ajol, 1, 2, 0},
    {"alsh-saint-etienne", "Accueil de loisirs de Saint-Étienne-lès-Remiremont", "alsh", 60,
     saint_etienne, 1, 1, 2},
    {"alsh-saint-nabord", "Accueil de loisirs de Saint-Nabord", "alsh", 48, saint_nabord, 2, 1, 0},
    {"alsh-le-val-d-ajol", "Accueil de loisirs du Val-d'Ajol", "alsh", 40, val_d_ajol, 2, 1, 3},
}};

OsmTags road_tags(const char* highway, const char* maxspeed, const char* name) {
  return {{"highway", highway}, {"name", name}, {"maxspeed", maxspeed}};
}

}  // namespace

SyntheticTerritory make_ccpvm_demo_territory() {
  TerritoryBuilder builder(kCommunes[remiremont].centre, 0xCC9F'2026);
  const auto& frame = builder.frame();

  std::vector<Metres> centres;
  std::vector<TownGrid> towns;
  for (std::size_t i = 0; i < kCommunes.size(); ++i) {
    const DemoCommune& commune = kCommunes[i];
    TownLayout layout;
    layout.centre = frame.to_metres(commune.centre);
    // About one street per 150 inhabitants each way: Remiremont 7 x 7,
    // Girmont a hamlet of 2 x 2.
    layout.size =
        std::clamp(static_cast<int>(std::lround(std::sqrt(commune.population) / 12.0)), 2, 8);
    layout.spacing_m = 110.0;
    layout.angle_rad = builder.random().uniform(-0.35, 0.35);
    if (i == eloyes) layout.street_names = {"Rue du Général de Gaulle", "Rue de la Moraine"};
    if (i == remiremont) layout.one_way_rows = {1, 5};
    if (i == plombieres) layout.one_way_rows = {0};
    centres.push_back(layout.centre);
    towns.push_back(builder.add_town(layout));
  }

  auto exit_toward = [&](Town from, Town to) {
    return builder.exit_node(towns[from], centres[to]);
  };
  auto link = [&](Town from, Town to, const RoadShape& shape, OsmTags tags) {
    builder.add_road(exit_toward(from, to), exit_toward(to, from), shape, std::move(tags));
  };

  // Remiremont's northern entrance: a roundabout where the road from Épinal
  // (via Saint-Nabord) meets the road to Saint-Étienne.
  const std::int64_t north_gate = exit_toward(remiremont, saint_nabord);
  const Metres gate = builder.position(north_gate);
  const Metres toward = centres[saint_nabord];
  const double gate_distance = synthetic::distance_m(gate, toward);
  const Metres ring_centre{gate.x + (toward.x - gate.x) * 90.0 / gate_distance,
                           gate.y + (toward.y - gate.y) * 90.0 / gate_distance};
  const std::vector<std::int64_t> ring = builder.add_roundabout(
      ring_centre, 22.0, 8, {{"highway", "primary"}, {"junction", "roundabout"}});
  const RoadShape straight{.step_m = 150.0, .amplitude_m = 0.0, .bends = 0, .jitter_m = 2.0};
  builder.add_road(builder.nearest_node(ring, gate), north_gate, straight,
                   road_tags("primary", "50", "Avenue d'Épinal"));
  builder.add_road(builder.nearest_node(ring, centres[saint_nabord]),
                   exit_toward(saint_nabord, remiremont), {150.0, 60.0, 1, 8.0},
                   road_tags("trunk", "90", "Route d'Épinal"));
  builder.add_road(builder.nearest_node(ring, centres[saint_etienne]),
                   exit_toward(saint_etienne, remiremont), {150.0, 30.0, 1, 5.0},
                   road_tags("primary", "80", "Route de Saint-Étienne"));

  // Valley roads along the Moselle and the Moselotte.
  link(saint_nabord, eloyes, {170.0, 120.0, 2, 10.0}, road_tags("trunk", "90", "Route d'Épinal"));
  link(remiremont, dommartin, {160.0, 80.0, 1, 10.0}, road_tags("trunk", "80", "Route du Thillot"));
  link(dommartin, vecoux, {160.0, 60.0, 1, 10.0}, road_tags("trunk", "80", "Route du Thillot"));
  link(saint_etienne, saint_ame, {160.0, 70.0, 2, 10.0},
       road_tags("primary", "80", "Route de Gérardmer"));
  link(saint_etienne, eloyes, {170.0, 110.0, 2, 10.0},
       road_tags("secondary", "80", "Route d'Éloyes"));
  link(remiremont, plombieres, {180.0, 150.0, 2, 12.0},
       road_tags("trunk", "80", "Route de Plombières"));
  link(plombieres, val_d_ajol, {170.0, 90.0, 1, 10.0},
       road_tags("secondary", "80", "Route du Val-d'Ajol"));
  // Girmont sits on the plateau: a narrow road winds up from Remiremont and
  // down again to Le Val-d'Ajol.
  link(remiremont, girmont, {70.0, 220.0, 10, 5.0},
       road_tags("tertiary", "70", "Route de Girmont"));
  link(girmont, val_d_ajol, {70.0, 180.0, 8, 5.0}, road_tags("tertiary", "70", "Route de Girmont"));

  SyntheticTerritory territory;
  territory.description =
      "Synthetic demonstration territory of the CCPVM (Communauté de Communes de la Porte des "
      "Vosges Méridionales, around Remiremont, Vosges). Real: the 10 communes, their INSEE codes "
      "and 2026 legal populations (INSEE/DGCL, Licence Ouverte), placed at their approximate "
      "town centres. SYNTHETIC, invented for demonstration: the commune shapes (Voronoi cells "
      "of the town centres, not the real boundaries) and the whole road network (not "
      "OpenStreetMap). Facilities are illustrative; only the 10-place micro-crèche of Éloyes "
      "(rue de la Moraine) is a documented fact. Do not use the results for real decisions.";
  territory.nodes = builder.nodes();
  territory.ways = builder.take_ways();

  std::vector<GeosGeometry> shapes = synthetic::voronoi_commune_shapes(centres, 2500.0, frame);
  for (std::size_t i = 0; i < kCommunes.size(); ++i) {
    territory.communes.push_back({kCommunes[i].code, kCommunes[i].name,
                                  static_cast<double>(kCommunes[i].population),
                                  std::move(shapes[i]), false});
  }
  for (const DemoFacility& facility : kFacilities) {
    const Metres spot = synthetic::facility_spot(towns[facility.town], facility.block_row,
                                                 facility.block_col, facility.spot);
    territory.facilities.push_back({facility.id, facility.name, facility.service_type,
                                    facility.capacity, synthetic::to_osm_lon_lat(frame, spot)});
  }
  return territory;
}

}  // namespace couverture
