#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <fstream>

#include "gpkg_file.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;
using testing::Gpkg;

std::string cli() { return COUVERTURE_CLI; }

// Checks a GeoPackage with GDAL's own validator (python3-gdal), when present.
void expect_valid_geopackage(const fs::path& path) {
  const char* validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";
  if (!fs::exists(validator)) return;
  std::string output;
  const int code = testing::run_command(
      "/usr/bin/python3 " + std::string(validator) + " " + path.string(), output);
  EXPECT_EQ(code, 0) << output;
}

class RunCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    dir_ = testing::make_temp_dir("run-command");
  }
  void TearDown() override { fs::remove_all(dir_); }
  int run(const std::string& arguments, std::string& output) {
    return testing::run_command("cd " + dir_.string() + " && " + cli() + " " + arguments, output);
  }
  fs::path dir_;
};

TEST_F(RunCommand, DemoWritesAStyledValidGeoPackageAndItsInputs) {
  std::string output;
  ASSERT_EQ(run("demo", output), 0) << output;
  EXPECT_NE(output.find("SYNTHETIC"), std::string::npos) << output;
  EXPECT_NE(output.find("eaje"), std::string::npos) << output;
  const fs::path gpkg = dir_ / "couverture-demo.gpkg";
  ASSERT_TRUE(fs::exists(gpkg));
  for (const char* input : {"roads.osm.pbf", "communes.gpkg", "facilities.csv", "scenario.toml"}) {
    EXPECT_TRUE(fs::exists(dir_ / "couverture-demo" / input)) << input;
  }
  expect_valid_geopackage(gpkg);
  Gpkg file(gpkg);
  ASSERT_NE(file.dataset, nullptr);
  OGRLayer* communes = file.dataset->GetLayerByName("communes");
  ASSERT_NE(communes, nullptr);
  EXPECT_EQ(communes->GetFeatureCount(), 10);
  // The demand points carry the 28,940 inhabitants, those of points under 11
  // people masked (NULL) as meant for publication; accessibility_outputs_test
  // adds them up unmasked.
  OGRLayer* demand = file.dataset->GetLayerByName("demand_points");
  ASSERT_NE(demand, nullptr);
  double shown = 0.0;
  for (auto& feature : *demand) {
    if (feature->IsFieldNull(feature->GetFieldIndex("population"))) {
      EXPECT_EQ(feature->GetFieldAsInteger("masked"), 1);
    } else {
      shown += feature->GetFieldAsDouble("population");
    }
  }
  EXPECT_GT(shown, 0.5 * 28940.0);
  EXPECT_LE(shown, 28940.0 + 1e-6);
  EXPECT_NE(communes->GetLayerDefn()->GetFieldIndex("eaje_mean_min"), -1);
  EXPECT_NE(communes->GetLayerDefn()->GetFieldIndex("eaje_pct_within_10min"), -1);
  EXPECT_STREQ(communes->GetSpatialRef()->GetAuthorityCode(nullptr), "2154");
  OGRLayer* styles = file.dataset->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  EXPECT_GE(styles->GetFeatureCount(), 4);
  OGRLayer* run_info = file.dataset->GetLayerByName("run_info");
  ASSERT_NE(run_info, nullptr);
  bool says_synthetic = false;
  for (auto& feature : *run_info) {
    if (std::string(feature->GetFieldAsString("value")).find("ynthetic") != std::string::npos) {
      says_synthetic = true;
    }
  }
  EXPECT_TRUE(says_synthetic);
}

// The demo's GeoPackage opens in real QGIS (headless) with its default
// styles applied; each layer is rendered to a PNG a person can look at.
TEST_F(RunCommand, DemoOpensInQgisWithItsStyles) {
  std::string output;
  if (testing::run_command("/usr/bin/python3 -c 'import qgis.core'", output) != 0) {
    GTEST_SKIP() << "PyQGIS not installed (scripts/install-qgis.sh)";
  }
  ASSERT_EQ(run("-q demo", output), 0) << output;
  const std::string script = std::string(COUVERTURE_SOURCE_DIR) + "/tests/io/check_qgis_styles.py";
  const int code = testing::run_command(
      "QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + dir_.string() + " /usr/bin/python3 " + script +
          " " + (dir_ / "couverture-demo.gpkg").string() + " " + dir_.string() +
          " communes=graduatedSymbol facilities=categorizedSymbol"
          " demand_points=graduatedSymbol facility_access=singleSymbol"
          " isochrones=graduatedSymbol service_isochrones=graduatedSymbol"
          " zones_en_tension=categorizedSymbol raster:surface_eaje=singlebandpseudocolor",
      output);
  EXPECT_EQ(code, 0) << output;
  EXPECT_TRUE(fs::exists(dir_ / "communes.png")) << output;
  // The Éloyes question's outputs too: differences and candidates.
  ASSERT_EQ(run("-q compare couverture-demo/sans-eloyes.toml couverture-demo/scenario.toml -o "
                "diff.gpkg",
                output),
            0)
      << output;
  ASSERT_EQ(run("-q site couverture-demo/site-eaje.toml --evaluate Éloyes -o site.gpkg", output), 0)
      << output;
  const std::string check =
      "QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + dir_.string() + " /usr/bin/python3 " + script;
  EXPECT_EQ(testing::run_command(check + " " + (dir_ / "diff.gpkg").string() + " " + dir_.string() +
                                     " communes_diff=graduatedSymbol"
                                     " demand_points_diff=graduatedSymbol"
                                     " facilities_diff=categorizedSymbol",
                                 output),
            0)
      << output;
  EXPECT_EQ(testing::run_command(check + " " + (dir_ / "site.gpkg").string() + " " + dir_.string() +
                                     " candidates=graduatedSymbol chosen_sites=singleSymbol",
                                 output),
            0)
      << output;
}

TEST_F(RunCommand, DemoScenarioReRunsWithRunAndRefusesToClobber) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  const auto size_before = fs::file_size(dir_ / "couverture-demo.gpkg");
  // Without --overwrite the existing output is refused and left untouched.
  EXPECT_EQ(run("run couverture-demo/scenario.toml", output), 1);
  EXPECT_NE(output.find("--overwrite"), std::string::npos) << output;
  EXPECT_EQ(fs::file_size(dir_ / "couverture-demo.gpkg"), size_before);
  ASSERT_EQ(run("run couverture-demo/scenario.toml -o again.gpkg --json", output), 0) << output;
  EXPECT_NE(output.find("\"services\""), std::string::npos) << output;
  EXPECT_TRUE(fs::exists(dir_ / "again.gpkg"));
  ASSERT_EQ(run("run couverture-demo/scenario.toml --overwrite -q", output), 0) << output;
}

TEST_F(RunCommand, MisspelledScenarioKeyIsADataErrorNamingKeyAndLine) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  std::ifstream in(dir_ / "couverture-demo/scenario.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string scenario = text.str();
  scenario.replace(scenario.find("type_field"), 10, "typ_field");
  std::ofstream(dir_ / "couverture-demo/bad.toml") << scenario;
  EXPECT_EQ(run("run couverture-demo/bad.toml -o bad.gpkg", output), 1);
  EXPECT_NE(output.find("typ_field"), std::string::npos) << output;
  EXPECT_NE(output.find("line"), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(dir_ / "bad.gpkg"));
}

TEST_F(RunCommand, FacilityOutsideEveryCommuneIsNamed) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  // Swapped x/y: the classic CRS mistake puts the crèche in the Indian Ocean.
  std::ofstream(dir_ / "couverture-demo/facilities.csv", std::ios::app)
      << "lost,Crèche perdue,eaje,10,48.0,6.6\n";
  EXPECT_EQ(run("run couverture-demo/scenario.toml -o lost.gpkg", output), 1);
  EXPECT_NE(output.find("lost"), std::string::npos) << output;
  EXPECT_NE(output.find("outside every commune"), std::string::npos) << output;
  EXPECT_NE(output.find("facilities.csv"), std::string::npos) << output;
}

TEST_F(RunCommand, MissingScenarioAndBadFlagsGiveTheirExitCodes) {
  std::string output;
  EXPECT_EQ(run("run nowhere.toml", output), 1);
  EXPECT_NE(output.find("nowhere.toml"), std::string::npos) << output;
  EXPECT_EQ(run("run", output), 2);
  EXPECT_EQ(run("demo --no-such-flag", output), 2);
}

TEST_F(RunCommand, LiechtensteinCommunesFromOsmBoundaries) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  // Two facilities in Vaduz and Schaan; communes are the admin_level 8
  // municipalities read from the PBF's multipolygons layer.
  std::ofstream(dir_ / "kitas.csv") << "id,name,type,x,y\n"
                                    << "vaduz,Kita Vaduz,eaje,9.5209,47.1410\n"
                                    << "schaan,Kita Schaan,eaje,9.5095,47.1650\n";
  // Populations of the 11 municipalities (Amt für Statistik, end of 2015,
  // rounded), joined on the OSM relation id.
  std::ofstream(dir_ / "population.csv") << "osm_id,population\n"
                                         << "1155945,5100\n1155946,1100\n1155947,1650\n"
                                         << "1155948,2600\n1155949,4400\n1155950,2200\n"
                                         << "1155951,4250\n1155952,5900\n1155953,4600\n"
                                         << "1155954,450\n1155956,5400\n";
  std::ofstream(dir_ / "li.toml")
      << "name = \"Liechtenstein\"\n"
      << "[communes]\npath = \"" << pbf.string() << "\"\nlayer = \"multipolygons\"\n"
      << "filter = \"admin_level = '8'\"\ncode_field = \"osm_id\"\nname_field = \"name\"\n"
      << "[communes.population_table]\npath = \"population.csv\"\ncode_field = \"osm_id\"\n"
      << "population_field = \"population\"\n"
      << "[facilities]\npath = \"kitas.csv\"\nx_field = \"x\"\ny_field = \"y\"\n"
      << "crs = \"EPSG:4326\"\nid_field = \"id\"\nname_field = \"name\"\ntype_field = \"type\"\n"
      << "[network]\npath = \"" << pbf.string() << "\"\n"
      << "[output]\npath = \"li.gpkg\"\ncrs = \"EPSG:2056\"\n";
  std::string output;
  ASSERT_EQ(run("run li.toml", output), 0) << output;
  expect_valid_geopackage(dir_ / "li.gpkg");
  Gpkg file(dir_ / "li.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  EXPECT_EQ(file.dataset->GetLayerByName("communes")->GetFeatureCount(), 11);
  // The extract has buildings: the population lives in them, not in forests.
  std::size_t from_buildings = 0;
  for (auto& feature : *file.dataset->GetLayerByName("communes")) {
    if (std::string(feature->GetFieldAsString("demand_source")) == "buildings") ++from_buildings;
  }
  EXPECT_GE(from_buildings, 9u);
  EXPECT_NE(file.dataset->GetLayerByName("equity"), nullptr);
}

}  // namespace
}  // namespace couverture
