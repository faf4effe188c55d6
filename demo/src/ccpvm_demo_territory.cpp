#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ccpvm_boundaries.hpp"
#include "couverture/demo/synthetic_territory.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "territory_builder.hpp"

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

// Lieux-dits in the Vosges style, with the form a road's name takes
// ("Chemin de la Goutte").
struct Place {
  const char* name;
  const char* of;
};
constexpr std::array<Place, 32> kPlaces = {{
    {"Le Void", "du Void"},
    {"La Goutte", "de la Goutte"},
    {"Le Faing", "du Faing"},
    {"La Chaume", "de la Chaume"},
    {"Les Granges", "des Granges"},
    {"Le Pâquis", "du Pâquis"},
    {"La Feigne", "de la Feigne"},
    {"Le Rain", "du Rain"},
    {"Les Hauts", "des Hauts"},
    {"La Croisette", "de la Croisette"},
    {"Le Ménil", "du Ménil"},
    {"La Forge", "de la Forge"},
    {"Le Breuil", "du Breuil"},
    {"Les Fouchées", "des Fouchées"},
    {"La Haie", "de la Haie"},
    {"Le Gouttet", "du Gouttet"},
    {"La Combe", "de la Combe"},
    {"Les Essarts", "des Essarts"},
    {"Le Battant", "du Battant"},
    {"La Croix", "de la Croix"},
    {"Le Fays", "du Fays"},
    {"La Rochotte", "de la Rochotte"},
    {"Les Cuveaux", "des Cuveaux"},
    {"Le Moulin", "du Moulin"},
    {"La Basse", "de la Basse"},
    {"Les Brûlés", "des Brûlés"},
    {"Le Pré Chevalier", "du Pré Chevalier"},
    {"La Hutte", "de la Hutte"},
    {"Les Envers", "des Envers"},
    {"Le Sapin Sec", "du Sapin Sec"},
    {"La Scierie", "de la Scierie"},
    {"Les Noires Terres", "des Noires Terres"},
}};

// The countryside between the towns: a coarse mesh of country lanes over
// the whole territory, as in the Vosges where small roads reach every hamlet
// and farm. The mesh is a jittered 1.5 km lattice kept inside `outline` (the
// real communes, in metres): a lattice point near a town is the town itself,
// the others are hamlets (a few residential streets) or lone junctions, and
// neighbouring points are joined by winding unclassified lanes, or tertiary
// roads at a town, unless the lane would leave the territory. Every road is
// two-way, so the network stays strongly connected.
void add_country_roads(TerritoryBuilder& builder, std::span<const TownGrid> towns,
                       std::span<const Metres> centres, const GEOSGeometry& outline) {
  constexpr double kSpacingM = 1500.0;
  constexpr double kInsetM = 250.0;  // points pulled inside stay clear of the border
  GEOSContextHandle_t context = geos_context();
  const GeosPrepared inside = geos_prepare(outline);
  const GeosGeometry border = take_geos(GEOSBoundary_r(context, &outline), "boundary");
  double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
  GEOSGeom_getXMin_r(context, &outline, &min_x);
  GEOSGeom_getYMin_r(context, &outline, &min_y);
  GEOSGeom_getXMax_r(context, &outline, &max_x);
  GEOSGeom_getYMax_r(context, &outline, &max_y);
  const double reach = kSpacingM;
  const int columns = static_cast<int>(std::ceil((max_x - min_x + 2.0 * reach) / kSpacingM)) + 1;
  const int rows = static_cast<int>(std::ceil((max_y - min_y + 2.0 * reach) / kSpacingM)) + 1;
  const auto is_inside = [&](Metres p) {
    const GeosGeometry probe = geos_point(p.x, p.y);
    double to_border = 0.0;
    GEOSDistance_r(context, border.get(), probe.get(), &to_border);
    return GEOSPreparedContains_r(context, inside.get(), probe.get()) == 1 &&
           to_border >= 0.5 * kInsetM;
  };

  // Lattice points: kept when well inside the outline, and pulled inside it
  // when just outside or too near the border, so that lanes also run along
  // the territory's edge.
  struct Point {
    bool kept = false;
    Metres position;
    std::size_t alias = 0;  // the point it merged into (itself if none)
  };
  std::vector<Point> lattice(static_cast<std::size_t>(rows * columns));
  auto at = [&](int row, int col) -> Point& {
    return lattice[static_cast<std::size_t>(row * columns + col)];
  };
  std::vector<std::size_t> kept;
  for (int row = 0; row < rows; ++row) {
    for (int col = 0; col < columns; ++col) {
      Metres p{min_x - reach + col * kSpacingM + builder.random().uniform(-0.3, 0.3) * kSpacingM,
               min_y - reach + row * kSpacingM + builder.random().uniform(-0.3, 0.3) * kSpacingM};
      const GeosGeometry probe = geos_point(p.x, p.y);
      double to_border = 0.0;
      GEOSDistance_r(context, border.get(), probe.get(), &to_border);
      const bool within = GEOSPreparedContains_r(context, inside.get(), probe.get()) == 1;
      if (!within && to_border > 0.75 * kSpacingM) continue;
      if (!within || to_border < kInsetM) {
        GEOSCoordSequence* nearest = GEOSNearestPoints_r(context, border.get(), probe.get());
        Metres q;
        GEOSCoordSeq_getXY_r(context, nearest, 0, &q.x, &q.y);
        GEOSCoordSeq_destroy_r(context, nearest);
        // Step from the border point along the inward direction.
        const double d = std::max(to_border, 1.0);
        const double sign = within ? 1.0 : -1.0;
        p = {q.x + sign * (p.x - q.x) / d * kInsetM, q.y + sign * (p.y - q.y) / d * kInsetM};
        if (!is_inside(p)) continue;
      }
      const std::size_t index = static_cast<std::size_t>(row * columns + col);
      Point& point = lattice[index];
      point = {true, p, index};
      // Points clamped onto the same stretch of edge merge.
      for (const std::size_t other : kept) {
        if (synthetic::distance_m(lattice[other].position, p) < 0.4 * kSpacingM) {
          point.alias = other;
          break;
        }
      }
      if (point.alias == index) kept.push_back(index);
    }
  }

  // What stands at each kept point: a town, a hamlet or a lone junction.
  enum class Kind { town, hamlet, junction };
  struct Stop {
    Kind kind = Kind::junction;
    std::size_t town = 0;
    TownGrid hamlet;
    std::int64_t node = 0;
    Place place{};
  };
  std::vector<Stop> stops(lattice.size());
  std::vector<bool> claimed(lattice.size(), false);
  for (std::size_t t = 0; t < towns.size(); ++t) {
    const TownGrid& town = towns[t];
    const double claim = town.layout.spacing_m * (town.layout.size - 1) * 0.71 + 450.0;
    std::size_t nearest = kept.front();
    for (const std::size_t k : kept) {
      const double d = synthetic::distance_m(lattice[k].position, centres[t]);
      if (d < synthetic::distance_m(lattice[nearest].position, centres[t])) nearest = k;
      if (d < claim && !claimed[k]) {
        claimed[k] = true;
        stops[k] = {Kind::town, t, {}, 0, {}};
      }
    }
    if (!claimed[nearest]) {
      claimed[nearest] = true;
      stops[nearest] = {Kind::town, t, {}, 0, {}};
    }
  }
  std::size_t place_index = 0;
  for (const std::size_t k : kept) {
    if (claimed[k]) continue;
    Stop& stop = stops[k];
    stop.place = kPlaces[place_index++ % kPlaces.size()];
    if (builder.random().chance(0.6)) {
      TownLayout layout;
      layout.centre = lattice[k].position;
      layout.size = builder.random().chance(0.25) ? 3 : 2;
      layout.spacing_m = builder.random().uniform(80.0, 120.0);
      layout.angle_rad = builder.random().uniform(-0.8, 0.8);
      layout.street_names.assign(static_cast<std::size_t>(2 * layout.size), stop.place.name);
      stop.kind = Kind::hamlet;
      stop.hamlet = builder.add_town(layout);
    } else {
      stop.kind = Kind::junction;
      stop.node = builder.add_node(lattice[k].position);
    }
  }

  // The node where a road to `toward` leaves the stop at lattice point k.
  auto endpoint = [&](std::size_t k, Metres toward) {
    const Stop& stop = stops[k];
    switch (stop.kind) {
      case Kind::town:
        return builder.exit_node(towns[stop.town], toward);
      case Kind::hamlet:
        return builder.exit_node(stop.hamlet, toward);
      case Kind::junction:
        break;
    }
    return stop.node;
  };
  auto where = [&](std::size_t k) {
    return stops[k].kind == Kind::town ? centres[stops[k].town] : lattice[k].position;
  };
  // A lane whose straight line, grown by its bends, stays in the territory.
  auto segment_inside = [&](Metres a, Metres b) {
    std::ostringstream wkt;
    wkt.precision(12);
    wkt << "LINESTRING(" << a.x << ' ' << a.y << ", " << b.x << ' ' << b.y << ')';
    const GeosGeometry line = geos_from_wkt(wkt.str());
    const GeosGeometry band = take_geos(GEOSBuffer_r(context, line.get(), 100.0, 4), "buffer");
    return GEOSPreparedContains_r(context, inside.get(), band.get()) == 1;
  };
  // Union-find over lattice points, all towns being one (the main roads
  // already join them), to link any stray piece of the mesh at the end.
  std::vector<std::size_t> parent(lattice.size() + 1);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  const std::size_t towns_root = lattice.size();
  auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  auto group = [&](std::size_t k) { return stops[k].kind == Kind::town ? towns_root : k; };
  // A lane of the mesh is sometimes missing (`optional`), for a less regular
  // pattern; the lanes that join stray pieces never are.
  auto lane = [&](std::size_t a, std::size_t b, bool optional) {
    if (a == b) return;
    const Stop& sa = stops[a];
    const Stop& sb = stops[b];
    if (sa.kind == Kind::town && sb.kind == Kind::town && sa.town == sb.town) return;
    const bool at_town = sa.kind == Kind::town || sb.kind == Kind::town;
    if (optional && !at_town && builder.random().chance(0.1)) return;
    const Place& place = sb.kind == Kind::town ? sa.place : sb.place;
    const std::int64_t from = endpoint(a, where(b));
    const std::int64_t to = endpoint(b, where(a));
    if (optional && !segment_inside(builder.position(from), builder.position(to))) return;
    const RoadShape shape{.step_m = builder.random().uniform(110.0, 190.0),
                          .amplitude_m = builder.random().uniform(15.0, 90.0),
                          .bends = builder.random().integer(1, 3),
                          .jitter_m = 8.0};
    OsmTags tags;
    if (sa.kind == Kind::town && sb.kind == Kind::town) {
      tags = road_tags("tertiary", "70", "Route de la Vallée");
    } else if (at_town) {
      tags = road_tags("tertiary", "70", (std::string("Route ") + place.of).c_str());
    } else {
      tags = road_tags("unclassified", builder.random().chance(0.5) ? "50" : "70",
                       (std::string("Chemin ") + place.of).c_str());
    }
    builder.add_road(from, to, shape, std::move(tags));
    parent[find(group(a))] = find(group(b));
  };
  for (int row = 0; row < rows; ++row) {
    for (int col = 0; col < columns; ++col) {
      const Point& here = at(row, col);
      if (!here.kept) continue;
      if (col + 1 < columns && at(row, col + 1).kept)
        lane(here.alias, at(row, col + 1).alias, true);
      if (row + 1 < rows && at(row + 1, col).kept) lane(here.alias, at(row + 1, col).alias, true);
    }
  }
  for (const std::size_t k : kept) {
    if (find(group(k)) == find(towns_root)) continue;
    std::size_t nearest = towns_root;
    double best = 0.0;
    for (const std::size_t other : kept) {
      if (find(group(other)) != find(towns_root)) continue;
      // A lane that would leave the territory counts as three times longer.
      const double d = synthetic::distance_m(where(k), where(other)) *
                       (segment_inside(where(k), where(other)) ? 1.0 : 3.0);
      if (nearest == towns_root || d < best) {
        best = d;
        nearest = other;
      }
    }
    lane(k, nearest, false);
  }
}

int lon_lat_to_metres(double* x, double* y, void* userdata) {
  const Metres p = static_cast<const synthetic::LocalFrame*>(userdata)->to_metres({*x, *y});
  *x = p.x;
  *y = p.y;
  return 1;
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

  // The real communes (IGN ADMIN EXPRESS-COG), and their union in metres:
  // the country lanes stay inside it.
  std::vector<GeosGeometry> shapes;
  std::vector<GEOSGeometry*> metric;
  GEOSContextHandle_t context = geos_context();
  for (const DemoCommune& commune : kCommunes) {
    shapes.push_back(
        geos_from_wkt(std::string(synthetic::ccpvm_commune_boundary_wkt(commune.code))));
    metric.push_back(
        take_geos(GEOSGeom_transformXY_r(context, shapes.back().get(), lon_lat_to_metres,
                                         const_cast<synthetic::LocalFrame*>(&frame)),
                  "transform to metres")
            .release());
  }
  const GeosGeometry parts =
      take_geos(GEOSGeom_createCollection_r(context, GEOS_GEOMETRYCOLLECTION, metric.data(),
                                            static_cast<unsigned>(metric.size())),
                "collection");
  const GeosGeometry outline = take_geos(GEOSUnaryUnion_r(context, parts.get()), "union");
  const std::size_t first_country_way = builder.way_count();
  add_country_roads(builder, towns, centres, *outline);
  builder.join_crossings(first_country_way);

  SyntheticTerritory territory;
  territory.description =
      "Demonstration territory of the CCPVM (Communauté de Communes de la Porte des Vosges "
      "Méridionales, around Remiremont, Vosges), partly SYNTHETIC. Real: the 10 communes, their "
      "INSEE codes, 2026 legal populations and boundaries, and their town centres. SYNTHETIC, "
      "invented for demonstration: the whole road network (plausible valley roads and lanes "
      "drawn inside the real communes, not OpenStreetMap), the age bands (national shares) and "
      "the facilities (illustrative; only the 10-place micro-crèche of Éloyes, rue de la "
      "Moraine, is a documented fact). Do not use the results for real decisions. Sources: "
      "commune boundaries IGN ADMIN EXPRESS-COG 2018 (simplified), populations INSEE/DGCL 2026, "
      "Licence Ouverte / Etalab; roads and facilities synthetic.";
  territory.nodes = builder.nodes();
  territory.ways = builder.take_ways();

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
