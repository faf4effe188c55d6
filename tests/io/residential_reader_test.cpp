#include "couverture/io/residential_reader.hpp"

#include <gdal_priv.h>
#include <geodesic.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <osmium/io/any_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/box.hpp>
#include <osmium/osm/node.hpp>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/geos_operations.hpp"
#include "couverture/geodata/local_projection.hpp"
#include "couverture/io/osm_pbf_writer.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// Near Remiremont; every shape is placed in metres of a local projection.
const LonLat kCentre{6.59, 48.02};

// A tiny extract: closed ways drawn as axis-aligned rectangles in metres.
class TinyExtract {
 public:
  TinyExtract() : projection_(kCentre) {}

  // A rectangle of `width` x `height` metres centred `(x, y)` metres from kCentre.
  void rectangle(double x, double y, double width, double height, OsmTags tags) {
    const double corners[4][2] = {{x - width / 2, y - height / 2},
                                  {x + width / 2, y - height / 2},
                                  {x + width / 2, y + height / 2},
                                  {x - width / 2, y + height / 2}};
    std::vector<LocalXY> ring;
    for (const auto& corner : corners) ring.push_back({corner[0], corner[1]});
    polygon(ring, std::move(tags));
  }

  // A closed way through the points (metres), in order.
  void polygon(const std::vector<LocalXY>& ring, OsmTags tags) {
    OsmWayRecord way;
    way.id = next_way_++;
    for (const LocalXY& point : ring) {
      nodes_.push_back({next_node_, projection_.inverse(point)});
      way.node_ids.push_back(next_node_++);
    }
    way.node_ids.push_back(way.node_ids.front());
    way.tags = std::move(tags);
    ways_.push_back(std::move(way));
  }

  void write(const fs::path& path) const { write_osm_pbf(path, nodes_, ways_); }
  // With more nodes and ways (ids above the extract's own).
  void write_with(const fs::path& path, std::vector<OsmNodeRecord> nodes,
                  std::vector<OsmWayRecord> ways) const {
    nodes.insert(nodes.begin(), nodes_.begin(), nodes_.end());
    ways.insert(ways.begin(), ways_.begin(), ways_.end());
    write_osm_pbf(path, nodes, ways);
  }
  [[nodiscard]] LonLat at(double x, double y) const { return projection_.inverse({x, y}); }

 private:
  LocalProjection projection_;
  std::vector<OsmNodeRecord> nodes_;
  std::vector<OsmWayRecord> ways_;
  std::int64_t next_node_ = 1;
  std::int64_t next_way_ = 100;
};

class ResidentialReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("residential"); }
  void TearDown() override { fs::remove_all(dir_); }

  // The fixture below: 3 residential buildings kept, 1 small, 2 non-residential.
  fs::path write_fixture(TinyExtract& extract) {
    extract.rectangle(0, 0, 20, 10, {{"building", "house"}});     // A: kept, 200 m²
    extract.rectangle(300, 0, 20, 10, {{"building", "yes"}});     // B: kept (no landuse)
    extract.rectangle(0, 300, 20, 10, {{"building", "garage"}});  // not residential
    extract.rectangle(60, 0, 4, 5, {{"building", "house"}});      // 20 m² < 30: small
    extract.rectangle(-500, 0, 200, 200, {{"landuse", "industrial"}});
    extract.rectangle(-500, 0, 30, 20, {{"building", "yes"}});  // in industrial: skipped
    extract.rectangle(500, 500, 200, 200, {{"landuse", "farmyard"}});
    extract.rectangle(500, 500, 20, 15, {{"building", "yes"}});  // farmhouse: kept, 300 m²
    extract.rectangle(0, -300, 20, 10, {{"building", "no"}});    // not a building
    extract.rectangle(0, 0, 100, 100, {{"landuse", "residential"}, {"name", "Le Centre"}});
    // A self-crossing "bow tie": invalid, repaired into two triangles.
    extract.polygon({{1000, 0}, {1100, 100}, {1100, 0}, {1000, 100}}, {{"landuse", "residential"}});
    const fs::path path = dir_ / "tiny.osm.pbf";
    extract.write(path);
    return path;
  }

  static void expect_error(const fs::path& path, const std::vector<std::string>& fragments) {
    std::vector<std::string> warnings;
    try {
      read_residential_places(path, 30.0, warnings);
      ADD_FAILURE() << "expected a DataError";
    } catch (const DataError& error) {
      const std::string message = error.what();
      for (const auto& fragment : fragments) {
        EXPECT_NE(message.find(fragment), std::string::npos)
            << "'" << fragment << "' not in: " << message;
      }
    }
  }

  fs::path dir_;
};

// The building whose centroid is nearest `position`.
const ResidentialBuilding& nearest(const ResidentialPlaces& places, LonLat position) {
  const ResidentialBuilding* best = &places.buildings.front();
  for (const ResidentialBuilding& building : places.buildings) {
    if (geodesic_distance_m(building.centroid, position) <
        geodesic_distance_m(best->centroid, position)) {
      best = &building;
    }
  }
  return *best;
}

TEST_F(ResidentialReaderTest, KeepsResidentialBuildingsWithFootprintAndCentroid) {
  TinyExtract extract;
  const fs::path path = write_fixture(extract);
  std::vector<std::string> warnings;
  const ResidentialPlaces places = read_residential_places(path, 30.0, warnings);
  ASSERT_EQ(places.buildings.size(), 3u);
  EXPECT_EQ(places.buildings_skipped_small, 1u);
  EXPECT_EQ(places.buildings_skipped_non_residential, 2u);  // the garage, the industrial "yes"

  // A: 20 m x 10 m = 200 m², centred on kCentre.
  const ResidentialBuilding& a = nearest(places, extract.at(0, 0));
  EXPECT_NEAR(a.footprint_m2, 200.0, 200.0 * 0.005);
  EXPECT_LT(geodesic_distance_m(a.centroid, extract.at(0, 0)), 0.05);
  const ResidentialBuilding& b = nearest(places, extract.at(300, 0));
  EXPECT_NEAR(b.footprint_m2, 200.0, 200.0 * 0.005);
  EXPECT_LT(geodesic_distance_m(b.centroid, extract.at(300, 0)), 0.05);
  // The farmhouse: 20 m x 15 m = 300 m², kept in its farmyard.
  const ResidentialBuilding& farm = nearest(places, extract.at(500, 500));
  EXPECT_NEAR(farm.footprint_m2, 300.0, 300.0 * 0.005);
  EXPECT_LT(geodesic_distance_m(farm.centroid, extract.at(500, 500)), 0.05);
  // Nothing kept near the industrial building, the garage or building=no.
  for (const auto& [x, y] : {std::pair{-500.0, 0.0}, {0.0, 300.0}, {0.0, -300.0}}) {
    EXPECT_GT(geodesic_distance_m(nearest(places, extract.at(x, y)).centroid, extract.at(x, y)),
              100.0);
  }
}

TEST_F(ResidentialReaderTest, MinimumFootprintDecidesWhatIsSmall) {
  TinyExtract extract;
  const fs::path path = write_fixture(extract);
  std::vector<std::string> warnings;
  // 250 m²: A and B (200 m²) become small too, the farmhouse (300 m²) stays.
  const ResidentialPlaces places = read_residential_places(path, 250.0, warnings);
  ASSERT_EQ(places.buildings.size(), 1u);
  EXPECT_EQ(places.buildings_skipped_small, 3u);
  EXPECT_NEAR(places.buildings[0].footprint_m2, 300.0, 1.5);
}

TEST_F(ResidentialReaderTest, ReadsResidentialLanduseAsValidWgs84Polygons) {
  TinyExtract extract;
  const fs::path path = write_fixture(extract);
  std::vector<std::string> warnings;
  const ResidentialPlaces places = read_residential_places(path, 30.0, warnings);
  ASSERT_EQ(places.residential_areas.size(), 2u);
  const LocalProjection projection(kCentre);
  double total_m2 = 0.0;
  for (const GeosGeometry& area : places.residential_areas) {
    EXPECT_TRUE(geos_is_valid(*area));
    total_m2 += geos_area(*geos_to_local(*area, projection));
  }
  // 100 m x 100 m, plus the bow tie's two triangles of 100 x 50 / 2 each.
  EXPECT_NEAR(total_m2, 10000.0 + 2 * 2500.0, 15000.0 * 1e-3);
  // One of them covers house A, in lon/lat.
  const LonLat a = extract.at(0, 0);
  const GeosGeometry point = geos_point(a.lon, a.lat);
  int covering = 0;
  for (const GeosGeometry& area : places.residential_areas) covering += geos_covers(*area, *point);
  EXPECT_EQ(covering, 1);
  EXPECT_FALSE(warnings.empty());  // the repaired bow tie is reported
}

TEST_F(ResidentialReaderTest, TruncatedPbfNamesTheFile) {
  TinyExtract extract;
  const fs::path path = write_fixture(extract);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const fs::path truncated = dir_ / "truncated.osm.pbf";
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() * 2 / 3);
  expect_error(truncated, {truncated.string(), "truncated or corrupt"});
}

TEST_F(ResidentialReaderTest, MissingOrNonOsmFileNamesTheFile) {
  expect_error(dir_ / "absent.osm.pbf", {"absent.osm.pbf", "no such file"});
  const fs::path text = dir_ / "garbage.osm.pbf";
  std::ofstream(text) << "this is not OSM data\n";
  expect_error(text, {text.string()});
  const fs::path geojson = dir_ / "points.geojson";
  std::ofstream(geojson) << R"({"type":"FeatureCollection","features":[]})";
  expect_error(geojson, {geojson.string(), "not an OSM file"});
}

// GDAL's OSM driver, asked for its `multipolygons` layer, holds the other
// layers' features back and gives up past a limit ("Too many features have
// accumulated in lines layer"): an extract with many roads stopped the run.
TEST_F(ResidentialReaderTest, ManyRoadsBesideTheBuildingsDoNotStopTheReading) {
  TinyExtract extract;
  extract.rectangle(0, 0, 20, 10, {{"building", "house"}});
  extract.rectangle(300, 0, 20, 10, {{"building", "yes"}});
  std::vector<OsmNodeRecord> nodes;
  std::vector<OsmWayRecord> ways;
  const LocalProjection projection(kCentre);
  std::int64_t node = 1000000;
  for (std::int64_t k = 0; k < 150000; ++k) {
    const double x = 2000.0 + static_cast<double>(k % 400) * 10.0;
    const double y = static_cast<double>(k / 400) * 10.0;
    nodes.push_back({node, projection.inverse({x, y})});
    nodes.push_back({node + 1, projection.inverse({x + 8.0, y})});
    ways.push_back({1000000 + k, {node, node + 1}, {{"highway", "residential"}}});
    node += 2;
  }
  const fs::path path = dir_ / "roads.osm.pbf";
  extract.write_with(path, nodes, ways);
  std::vector<std::string> warnings;
  const ResidentialPlaces places = read_residential_places(path, 30.0, warnings);
  ASSERT_EQ(places.buildings.size(), 2u);
  EXPECT_NEAR(places.buildings[0].footprint_m2 + places.buildings[1].footprint_m2, 400.0, 2.0);
}

TEST(ResidentialReaderRealTest, LiechtensteinHasBuildingsAndResidentialAreasInsideTheExtract) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  // The extract's bounds from its nodes, read with libosmium.
  osmium::Box bounds;
  osmium::io::Reader reader{pbf.string(), osmium::osm_entity_bits::node};
  while (osmium::memory::Buffer buffer = reader.read()) {
    for (const auto& node : buffer.select<osmium::Node>()) bounds.extend(node.location());
  }
  reader.close();
  ASSERT_TRUE(bounds.valid());

  std::vector<std::string> warnings;
  const ResidentialPlaces places = read_residential_places(pbf, 30.0, warnings);
  EXPECT_GT(places.buildings.size(), 1000u);
  EXPECT_GT(places.residential_areas.size(), 5u);
  EXPECT_GT(places.buildings_skipped_small, 0u);
  EXPECT_GT(places.buildings_skipped_non_residential, 0u);
  for (const ResidentialBuilding& building : places.buildings) {
    ASSERT_GE(building.centroid.lon, bounds.bottom_left().lon());
    ASSERT_LE(building.centroid.lon, bounds.top_right().lon());
    ASSERT_GE(building.centroid.lat, bounds.bottom_left().lat());
    ASSERT_LE(building.centroid.lat, bounds.top_right().lat());
    ASSERT_GE(building.footprint_m2, 30.0);
    ASSERT_LT(building.footprint_m2, 1e5);  // no building of 10 ha
  }
  for (const GeosGeometry& area : places.residential_areas) ASSERT_TRUE(geos_is_valid(*area));

  // The same counts from GDAL's SQLite dialect, footprints measured by
  // SpatiaLite's ellipsoidal ST_Area: residential types below 30 m² are the
  // small ones; those above are kept unless they are untyped buildings in
  // non-residential land use, the only non-residential skips not of a
  // non-residential type.
  GDALAllRegister();
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(pbf.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(dataset);
  const std::string types =
      "('house','residential','apartments','detached','semidetached_house','terrace','bungalow',"
      "'farm','dormitory','yes')";
  const std::string sql = "SELECT SUM(CASE WHEN building IN " + types +
                          " AND ST_Area(geometry, 1) < 30 THEN 1 ELSE 0 END) AS small, "
                          "SUM(CASE WHEN building IN " +
                          types +
                          " AND ST_Area(geometry, 1) >= 30 THEN 1 ELSE 0 END) AS large, "
                          "SUM(CASE WHEN building NOT IN " +
                          types +
                          " AND building <> 'no' THEN 1 ELSE 0 END) AS other "
                          "FROM multipolygons WHERE building IS NOT NULL";
  OGRLayer* counts = dataset->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
  ASSERT_NE(counts, nullptr);
  const std::unique_ptr<OGRFeature> row(counts->GetNextFeature());
  ASSERT_TRUE(row);
  const auto small = static_cast<std::size_t>(row->GetFieldAsInteger64("small"));
  const auto large = static_cast<std::size_t>(row->GetFieldAsInteger64("large"));
  const auto other = static_cast<std::size_t>(row->GetFieldAsInteger64("other"));
  dataset->ReleaseResultSet(counts);
  EXPECT_EQ(places.buildings_skipped_small, small);
  ASSERT_GE(places.buildings_skipped_non_residential, other);
  const std::size_t untyped_in_non_residential = places.buildings_skipped_non_residential - other;
  EXPECT_GT(untyped_in_non_residential, 0u);
  EXPECT_EQ(places.buildings.size() + untyped_in_non_residential, large);
}

TEST(ResidentialReaderRealTest, TruncatedLiechtensteinIsADataError) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  const fs::path dir = testing::make_temp_dir("residential_truncated");
  const fs::path truncated = dir / "liechtenstein-cut.osm.pbf";
  std::ifstream in(pbf, std::ios::binary);
  std::string head(300000, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  std::ofstream(truncated, std::ios::binary) << head;
  std::vector<std::string> warnings;
  try {
    read_residential_places(truncated, 30.0, warnings);
    ADD_FAILURE() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find(truncated.string()), std::string::npos)
        << error.what();
  }
  fs::remove_all(dir);
}

// What the reader gave when GDAL's OSM driver read the extract (its
// `multipolygons` layer), rebuilt here as the reference: the same rules
// (types, footprint, untyped buildings in non-residential land use, land use
// repaired with MakeValid) on GDAL's geometries.
struct GdalReference {
  std::vector<ResidentialBuilding> buildings;
  std::vector<double> residential_area_deg2;
  std::size_t small = 0;
  std::size_t non_residential = 0;
};

double gdal_ring_m2(const OGRLinearRing& ring) {
  std::vector<double> lon;
  std::vector<double> lat;
  for (int i = 0; i < ring.getNumPoints(); ++i) {
    lon.push_back(ring.getX(i));
    lat.push_back(ring.getY(i));
  }
  if (lon.size() < 3) return 0.0;
  geod_geodesic g{};
  geod_init(&g, 6378137.0, 1.0 / 298.257223563);
  double area = 0.0;
  geod_polygonarea(&g, lat.data(), lon.data(), static_cast<int>(lon.size()), &area, nullptr);
  return std::fabs(area);
}

double gdal_footprint_m2(const OGRGeometry& geometry) {
  double total = 0.0;
  const auto polygon_m2 = [](const OGRPolygon& polygon) {
    if (polygon.IsEmpty()) return 0.0;
    double area = gdal_ring_m2(*polygon.getExteriorRing());
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
      area -= gdal_ring_m2(*polygon.getInteriorRing(i));
    }
    return std::max(area, 0.0);
  };
  if (wkbFlatten(geometry.getGeometryType()) == wkbPolygon)
    return polygon_m2(*geometry.toPolygon());
  for (const OGRPolygon* polygon : *geometry.toMultiPolygon()) total += polygon_m2(*polygon);
  return total;
}

GeosGeometry gdal_to_geos(const OGRGeometry& geometry) {
  std::vector<unsigned char> wkb(geometry.WkbSize());
  geometry.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return geos_from_wkb(wkb);
}

GdalReference read_with_gdal(const fs::path& pbf, double min_m2) {
  GDALAllRegister();
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(pbf.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  EXPECT_TRUE(dataset);
  OGRLayer* layer = dataset->GetLayerByName("multipolygons");
  layer->SetAttributeFilter("building IS NOT NULL OR landuse IS NOT NULL");
  const std::vector<std::string> types = {
      "house",   "residential", "apartments", "detached",  "semidetached_house",
      "terrace", "bungalow",    "farm",       "dormitory", "yes"};
  const std::vector<std::string> non_residential = {"industrial", "commercial", "retail",
                                                    "military", "railway"};
  GdalReference reference;
  std::vector<bool> untyped;
  std::vector<GeosGeometry> blocking;
  for (auto& feature : *layer) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) continue;
    const int b = feature->GetFieldIndex("building");
    const int l = feature->GetFieldIndex("landuse");
    if (feature->IsFieldSetAndNotNull(b)) {
      const std::string building = feature->GetFieldAsString(b);
      if (building == "no") {
      } else if (std::find(types.begin(), types.end(), building) == types.end()) {
        ++reference.non_residential;
      } else if (const double m2 = gdal_footprint_m2(*geometry); m2 < min_m2) {
        ++reference.small;
      } else {
        OGRPoint centroid;
        geometry->Centroid(&centroid);
        reference.buildings.push_back({{centroid.getX(), centroid.getY()}, m2});
        untyped.push_back(building == "yes");
      }
    }
    if (!feature->IsFieldSetAndNotNull(l)) continue;
    const std::string landuse = feature->GetFieldAsString(l);
    const bool residential = landuse == "residential";
    if (!residential && std::find(non_residential.begin(), non_residential.end(), landuse) ==
                            non_residential.end()) {
      continue;
    }
    GeosGeometry area = gdal_to_geos(*geometry);
    if (!geos_is_valid(*area)) area = geos_make_valid_polygonal(*area);
    if (GEOSisEmpty_r(geos_context(), area.get()) != 0) continue;
    if (residential) {
      reference.residential_area_deg2.push_back(geos_area(*area));
    } else {
      blocking.push_back(std::move(area));
    }
  }
  std::vector<ResidentialBuilding> kept;
  for (std::size_t i = 0; i < reference.buildings.size(); ++i) {
    const LonLat c = reference.buildings[i].centroid;
    const GeosGeometry point = geos_point(c.lon, c.lat);
    const bool blocked =
        untyped[i] && std::any_of(blocking.begin(), blocking.end(), [&](const GeosGeometry& area) {
          return geos_covers(*area, *point);
        });
    if (blocked) {
      ++reference.non_residential;
    } else {
      kept.push_back(reference.buildings[i]);
    }
  }
  reference.buildings = std::move(kept);
  return reference;
}

bool by_position(const ResidentialBuilding& a, const ResidentialBuilding& b) {
  return std::pair(a.centroid.lon, a.centroid.lat) < std::pair(b.centroid.lon, b.centroid.lat);
}

TEST(ResidentialReaderRealTest, LiechtensteinGivesWhatGdalsOsmDriverGave) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  GdalReference expected = read_with_gdal(pbf, 30.0);
  std::vector<std::string> warnings;
  ResidentialPlaces places = read_residential_places(pbf, 30.0, warnings);
  EXPECT_EQ(places.buildings_skipped_small, expected.small);
  EXPECT_EQ(places.buildings_skipped_non_residential, expected.non_residential);
  ASSERT_EQ(places.buildings.size(), expected.buildings.size());
  std::sort(places.buildings.begin(), places.buildings.end(), by_position);
  std::sort(expected.buildings.begin(), expected.buildings.end(), by_position);
  for (std::size_t i = 0; i < places.buildings.size(); ++i) {
    const ResidentialBuilding& got = places.buildings[i];
    const ResidentialBuilding& want = expected.buildings[i];
    ASSERT_NEAR(got.centroid.lon, want.centroid.lon, 1e-9) << i;
    ASSERT_NEAR(got.centroid.lat, want.centroid.lat, 1e-9) << i;
    ASSERT_NEAR(got.footprint_m2, want.footprint_m2, 1e-6 * want.footprint_m2) << i;
  }
  std::vector<double> areas;
  for (const GeosGeometry& area : places.residential_areas) areas.push_back(geos_area(*area));
  std::sort(areas.begin(), areas.end());
  std::sort(expected.residential_area_deg2.begin(), expected.residential_area_deg2.end());
  ASSERT_EQ(areas.size(), expected.residential_area_deg2.size());
  for (std::size_t i = 0; i < areas.size(); ++i) {
    EXPECT_NEAR(areas[i], expected.residential_area_deg2[i], 1e-9 * areas[i]) << i;
  }
}

}  // namespace
}  // namespace couverture
