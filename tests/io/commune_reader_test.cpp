#include "couverture/io/commune_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <numeric>

#include "couverture/geodata/data_error.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

class CommuneReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("communes"); }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  // A GeoJSON FeatureCollection of square communes; `properties` one per feature.
  fs::path geojson(const std::string& name, const std::vector<std::string>& properties,
                   const std::string& crs = "", const std::string& ring = "") {
    std::string text = "{\"type\":\"FeatureCollection\",";
    if (!crs.empty()) {
      text += "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs + "\"}},";
    }
    text += "\"features\":[";
    for (std::size_t i = 0; i < properties.size(); ++i) {
      const double x = 6.5 + 0.1 * static_cast<double>(i);
      const std::string square = "[[" + std::to_string(x) + ",48.0],[" + std::to_string(x + 0.1) +
                                 ",48.0],[" + std::to_string(x + 0.1) + ",48.1],[" +
                                 std::to_string(x) + ",48.1],[" + std::to_string(x) + ",48.0]]";
      text += std::string(i ? "," : "") + "{\"type\":\"Feature\",\"properties\":{" + properties[i] +
              "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" +
              (ring.empty() ? square : ring) + "]}}";
    }
    text += "]}";
    return write(name, text);
  }

  CommuneSource source(const fs::path& path) {
    CommuneSource result;
    result.path = path;
    result.code_field = "code";
    result.name_field = "nom";
    result.population_field = "pop";
    return result;
  }

  // Expects a DataError whose message contains every fragment.
  void expect_error(const CommuneSource& communes, const std::vector<std::string>& fragments) {
    std::vector<std::string> warnings;
    try {
      read_communes(communes, warnings);
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

TEST_F(CommuneReaderTest, ReadsCodesNamesPopulationsAsNumbersOrText) {
  const auto path = geojson("c.geojson", {R"("code":"01001","nom":"A","pop":120)",
                                          R"("code":"01002","nom":"B","pop":"75.5")"});
  std::vector<std::string> warnings;
  const auto communes = read_communes(source(path), warnings);
  ASSERT_EQ(communes.size(), 2u);
  EXPECT_EQ(communes[0].code, "01001");
  EXPECT_EQ(communes[0].name, "A");
  EXPECT_DOUBLE_EQ(communes[0].population, 120.0);
  EXPECT_DOUBLE_EQ(communes[1].population, 75.5);
  EXPECT_FALSE(communes[0].repaired);
  EXPECT_TRUE(warnings.empty());
}

TEST_F(CommuneReaderTest, ReprojectsLambert93ToWgs84) {
  // Square near Remiremont in Lambert-93 (x ~ 970 km, y ~ 6 780 km).
  const std::string ring =
      "[[970000,6780000],[971000,6780000],[971000,6781000],[970000,6781000],[970000,6780000]]";
  const auto path = geojson("l93.geojson", {R"("code":"88383","nom":"R","pop":1)"},
                            "urn:ogc:def:crs:EPSG::2154", ring);
  std::vector<std::string> warnings;
  const auto communes = read_communes(source(path), warnings);
  ASSERT_EQ(communes.size(), 1u);
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  GEOSGeom_getXMin_r(geos_context(), communes[0].boundary.get(), &min_x);
  GEOSGeom_getYMin_r(geos_context(), communes[0].boundary.get(), &min_y);
  GEOSGeom_getXMax_r(geos_context(), communes[0].boundary.get(), &max_x);
  GEOSGeom_getYMax_r(geos_context(), communes[0].boundary.get(), &max_y);
  EXPECT_GT(min_x, 6.4);
  EXPECT_LT(max_x, 6.8);
  EXPECT_GT(min_y, 47.9);
  EXPECT_LT(max_y, 48.2);
  EXPECT_LT(max_x - min_x, 0.02);  // 1 km is about 0.013 degrees of longitude here
}

TEST_F(CommuneReaderTest, RepairsAnInvalidPolygonWithAWarning) {
  const std::string bow_tie = "[[6.5,48.0],[6.6,48.1],[6.6,48.0],[6.5,48.1],[6.5,48.0]]";
  const auto path = geojson("bow.geojson", {R"("code":"88001","nom":"Bow","pop":10)"}, "", bow_tie);
  std::vector<std::string> warnings;
  const auto communes = read_communes(source(path), warnings);
  ASSERT_EQ(communes.size(), 1u);
  EXPECT_TRUE(communes[0].repaired);
  EXPECT_TRUE(geos_is_valid(*communes[0].boundary));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("bow.geojson"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("feature 0"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("Self-intersection"), std::string::npos) << warnings[0];
}

TEST_F(CommuneReaderTest, JoinsAPopulationTableKeepingLeadingZeros) {
  const auto path =
      geojson("c.geojson", {R"("code":"01001","nom":"A")", R"("code":"01002","nom":"B")"});
  const auto csv = write("pop.csv", "insee,habitants\n01001,120\n01002,80\n99999,5\n");
  auto communes_source = source(path);
  communes_source.population_field.clear();
  communes_source.population_table = PopulationTable{csv, "insee", "habitants"};
  std::vector<std::string> warnings;
  const auto communes = read_communes(communes_source, warnings);
  ASSERT_EQ(communes.size(), 2u);
  EXPECT_DOUBLE_EQ(communes[0].population, 120.0);
  EXPECT_DOUBLE_EQ(communes[1].population, 80.0);
}

TEST_F(CommuneReaderTest, CommunesMissingFromTheTableAreListed) {
  const auto path =
      geojson("c.geojson", {R"("code":"01001","nom":"A")", R"("code":"01002","nom":"B")"});
  const auto csv = write("pop.csv", "insee,habitants\n1001,120\n01002,80\n");
  auto communes_source = source(path);
  communes_source.population_table = PopulationTable{csv, "insee", "habitants"};
  expect_error(communes_source, {"pop.csv", "01001 A", "1 commune"});
}

TEST_F(CommuneReaderTest, NonNumericPopulationInTheTableNamesTheLine) {
  const auto path = geojson("c.geojson", {R"("code":"01001","nom":"A")"});
  const auto csv = write("pop.csv", "insee,habitants\n01001,lots\n");
  auto communes_source = source(path);
  communes_source.population_table = PopulationTable{csv, "insee", "habitants"};
  expect_error(communes_source, {"pop.csv", "line 2", "habitants", "lots"});
}

TEST_F(CommuneReaderTest, NonNumericPopulationNamesTheRecord) {
  const auto path = geojson("c.geojson", {R"("code":"01001","nom":"A","pop":10)",
                                          R"("code":"01002","nom":"B","pop":"beaucoup")"});
  expect_error(source(path), {"c.geojson", "feature 1", "'pop'", "beaucoup"});
}

TEST_F(CommuneReaderTest, MissingFieldListsTheFields) {
  const auto path = geojson("c.geojson", {R"("insee":"01001","nom":"A","pop":10)"});
  expect_error(source(path),
               {"c.geojson", "no field 'code'", "insee, nom, pop", "communes.code_field"});
}

TEST_F(CommuneReaderTest, MissingFileIsNamed) {
  expect_error(source(dir_ / "absent.gpkg"), {"absent.gpkg", "no such file"});
}

TEST_F(CommuneReaderTest, UnknownLayerListsTheLayers) {
  auto communes_source = source(geojson("c.geojson", {R"("code":"1","nom":"A","pop":1)"}));
  communes_source.layer = "communes";
  expect_error(communes_source, {"c.geojson", "no layer 'communes'", "layers are: c"});
}

TEST_F(CommuneReaderTest, EmptyResultAfterFilterIsAnError) {
  auto communes_source = source(geojson("c.geojson", {R"("code":"1","nom":"A","pop":1)"}));
  communes_source.filter = "nom = 'Z'";
  expect_error(communes_source, {"c.geojson", "no feature matches", "nom = 'Z'"});
}

TEST_F(CommuneReaderTest, InvalidFilterIsAnError) {
  auto communes_source = source(geojson("c.geojson", {R"("code":"1","nom":"A","pop":1)"}));
  communes_source.filter = "nom = = 'Z'";
  expect_error(communes_source, {"c.geojson", "filter", "communes.filter"});
}

TEST_F(CommuneReaderTest, LayerWithoutCrsIsAnError) {
  // A shapefile without .prj carries no CRS.
  const auto csv = write("nocrs.csv", "code,nom,pop,WKT\n1,A,1,\"POLYGON((0 0,1 0,1 1,0 0))\"\n");
  expect_error(source(csv), {"nocrs.csv", "no CRS"});
}

TEST_F(CommuneReaderTest, DuplicateCodesAreAnError) {
  const auto path =
      geojson("c.geojson", {R"("code":"1","nom":"A","pop":1)", R"("code":"1","nom":"B","pop":2)"});
  expect_error(source(path), {"c.geojson", "feature 1", "code 1", "feature 0"});
}

TEST(CommuneReaderSharedData, CcpvmJoinedOnCodeInsee) {
  COUVERTURE_REQUIRE_SHARED(communes_path, "territory/ccpvm_communes.geojson");
  COUVERTURE_REQUIRE_SHARED(table_path, "territory/ccpvm_population.csv");
  CommuneSource communes_source;
  communes_source.path = communes_path;
  communes_source.code_field = "code_insee";
  communes_source.name_field = "nom";
  communes_source.population_table =
      PopulationTable{table_path, "code_insee", "population_cog2026"};
  std::vector<std::string> warnings;
  const auto communes = read_communes(communes_source, warnings);
  ASSERT_EQ(communes.size(), 10u);
  double total = 0;
  for (const auto& commune : communes) {
    total += commune.population;
    if (commune.code == "88383") {
      EXPECT_DOUBLE_EQ(commune.population, 7388);
    }
  }
  EXPECT_DOUBLE_EQ(total, 28940);
}

TEST(CommuneReaderSharedData, LiechtensteinMunicipalitiesFromThePbf) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  const auto dir = testing::make_temp_dir("communes-li");
  // Liechtenstein's BFS municipality numbers, a tag kept in other_tags.
  std::string csv = "bfs,population\n";
  for (int code = 7001; code <= 7011; ++code) csv += std::to_string(code) + ",1000\n";
  std::ofstream(dir / "li.csv") << csv;
  CommuneSource communes_source;
  communes_source.path = pbf;
  communes_source.layer = "multipolygons";
  communes_source.filter = "admin_level = '8' AND boundary = 'administrative'";
  communes_source.code_field = "bfs:OBJECTVAL";
  communes_source.name_field = "name";
  communes_source.population_table = PopulationTable{dir / "li.csv", "bfs", "population"};
  std::vector<std::string> warnings;
  const auto communes = read_communes(communes_source, warnings);
  fs::remove_all(dir);
  ASSERT_EQ(communes.size(), 11u);
  bool vaduz = false;
  for (const auto& commune : communes) {
    vaduz = vaduz || commune.name == "Vaduz";
    EXPECT_FALSE(commune.name.empty());
    double min_x = 0;
    GEOSGeom_getXMin_r(geos_context(), commune.boundary.get(), &min_x);
    EXPECT_GT(min_x, 9.4);
  }
  EXPECT_TRUE(vaduz);
}

}  // namespace
}  // namespace couverture
