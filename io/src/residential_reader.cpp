#include "couverture/io/residential_reader.hpp"

#include <geodesic.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>

#include "couverture/geodata/data_error.hpp"
#include "field_lookup.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;

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

// Geodesic area of a lon/lat ring in m² (unsigned).
double ring_area_m2(const OGRLinearRing& ring) {
  const int count = ring.getNumPoints();
  if (count < 3) return 0.0;
  std::vector<double> lats(static_cast<std::size_t>(count));
  std::vector<double> lons(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    lons[static_cast<std::size_t>(i)] = ring.getX(i);
    lats[static_cast<std::size_t>(i)] = ring.getY(i);
  }
  double area = 0.0;
  geod_polygonarea(&wgs84_ellipsoid(), lats.data(), lons.data(), count, &area, nullptr);
  return std::fabs(area);
}

double polygon_area_m2(const OGRPolygon& polygon) {
  if (polygon.IsEmpty()) return 0.0;
  double area = ring_area_m2(*polygon.getExteriorRing());
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
    area -= ring_area_m2(*polygon.getInteriorRing(i));
  }
  return std::max(area, 0.0);
}

// Footprint area of a (multi)polygon in lon/lat, in m².
double footprint_m2(const OGRGeometry& geometry) {
  const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPolygon) return polygon_area_m2(*geometry.toPolygon());
  double area = 0.0;
  if (type == wkbMultiPolygon) {
    for (const OGRPolygon* polygon : *geometry.toMultiPolygon()) area += polygon_area_m2(*polygon);
  }
  return area;
}

GeosGeometry to_geos(const OGRGeometry& geometry) {
  std::vector<unsigned char> wkb(geometry.WkbSize());
  geometry.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return geos_from_wkb(wkb);
}

// The OSM object a feature comes from, for messages.
std::string osm_object(const OGRFeature& feature) {
  const int way = feature.GetFieldIndex("osm_way_id");
  if (way >= 0 && feature.IsFieldSetAndNotNull(way)) {
    return std::string("way ") + feature.GetFieldAsString(way);
  }
  const int relation = feature.GetFieldIndex("osm_id");
  if (relation >= 0 && feature.IsFieldSetAndNotNull(relation)) {
    return std::string("relation ") + feature.GetFieldAsString(relation);
  }
  return "feature " + std::to_string(feature.GetFID());
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

}  // namespace

ResidentialPlaces read_residential_places(const std::filesystem::path& pbf, double min_building_m2,
                                          std::vector<std::string>& warnings) {
  std::error_code error;
  if (!std::filesystem::exists(pbf, error)) {
    throw DataError(pbf.string() + ": no such file; check " + kKey +
                    " (or the network's OSM file) in the scenario");
  }
  auto dataset = gs::open_vector(pbf, kKey);
  OGRLayer* layer = dataset->GetLayerByName("multipolygons");
  if (layer == nullptr) {
    throw DataError(pbf.string() + ": not an OSM file (no 'multipolygons' layer; layers are: " +
                    gs::layer_names(*dataset) + "); give an OSM PBF extract as " + kKey);
  }
  const std::string where = pbf.string();
  // Columns in GDAL's default osmconf.ini; with another configuration they
  // are looked up among the `other_tags`.
  const gs::FieldLookup building_tag(*layer, "building", where, kKey);
  const gs::FieldLookup landuse_tag(*layer, "landuse", where, kKey);

  gs::ErrorCollector errors;
  OGRFeatureDefn& definition = *layer->GetLayerDefn();
  if (definition.GetFieldIndex("building") >= 0 && definition.GetFieldIndex("landuse") >= 0) {
    // The driver evaluates an attribute filter before assembling polygons:
    // most of an extract (forests, parks, boundaries) is never built.
    if (layer->SetAttributeFilter("building IS NOT NULL OR landuse IS NOT NULL") != OGRERR_NONE) {
      errors.throw_if_failed(where);
    }
  }
  layer->ResetReading();

  ResidentialPlaces places;
  std::vector<std::size_t> untyped;  // indexes of building=yes in places.buildings
  NonResidentialAreas non_residential;
  std::size_t repaired = 0;
  for (auto& feature : *layer) {
    if (const auto failure = errors.take_failure()) {
      throw DataError(where + ": cannot read the OSM data (near " + osm_object(*feature) + ": " +
                      *failure + "); the file is truncated or corrupt, download the extract again");
    }
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) continue;

    if (const auto building = building_tag.text(*feature); building && *building != "no") {
      if (!is_one_of(kResidentialBuildings, *building)) {
        ++places.buildings_skipped_non_residential;
      } else if (const double area = footprint_m2(*geometry); area < min_building_m2) {
        ++places.buildings_skipped_small;
      } else {
        OGRPoint centroid;
        if (geometry->Centroid(&centroid) == OGRERR_NONE && !centroid.IsEmpty()) {
          if (*building == "yes") untyped.push_back(places.buildings.size());
          places.buildings.push_back({{centroid.getX(), centroid.getY()}, area});
        }
      }
    }

    const auto landuse = landuse_tag.text(*feature);
    if (!landuse) continue;
    const bool residential = *landuse == "residential";
    if (!residential && !is_one_of(kNonResidentialLanduse, *landuse)) continue;
    GeosGeometry area = to_geos(*geometry);
    if (!geos_is_valid(*area)) {
      const std::string reason = geos_invalid_reason(*area);
      area = geos_make_valid_polygonal(*area);
      if (residential) {
        ++repaired;
        if (repaired <= 5) {
          warnings.push_back(where + ", " + osm_object(*feature) +
                             ": invalid landuse=residential polygon (" + reason +
                             "), repaired with MakeValid");
        }
      }
    }
    if (GEOSisEmpty_r(geos_context(), area.get()) != 0) continue;
    if (residential) {
      places.residential_areas.push_back(std::move(area));
    } else {
      non_residential.add(std::move(area));
    }
  }
  if (const auto failure = errors.take_failure()) {
    throw DataError(where + ": cannot read the OSM data (" + *failure +
                    "); the file is truncated or corrupt, download the extract again");
  }
  if (repaired > 5) {
    warnings.push_back(where + ": " + std::to_string(repaired) +
                       " invalid landuse=residential polygons repaired in all");
  }
  if (!errors.warnings().empty()) {
    warnings.push_back(
        where + ": GDAL: " + errors.warnings().front() +
        (errors.warnings().size() > 1
             ? " (and " + std::to_string(errors.warnings().size() - 1) + " more warnings)"
             : ""));
  }

  // Untyped buildings in industrial, commercial... land use are dropped,
  // keeping the others in the order read.
  if (!untyped.empty() && !non_residential.empty()) {
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
  return places;
}

}  // namespace couverture
