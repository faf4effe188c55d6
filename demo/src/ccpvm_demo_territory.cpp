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
// two-way, so the network stays strongly connected. The steps share the
// lattice, what stands at its points and which of them are joined, so they
// are the methods of one object, called in order by add_country_roads.
class CountryRoads {
 public:
  CountryRoads(TerritoryBuilder& builder, std::span<const TownGrid> towns,
               std::span<const Metres> centres, const GEOSGeometry& outline)
      : builder_(builder),
        towns_(towns),
        centres_(centres),
        context_(geos_context()),
        inside_(geos_prepare(outline)),
        border_(take_geos(GEOSBoundary_r(context_, &outline), "boundary")) {
    GEOSGeom_getXMin_r(context_, &outline, &min_x_);
    GEOSGeom_getYMin_r(context_, &outline, &min_y_);
    GEOSGeom_getXMax_r(context_, &outline, &max_x_);
    GEOSGeom_getYMax_r(context_, &outline, &max_y_);
    columns_ = static_cast<int>(std::ceil((max_x_ - min_x_ + 2.0 * kReachM) / kSpacingM)) + 1;
    rows_ = static_cast<int>(std::ceil((max_y_ - min_y_ + 2.0 * kReachM) / kSpacingM)) + 1;
    lattice_.resize(static_cast<std::size_t>(rows_ * columns_));
    stops_.resize(lattice_.size());
    claimed_.assign(lattice_.size(), false);
    parent_.resize(lattice_.size() + 1);
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
    towns_root_ = lattice_.size();
  }

  // Lattice points: kept when well inside the outline, and pulled inside it
  // when just outside or too near the border, so that lanes also run along
  // the territory's edge.
  void place_lattice_points() {
    for (int row = 0; row < rows_; ++row) {
      for (int col = 0; col < columns_; ++col) {
        Metres p{
            min_x_ - kReachM + col * kSpacingM + builder_.random().uniform(-0.3, 0.3) * kSpacingM,
            min_y_ - kReachM + row * kSpacingM + builder_.random().uniform(-0.3, 0.3) * kSpacingM};
        if (!pull_inside(p)) continue;
        keep_point(static_cast<std::size_t>(row * columns_ + col), p);
      }
    }
  }

  // What stands at each kept point: a town, a hamlet or a lone junction.
  // The towns claim the points near them first.
  void claim_town_points() {
    for (std::size_t t = 0; t < towns_.size(); ++t) {
      const TownGrid& town = towns_[t];
      const double claim = town.layout.spacing_m * (town.layout.size - 1) * 0.71 + 450.0;
      std::size_t nearest = kept_.front();
      for (const std::size_t k : kept_) {
        const double d = synthetic::distance_m(lattice_[k].position, centres_[t]);
        if (d < synthetic::distance_m(lattice_[nearest].position, centres_[t])) nearest = k;
        if (d < claim && !claimed_[k]) {
          claimed_[k] = true;
          stops_[k] = {Kind::town, t, {}, 0, {}};
        }
      }
      if (!claimed_[nearest]) {
        claimed_[nearest] = true;
        stops_[nearest] = {Kind::town, t, {}, 0, {}};
      }
    }
  }

  // The points no town claimed become hamlets or lone junctions, named
  // after the lieux-dits in turn.
  void settle_hamlets_and_junctions() {
    std::size_t place_index = 0;
    for (const std::size_t k : kept_) {
      if (claimed_[k]) continue;
      Stop& stop = stops_[k];
      stop.place = kPlaces[place_index++ % kPlaces.size()];
      if (builder_.random().chance(0.6)) {
        TownLayout layout;
        layout.centre = lattice_[k].position;
        layout.size = builder_.random().chance(0.25) ? 3 : 2;
        layout.spacing_m = builder_.random().uniform(80.0, 120.0);
        layout.angle_rad = builder_.random().uniform(-0.8, 0.8);
        layout.street_names.assign(static_cast<std::size_t>(2 * layout.size), stop.place.name);
        stop.kind = Kind::hamlet;
        stop.hamlet = builder_.add_town(layout);
      } else {
        stop.kind = Kind::junction;
        stop.node = builder_.add_node(lattice_[k].position);
      }
    }
  }

  // The mesh: each kept point joined to its right and upper neighbours.
  void lay_mesh_lanes() {
    for (int row = 0; row < rows_; ++row) {
      for (int col = 0; col < columns_; ++col) {
        const Point& here = at(row, col);
        if (!here.kept) continue;
        if (col + 1 < columns_ && at(row, col + 1).kept)
          lane(here.alias, at(row, col + 1).alias, true);
        if (row + 1 < rows_ && at(row + 1, col).kept)
          lane(here.alias, at(row + 1, col).alias, true);
      }
    }
  }

  // Any stray piece of the mesh is joined to the nearest point already
  // joined to the towns.
  void join_stray_pieces() {
    for (const std::size_t k : kept_) {
      if (find(group(k)) == find(towns_root_)) continue;
      std::size_t nearest = towns_root_;
      double best = 0.0;
      for (const std::size_t other : kept_) {
        if (find(group(other)) != find(towns_root_)) continue;
        // A lane that would leave the territory counts as three times longer.
        const double d = synthetic::distance_m(where(k), where(other)) *
                         (segment_inside(where(k), where(other)) ? 1.0 : 3.0);
        if (nearest == towns_root_ || d < best) {
          best = d;
          nearest = other;
        }
      }
      lane(k, nearest, false);
    }
  }

 private:
  static constexpr double kSpacingM = 1500.0;
  static constexpr double kInsetM = 250.0;  // points pulled inside stay clear of the border
  static constexpr double kReachM = kSpacingM;

  struct Point {
    bool kept = false;
    Metres position;
    std::size_t alias = 0;  // the point it merged into (itself if none)
  };
  enum class Kind { town, hamlet, junction };
  struct Stop {
    Kind kind = Kind::junction;
    std::size_t town = 0;
    TownGrid hamlet;
    std::int64_t node = 0;
    Place place{};
  };

  Point& at(int row, int col) { return lattice_[static_cast<std::size_t>(row * columns_ + col)]; }

  bool is_inside(Metres p) const {
    const GeosGeometry probe = geos_point(p.x, p.y);
    double to_border = 0.0;
    GEOSDistance_r(context_, border_.get(), probe.get(), &to_border);
    return GEOSPreparedContains_r(context_, inside_.get(), probe.get()) == 1 &&
           to_border >= 0.5 * kInsetM;
  }

  // False when the point lies too far out to keep; otherwise true, with a
  // point outside or too near the border stepped inward from it.
  bool pull_inside(Metres& p) const {
    const GeosGeometry probe = geos_point(p.x, p.y);
    double to_border = 0.0;
    GEOSDistance_r(context_, border_.get(), probe.get(), &to_border);
    const bool within = GEOSPreparedContains_r(context_, inside_.get(), probe.get()) == 1;
    if (!within && to_border > 0.75 * kSpacingM) return false;
    if (!within || to_border < kInsetM) {
      GEOSCoordSequence* nearest = GEOSNearestPoints_r(context_, border_.get(), probe.get());
      Metres q;
      GEOSCoordSeq_getXY_r(context_, nearest, 0, &q.x, &q.y);
      GEOSCoordSeq_destroy_r(context_, nearest);
      // Step from the border point along the inward direction.
      const double d = std::max(to_border, 1.0);
      const double sign = within ? 1.0 : -1.0;
      p = {q.x + sign * (p.x - q.x) / d * kInsetM, q.y + sign * (p.y - q.y) / d * kInsetM};
      if (!is_inside(p)) return false;
    }
    return true;
  }

  void keep_point(std::size_t index, Metres p) {
    Point& point = lattice_[index];
    point = {true, p, index};
    // Points clamped onto the same stretch of edge merge.
    for (const std::size_t other : kept_) {
      if (synthetic::distance_m(lattice_[other].position, p) < 0.4 * kSpacingM) {
        point.alias = other;
        break;
      }
    }
    if (point.alias == index) kept_.push_back(index);
  }

  // The node where a road to `toward` leaves the stop at lattice point k.
  std::int64_t endpoint(std::size_t k, Metres toward) const {
    const Stop& stop = stops_[k];
    switch (stop.kind) {
      case Kind::town:
        return builder_.exit_node(towns_[stop.town], toward);
      case Kind::hamlet:
        return builder_.exit_node(stop.hamlet, toward);
      case Kind::junction:
        break;
    }
    return stop.node;
  }
  Metres where(std::size_t k) const {
    return stops_[k].kind == Kind::town ? centres_[stops_[k].town] : lattice_[k].position;
  }
  // A lane whose straight line, grown by its bends, stays in the territory.
  bool segment_inside(Metres a, Metres b) const {
    std::ostringstream wkt;
    wkt.precision(12);
    wkt << "LINESTRING(" << a.x << ' ' << a.y << ", " << b.x << ' ' << b.y << ')';
    const GeosGeometry line = geos_from_wkt(wkt.str());
    const GeosGeometry band = take_geos(GEOSBuffer_r(context_, line.get(), 100.0, 4), "buffer");
    return GEOSPreparedContains_r(context_, inside_.get(), band.get()) == 1;
  }
  // Union-find over lattice points, all towns being one (the main roads
  // already join them), to link any stray piece of the mesh at the end.
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  std::size_t group(std::size_t k) const { return stops_[k].kind == Kind::town ? towns_root_ : k; }
  // A lane of the mesh is sometimes missing (`optional`), for a less regular
  // pattern; the lanes that join stray pieces never are.
  void lane(std::size_t a, std::size_t b, bool optional) {
    if (a == b) return;
    const Stop& sa = stops_[a];
    const Stop& sb = stops_[b];
    if (sa.kind == Kind::town && sb.kind == Kind::town && sa.town == sb.town) return;
    const bool at_town = sa.kind == Kind::town || sb.kind == Kind::town;
    if (optional && !at_town && builder_.random().chance(0.1)) return;
    const Place& place = sb.kind == Kind::town ? sa.place : sb.place;
    const std::int64_t from = endpoint(a, where(b));
    const std::int64_t to = endpoint(b, where(a));
    if (optional && !segment_inside(builder_.position(from), builder_.position(to))) return;
    const RoadShape shape{.step_m = builder_.random().uniform(110.0, 190.0),
                          .amplitude_m = builder_.random().uniform(15.0, 90.0),
                          .bends = builder_.random().integer(1, 3),
                          .jitter_m = 8.0};
    OsmTags tags;
    if (sa.kind == Kind::town && sb.kind == Kind::town) {
      tags = road_tags("tertiary", "70", "Route de la Vallée");
    } else if (at_town) {
      tags = road_tags("tertiary", "70", (std::string("Route ") + place.of).c_str());
    } else {
      tags = road_tags("unclassified", builder_.random().chance(0.5) ? "50" : "70",
                       (std::string("Chemin ") + place.of).c_str());
    }
    builder_.add_road(from, to, shape, std::move(tags));
    parent_[find(group(a))] = find(group(b));
  }

  TerritoryBuilder& builder_;
  std::span<const TownGrid> towns_;
  std::span<const Metres> centres_;
  GEOSContextHandle_t context_;
  GeosPrepared inside_;
  GeosGeometry border_;
  double min_x_ = 0.0, min_y_ = 0.0, max_x_ = 0.0, max_y_ = 0.0;
  int columns_ = 0;
  int rows_ = 0;
  std::vector<Point> lattice_;
  std::vector<std::size_t> kept_;
  std::vector<Stop> stops_;
  std::vector<bool> claimed_;
  std::vector<std::size_t> parent_;
  std::size_t towns_root_ = 0;
};

void add_country_roads(TerritoryBuilder& builder, std::span<const TownGrid> towns,
                       std::span<const Metres> centres, const GEOSGeometry& outline) {
  CountryRoads roads(builder, towns, centres, outline);
  roads.place_lattice_points();
  roads.claim_town_points();
  roads.settle_hamlets_and_junctions();
  roads.lay_mesh_lanes();
  roads.join_stray_pieces();
}

int lon_lat_to_metres(double* x, double* y, void* userdata) {
  const Metres p = static_cast<const synthetic::LocalFrame*>(userdata)->to_metres({*x, *y});
  *x = p.x;
  *y = p.y;
  return 1;
}

// The ten towns' street grids, by Town, with their centres in metres.
struct DemoTowns {
  std::vector<Metres> centres;
  std::vector<TownGrid> grids;
};

DemoTowns add_towns(TerritoryBuilder& builder) {
  DemoTowns towns;
  for (std::size_t i = 0; i < kCommunes.size(); ++i) {
    const DemoCommune& commune = kCommunes[i];
    TownLayout layout;
    layout.centre = builder.frame().to_metres(commune.centre);
    // About one street per 150 inhabitants each way: Remiremont 7 x 7,
    // Girmont a hamlet of 2 x 2.
    layout.size =
        std::clamp(static_cast<int>(std::lround(std::sqrt(commune.population) / 12.0)), 2, 8);
    layout.spacing_m = 110.0;
    layout.angle_rad = builder.random().uniform(-0.35, 0.35);
    if (i == eloyes) layout.street_names = {"Rue du Général de Gaulle", "Rue de la Moraine"};
    if (i == remiremont) layout.one_way_rows = {1, 5};
    if (i == plombieres) layout.one_way_rows = {0};
    towns.centres.push_back(layout.centre);
    towns.grids.push_back(builder.add_town(layout));
  }
  return towns;
}

std::int64_t exit_toward(const TerritoryBuilder& builder, const DemoTowns& towns, Town from,
                         Town to) {
  return builder.exit_node(towns.grids[from], towns.centres[to]);
}

void link_towns(TerritoryBuilder& builder, const DemoTowns& towns, Town from, Town to,
                const RoadShape& shape, OsmTags tags) {
  builder.add_road(exit_toward(builder, towns, from, to), exit_toward(builder, towns, to, from),
                   shape, std::move(tags));
}

// Remiremont's northern entrance: a roundabout where the road from Épinal
// (via Saint-Nabord) meets the road to Saint-Étienne.
void add_remiremont_north_roundabout(TerritoryBuilder& builder, const DemoTowns& towns) {
  const std::int64_t north_gate = exit_toward(builder, towns, remiremont, saint_nabord);
  const Metres gate = builder.position(north_gate);
  const Metres toward = towns.centres[saint_nabord];
  const double gate_distance = synthetic::distance_m(gate, toward);
  const Metres ring_centre{gate.x + (toward.x - gate.x) * 90.0 / gate_distance,
                           gate.y + (toward.y - gate.y) * 90.0 / gate_distance};
  const std::vector<std::int64_t> ring = builder.add_roundabout(
      ring_centre, 22.0, 8, {{"highway", "primary"}, {"junction", "roundabout"}});
  const RoadShape straight{.step_m = 150.0, .amplitude_m = 0.0, .bends = 0, .jitter_m = 2.0};
  builder.add_road(builder.nearest_node(ring, gate), north_gate, straight,
                   road_tags("primary", "50", "Avenue d'Épinal"));
  builder.add_road(builder.nearest_node(ring, towns.centres[saint_nabord]),
                   exit_toward(builder, towns, saint_nabord, remiremont), {150.0, 60.0, 1, 8.0},
                   road_tags("trunk", "90", "Route d'Épinal"));
  builder.add_road(builder.nearest_node(ring, towns.centres[saint_etienne]),
                   exit_toward(builder, towns, saint_etienne, remiremont), {150.0, 30.0, 1, 5.0},
                   road_tags("primary", "80", "Route de Saint-Étienne"));
}

// Valley roads along the Moselle and the Moselotte.
void add_valley_roads(TerritoryBuilder& builder, const DemoTowns& towns) {
  const auto road = [&](Town from, Town to, const RoadShape& shape, OsmTags tags) {
    link_towns(builder, towns, from, to, shape, std::move(tags));
  };
  road(saint_nabord, eloyes, {170.0, 120.0, 2, 10.0}, road_tags("trunk", "90", "Route d'Épinal"));
  road(remiremont, dommartin, {160.0, 80.0, 1, 10.0}, road_tags("trunk", "80", "Route du Thillot"));
  road(dommartin, vecoux, {160.0, 60.0, 1, 10.0}, road_tags("trunk", "80", "Route du Thillot"));
  road(saint_etienne, saint_ame, {160.0, 70.0, 2, 10.0},
       road_tags("primary", "80", "Route de Gérardmer"));
  road(saint_etienne, eloyes, {170.0, 110.0, 2, 10.0},
       road_tags("secondary", "80", "Route d'Éloyes"));
  road(remiremont, plombieres, {180.0, 150.0, 2, 12.0},
       road_tags("trunk", "80", "Route de Plombières"));
  road(plombieres, val_d_ajol, {170.0, 90.0, 1, 10.0},
       road_tags("secondary", "80", "Route du Val-d'Ajol"));
  // Girmont sits on the plateau: a narrow road winds up from Remiremont and
  // down again to Le Val-d'Ajol.
  road(remiremont, girmont, {70.0, 220.0, 10, 5.0},
       road_tags("tertiary", "70", "Route de Girmont"));
  road(girmont, val_d_ajol, {70.0, 180.0, 8, 5.0}, road_tags("tertiary", "70", "Route de Girmont"));
}

// The real communes (IGN ADMIN EXPRESS-COG) in longitude and latitude, by
// Town, and their union in metres: the country lanes stay inside it.
struct CommuneShapes {
  std::vector<GeosGeometry> lon_lat;
  GeosGeometry outline_m;
};

CommuneShapes commune_shapes(const synthetic::LocalFrame& frame) {
  CommuneShapes shapes;
  std::vector<GEOSGeometry*> metric;
  GEOSContextHandle_t context = geos_context();
  for (const DemoCommune& commune : kCommunes) {
    shapes.lon_lat.push_back(
        geos_from_wkt(std::string(synthetic::ccpvm_commune_boundary_wkt(commune.code))));
    metric.push_back(
        take_geos(GEOSGeom_transformXY_r(context, shapes.lon_lat.back().get(), lon_lat_to_metres,
                                         const_cast<synthetic::LocalFrame*>(&frame)),
                  "transform to metres")
            .release());
  }
  const GeosGeometry parts =
      take_geos(GEOSGeom_createCollection_r(context, GEOS_GEOMETRYCOLLECTION, metric.data(),
                                            static_cast<unsigned>(metric.size())),
                "collection");
  shapes.outline_m = take_geos(GEOSUnaryUnion_r(context, parts.get()), "union");
  return shapes;
}

// The built roads, the communes with their real boundaries and the
// illustrative facilities at their spots in the towns, with the description
// saying what is real and what is invented.
SyntheticTerritory assemble_territory(TerritoryBuilder& builder, const DemoTowns& towns,
                                      std::vector<GeosGeometry> shapes) {
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
    const Metres spot = synthetic::facility_spot(towns.grids[facility.town], facility.block_row,
                                                 facility.block_col, facility.spot);
    territory.facilities.push_back({facility.id, facility.name, facility.service_type,
                                    facility.capacity,
                                    synthetic::to_osm_lon_lat(builder.frame(), spot)});
  }
  return territory;
}

}  // namespace

SyntheticTerritory make_ccpvm_demo_territory() {
  TerritoryBuilder builder(kCommunes[remiremont].centre, 0xCC9F'2026);
  const DemoTowns towns = add_towns(builder);
  add_remiremont_north_roundabout(builder, towns);
  add_valley_roads(builder, towns);
  CommuneShapes shapes = commune_shapes(builder.frame());
  const std::size_t first_country_way = builder.way_count();
  add_country_roads(builder, towns.grids, towns.centres, *shapes.outline_m);
  builder.join_crossings(first_country_way);
  return assemble_territory(builder, towns, std::move(shapes.lon_lat));
}

}  // namespace couverture
