#include "couverture/io/residential_reader.hpp"

#include <geodesic.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
// libosmium's builders, inlined here, trip GCC 12's -Wstringop-overread (a
// false positive inside the library): silenced for its headers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overread"
#include <osmium/area/assembler.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/area.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/relations/manager_util.hpp>
#include <osmium/relations/relations_manager.hpp>
#include <osmium/visitor.hpp>
#pragma GCC diagnostic pop
#include <string_view>

#include "couverture/geodata/data_error.hpp"
#include "file_access.hpp"

namespace couverture {

namespace {

constexpr const char* kKey = "demand.osm_buildings";

constexpr std::array<std::string_view, 10> kResidentialBuildings = {
    "house",   "residential", "apartments", "detached",  "semidetached_house",
    "terrace", "bungalow",    "farm",       "dormitory", "yes"};
constexpr std::array<std::string_view, 5> kNonResidentialLanduse = {
    "industrial", "commercial", "retail", "military", "railway"};

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

const geod_geodesic& wgs84_ellipsoid() {
  static const geod_geodesic geodesic = [] {
    geod_geodesic g{};
    geod_init(&g, 6378137.0, 1.0 / 298.257223563);
    return g;
  }();
  return geodesic;
}

// One closed ring, lon/lat, first point repeated last.
struct Ring {
  std::vector<double> lon;
  std::vector<double> lat;
};

// A polygon as rings: the outer first, then its holes.
using Polygon = std::vector<Ring>;

// Geodesic area of a ring in m² (unsigned).
double ring_area_m2(const Ring& ring) {
  if (ring.lon.size() < 3) return 0.0;
  double area = 0.0;
  // geod_polygonarea takes non-const arrays but does not write them.
  geod_polygonarea(&wgs84_ellipsoid(), const_cast<double*>(ring.lat.data()),
                   const_cast<double*>(ring.lon.data()), static_cast<int>(ring.lon.size()), &area,
                   nullptr);
  return std::fabs(area);
}

// Footprint of a multipolygon in m²: each polygon's outer ring less its holes.
double footprint_m2(const std::vector<Polygon>& polygons) {
  double total = 0.0;
  for (const Polygon& polygon : polygons) {
    double area = ring_area_m2(polygon.front());
    for (std::size_t i = 1; i < polygon.size(); ++i) area -= ring_area_m2(polygon[i]);
    total += std::max(area, 0.0);
  }
  return total;
}

GeosGeometry geos_ring(const Ring& ring) {
  GEOSContextHandle_t context = geos_context();
  GEOSCoordSequence* coordinates =
      GEOSCoordSeq_create_r(context, static_cast<unsigned int>(ring.lon.size()), 2);
  for (std::size_t i = 0; i < ring.lon.size(); ++i) {
    GEOSCoordSeq_setXY_r(context, coordinates, static_cast<unsigned int>(i), ring.lon[i],
                         ring.lat[i]);
  }
  return take_geos(GEOSGeom_createLinearRing_r(context, coordinates), "LinearRing");
}

// The multipolygon as GDAL's OSM driver gives every feature of its
// `multipolygons` layer (a closed way included), so that areas and
// centroids come out as they did when that driver read them.
GeosGeometry geos_multipolygon(const std::vector<Polygon>& polygons) {
  GEOSContextHandle_t context = geos_context();
  std::vector<GEOSGeometry*> parts;
  for (const Polygon& polygon : polygons) {
    GeosGeometry shell = geos_ring(polygon.front());
    std::vector<GEOSGeometry*> holes;
    for (std::size_t i = 1; i < polygon.size(); ++i)
      holes.push_back(geos_ring(polygon[i]).release());
    parts.push_back(take_geos(GEOSGeom_createPolygon_r(context, shell.release(), holes.data(),
                                                       static_cast<unsigned int>(holes.size())),
                              "Polygon")
                        .release());
  }
  return take_geos(GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, parts.data(),
                                               static_cast<unsigned int>(parts.size())),
                   "MultiPolygon");
}

// A ring from node locations; nullopt when a location is missing (a way cut
// at the extract's border) or the ring is degenerate.
std::optional<Ring> ring_of(const osmium::NodeRefList& nodes) {
  if (nodes.size() < 4 || nodes.front().location() != nodes.back().location()) return std::nullopt;
  Ring ring;
  ring.lon.reserve(nodes.size());
  ring.lat.reserve(nodes.size());
  for (const osmium::NodeRef& node : nodes) {
    if (!node.location().valid()) return std::nullopt;
    ring.lon.push_back(node.location().lon());
    ring.lat.push_back(node.location().lat());
  }
  return ring;
}

// An OSM object carrying a footprint or a land use, as GDAL's
// `multipolygons` layer gave it: a closed way, or an assembled multipolygon
// relation.
struct Shape {
  std::int64_t way = 0;  // a closed way's id; 0 for a relation
  std::string object;    // "way 12", "relation 34", for messages
  std::optional<std::string> building;
  std::optional<std::string> landuse;
  std::vector<Polygon> polygons;
};

std::optional<std::string> tag_of(const osmium::TagList& tags, const char* key) {
  const char* value = tags.get_value_by_key(key);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

bool interesting(const osmium::TagList& tags) {
  return tags.has_key("building") || tags.has_key("landuse");
}

// An old-style multipolygon carries no tag but its type: its outer way
// carries them. GDAL's driver gave the relation the outer way's tags; so
// does this reader.
bool old_style(const osmium::Relation& relation) { return relation.tags().size() == 1; }

bool outer_role(const osmium::RelationMember& member) {
  return std::strcmp(member.role(), "inner") != 0;
}

// The tags a relation's area stands for.
struct AreaTags {
  std::optional<std::string> building;
  std::optional<std::string> landuse;
};

// Every multipolygon relation with way members is tracked: GDAL's driver
// gave a closed way that is an outer member of a complete multipolygon (all
// its ways in the extract) to the relation alone, whatever either is tagged;
// those tagged building or landuse (or old-style ones, tagged by their outer
// way) are assembled by libosmium once all their member ways are read.
class MultipolygonRelations
    : public osmium::relations::RelationsManager<MultipolygonRelations, false, true, false> {
 public:
  [[nodiscard]] bool new_relation(const osmium::Relation& relation) {
    const char* type = relation.tags().get_value_by_key("type");
    if (type == nullptr) return false;
    const bool multipolygon = std::strcmp(type, "multipolygon") == 0;
    if (!multipolygon && std::strcmp(type, "boundary") != 0) return false;
    if (!multipolygon && !interesting(relation.tags())) return false;
    return std::any_of(
        relation.members().cbegin(), relation.members().cend(),
        [](const osmium::RelationMember& m) { return m.type() == osmium::item_type::way; });
  }

  void complete_relation(const osmium::Relation& relation) {
    std::vector<const osmium::Way*> ways;
    std::size_t k = 0;
    std::optional<AreaTags> inherited;
    const bool multipolygon =
        std::strcmp(relation.tags().get_value_by_key("type"), "multipolygon") == 0;
    for (const osmium::RelationMember& member : relation.members()) {
      if (member.ref() == 0) continue;
      ways.push_back(this->get_member_way(member.ref()));
      const osmium::Way& way = *ways[k++];
      if (multipolygon && outer_role(member)) consumed_.push_back(way.id());
      // The first outer way tagged building or landuse lends its tags.
      if (old_style(relation) && !inherited && outer_role(member) && interesting(way.tags())) {
        inherited = AreaTags{tag_of(way.tags(), "building"), tag_of(way.tags(), "landuse")};
      }
    }
    if (inherited) {
      inherited_[relation.id()] = *inherited;
    } else if (!interesting(relation.tags())) {
      return;
    }
    try {
      // The assembler keeps a reference to its configuration: a member.
      osmium::area::Assembler assembler{config_};
      assembler(relation, ways, this->buffer());
    } catch (const osmium::invalid_location&) {
      // A member way cut at the extract's border: no area, as GDAL gave none.
    }
  }

  // After the second pass: the outer ways of complete multipolygons, sorted.
  [[nodiscard]] std::vector<osmium::object_id_type> consumed_ways() {
    std::sort(consumed_.begin(), consumed_.end());
    return consumed_;
  }

  [[nodiscard]] AreaTags tags_of(const osmium::Area& area) const {
    if (const auto it = inherited_.find(area.orig_id()); it != inherited_.end()) return it->second;
    return {tag_of(area.tags(), "building"), tag_of(area.tags(), "landuse")};
  }

 private:
  osmium::area::AssemblerConfig config_;
  std::vector<osmium::object_id_type> consumed_;
  std::map<osmium::object_id_type, AreaTags> inherited_;
};

Shape shape_of(const osmium::Area& area, const AreaTags& tags) {
  Shape shape;
  shape.object = "relation " + std::to_string(area.orig_id());
  shape.building = tags.building;
  shape.landuse = tags.landuse;
  for (const osmium::OuterRing& outer : area.outer_rings()) {
    std::optional<Ring> ring = ring_of(outer);
    if (!ring) continue;
    Polygon polygon{std::move(*ring)};
    for (const osmium::InnerRing& inner : area.inner_rings(outer)) {
      if (std::optional<Ring> hole = ring_of(inner)) polygon.push_back(std::move(*hole));
    }
    shape.polygons.push_back(std::move(polygon));
  }
  return shape;
}

// Reads the closed ways (in file order) and then the multipolygon relations
// (by relation id) tagged building or landuse, as GDAL's OSM driver listed
// them: the ways' rings are taken as drawn, invalid ones included (the land
// use is repaired later, as before), the relations assembled by libosmium.
std::vector<Shape> read_shapes(const std::filesystem::path& pbf) {
  const osmium::io::File file{pbf.string()};
  MultipolygonRelations relations;
  osmium::relations::read_relations(file, relations);

  std::vector<Shape> from_ways;
  std::vector<std::pair<std::int64_t, Shape>> from_relations;
  struct Ways : osmium::handler::Handler {
    std::vector<Shape>* shapes = nullptr;
    void way(const osmium::Way& way) {
      if (!interesting(way.tags()) || way.nodes().size() < 4) return;
      if (way.nodes().front().ref() != way.nodes().back().ref()) return;
      std::optional<Ring> ring = ring_of(way.nodes());
      if (!ring) return;
      Shape shape;
      shape.way = way.id();
      shape.object = "way " + std::to_string(way.id());
      shape.building = tag_of(way.tags(), "building");
      shape.landuse = tag_of(way.tags(), "landuse");
      shape.polygons.push_back(Polygon{std::move(*ring)});
      shapes->push_back(std::move(shape));
    }
  } ways;
  ways.shapes = &from_ways;

  using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
  Index index;
  osmium::handler::NodeLocationsForWays<Index> locations{index};
  locations.ignore_errors();  // a node missing from the extract leaves an invalid location
  osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
  osmium::apply(reader, locations, ways, relations.handler([&](osmium::memory::Buffer&& areas) {
    for (const osmium::Area& area : areas.select<osmium::Area>()) {
      Shape shape = shape_of(area, relations.tags_of(area));
      if (!shape.polygons.empty()) from_relations.emplace_back(area.orig_id(), std::move(shape));
    }
  }));
  reader.close();
  relations.flush_output();  // the areas still in the output buffer go to the callback
  // Closed ways standing for a complete multipolygon are its, not theirs.
  const std::vector<osmium::object_id_type> consumed = relations.consumed_ways();
  std::erase_if(from_ways, [&consumed](const Shape& shape) {
    return std::binary_search(consumed.begin(), consumed.end(), shape.way);
  });
  std::stable_sort(from_relations.begin(), from_relations.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [id, shape] : from_relations) from_ways.push_back(std::move(shape));
  return from_ways;
}

// Whether any of the non-residential areas covers the point.
class NonResidentialAreas {
 public:
  void add(GeosGeometry area) {
    prepared_.push_back(geos_prepare(*area));
    areas_.push_back(std::move(area));
  }
  [[nodiscard]] bool empty() const { return areas_.empty(); }

  void build_index() {
    tree_.reset(GEOSSTRtree_create_r(geos_context(), 10));
    for (std::size_t i = 0; i < areas_.size(); ++i) {
      GEOSSTRtree_insert_r(geos_context(), tree_.get(), areas_[i].get(), &prepared_[i]);
    }
  }

  [[nodiscard]] bool covers(LonLat position) const {
    const GeosGeometry point = geos_point(position.lon, position.lat);
    struct Query {
      const GEOSGeometry* point;
      bool covered = false;
    } query{point.get()};
    GEOSSTRtree_query_r(
        geos_context(), tree_.get(), point.get(),
        [](void* item, void* data) {
          auto* state = static_cast<Query*>(data);
          if (state->covered) return;
          const auto* prepared = static_cast<const GeosPrepared*>(item);
          state->covered = GEOSPreparedCovers_r(geos_context(), prepared->get(), state->point) == 1;
        },
        &query);
    return query.covered;
  }

 private:
  struct TreeDeleter {
    void operator()(GEOSSTRtree* tree) const { GEOSSTRtree_destroy_r(geos_context(), tree); }
  };
  std::vector<GeosGeometry> areas_;
  std::vector<GeosPrepared> prepared_;
  std::unique_ptr<GEOSSTRtree, TreeDeleter> tree_;
};

// The extract's shapes, or one DataError naming the file: missing, not
// OSM, or unreadable.
std::vector<Shape> read_extract_shapes(const std::filesystem::path& pbf) {
  std::error_code error;
  if (!std::filesystem::exists(pbf, error)) {
    throw DataError(pbf.string() + ": no such file; check " + kKey +
                    " (or the network's OSM file) in the scenario");
  }
  require_openable(pbf);  // else libosmium reads it as a damaged file
  const std::string where = pbf.string();
  try {
    osmium::io::File{where}.check();  // the format, guessed from the suffixes
  } catch (const std::exception& failure) {
    throw DataError(where + ": not an OSM file (" + failure.what() +
                    "); give an OSM PBF extract as " + kKey);
  }
  try {
    return read_shapes(pbf);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& failure) {
    throw DataError(where + ": cannot read the OSM data (" + failure.what() +
                    "); the file is truncated or corrupt, download the extract again");
  }
}

// A building counts when residential and not too small, at its centroid;
// `untyped` gets the index of a building=yes.
void add_building(const Shape& shape, double min_building_m2, ResidentialPlaces& places,
                  std::vector<std::size_t>& untyped) {
  const auto& building = shape.building;
  if (!building || *building == "no") return;
  if (!is_one_of(kResidentialBuildings, *building)) {
    ++places.buildings_skipped_non_residential;
  } else if (const double area = footprint_m2(shape.polygons); area < min_building_m2) {
    ++places.buildings_skipped_small;
  } else {
    const GeosGeometry footprint = geos_multipolygon(shape.polygons);
    GEOSGeometry* centroid = GEOSGetCentroid_r(geos_context(), footprint.get());
    const GeosGeometry point = take_geos(centroid, "Centroid");
    double x = 0.0;
    double y = 0.0;
    if (GEOSisEmpty_r(geos_context(), point.get()) == 0 &&
        GEOSGeomGetX_r(geos_context(), point.get(), &x) == 1 &&
        GEOSGeomGetY_r(geos_context(), point.get(), &y) == 1) {
      if (*building == "yes") untyped.push_back(places.buildings.size());
      places.buildings.push_back({{x, y}, area});
    }
  }
}

// A residential land use goes to the places, a non-residential one to
// `non_residential`; invalid polygons are repaired, the first five repairs
// of residential ones said (`repaired` counts them all).
void add_landuse(const Shape& shape, const std::string& where, ResidentialPlaces& places,
                 NonResidentialAreas& non_residential, std::size_t& repaired,
                 std::vector<std::string>& warnings) {
  const auto& landuse = shape.landuse;
  if (!landuse) return;
  const bool residential = *landuse == "residential";
  if (!residential && !is_one_of(kNonResidentialLanduse, *landuse)) return;
  GeosGeometry area = geos_multipolygon(shape.polygons);
  if (!geos_is_valid(*area)) {
    const std::string reason = geos_invalid_reason(*area);
    area = geos_make_valid_polygonal(*area);
    if (residential) {
      ++repaired;
      if (repaired <= 5) {
        warnings.push_back(where + ", " + shape.object + ": invalid landuse=residential polygon (" +
                           reason + "), repaired with MakeValid");
      }
    }
  }
  if (GEOSisEmpty_r(geos_context(), area.get()) != 0) return;
  if (residential) {
    places.residential_areas.push_back(std::move(area));
  } else {
    non_residential.add(std::move(area));
  }
}

// Untyped buildings in industrial, commercial... land use are dropped,
// keeping the others in the order read.
void drop_untyped_in_non_residential(const std::vector<std::size_t>& untyped,
                                     NonResidentialAreas& non_residential,
                                     ResidentialPlaces& places) {
  if (untyped.empty() || non_residential.empty()) return;
  non_residential.build_index();
  std::vector<bool> dropped(places.buildings.size(), false);
  for (const std::size_t i : untyped) {
    if (non_residential.covers(places.buildings[i].centroid)) {
      dropped[i] = true;
      ++places.buildings_skipped_non_residential;
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < places.buildings.size(); ++i) {
    if (!dropped[i]) places.buildings[kept++] = places.buildings[i];
  }
  places.buildings.resize(kept);
}

}  // namespace

ResidentialPlaces read_residential_places(const std::filesystem::path& pbf, double min_building_m2,
                                          std::vector<std::string>& warnings) {
  const std::vector<Shape> shapes = read_extract_shapes(pbf);
  const std::string where = pbf.string();
  ResidentialPlaces places;
  std::vector<std::size_t> untyped;  // indexes of building=yes in places.buildings
  NonResidentialAreas non_residential;
  std::size_t repaired = 0;
  for (const Shape& shape : shapes) {
    if (shape.polygons.empty()) continue;
    add_building(shape, min_building_m2, places, untyped);
    add_landuse(shape, where, places, non_residential, repaired, warnings);
  }
  if (repaired > 5) {
    warnings.push_back(where + ": " + std::to_string(repaired) +
                       " invalid landuse=residential polygons repaired in all");
  }
  drop_untyped_in_non_residential(untyped, non_residential, places);
  return places;
}

}  // namespace couverture
