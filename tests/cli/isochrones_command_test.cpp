#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gpkg_file.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;
using testing::Gpkg;

class IsochronesCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new fs::path(testing::make_temp_dir("isochrones-command"));
    std::string output;
    ASSERT_EQ(run("-q demo", output), 0) << output;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static int run(const std::string& arguments, std::string& output) {
    return testing::run_command("cd " + dir_->string() + " && " COUVERTURE_CLI " " + arguments,
                                output);
  }
  static fs::path* dir_;
};

fs::path* IsochronesCommand::dir_ = nullptr;

TEST_F(IsochronesCommand, RingsPerFacilityAndServiceWithEveryCheckPassed) {
  std::string output;
  ASSERT_EQ(
      run("isochrones couverture-demo/scenario.toml -o rings.gpkg --form rings --json", output), 0)
      << output;
  const nlohmann::json summary = nlohmann::json::parse(output.substr(output.find('{')));
  const nlohmann::json& iso = summary["isochrones"];
  // 9 facilities and 6 services, 4 thresholds each: every band checked, every one passing.
  EXPECT_EQ(iso["bands_checked"], 60) << iso.dump(1);
  EXPECT_EQ(iso["bands_passing_every_check"], 60) << iso.dump(1);
  EXPECT_EQ(iso["demand_points_misplaced"], 0) << iso.dump(1);
  Gpkg file(*dir_ / "rings.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  OGRLayer* isochrones = file.dataset->GetLayerByName("isochrones");
  ASSERT_NE(isochrones, nullptr);
  // The demo has 9 facilities and 4 thresholds (5, 10, 15, 20 min).
  EXPECT_EQ(isochrones->GetFeatureCount(), 36);
  std::map<std::string, std::vector<std::unique_ptr<OGRGeometry>>> rings_of;
  for (auto& feature : *isochrones) {
    EXPECT_EQ(feature->GetFieldAsInteger("checks_ok"), 1) << feature->GetFieldAsString("band");
    EXPECT_STREQ(feature->GetFieldAsString("direction"), "to_facility");
    EXPECT_STREQ(feature->GetFieldAsString("mode"), "car");
    const double minutes = feature->GetFieldAsDouble("minutes");
    EXPECT_DOUBLE_EQ(feature->GetFieldAsDouble("from_minutes"), minutes == 5.0 ? 0.0 : minutes - 5);
    rings_of[feature->GetFieldAsString("facility_id")].emplace_back(
        feature->GetGeometryRef()->clone());
  }
  // Rings of one facility do not overlap (checked by OGR, not by the engine).
  for (const auto& [facility, rings] : rings_of) {
    ASSERT_EQ(rings.size(), 4U) << facility;
    for (std::size_t a = 0; a < rings.size(); ++a) {
      for (std::size_t b = a + 1; b < rings.size(); ++b) {
        std::unique_ptr<OGRGeometry> overlap(rings[a]->Intersection(rings[b].get()));
        // Lambert-93 metres: a shared edge has no area, an overlap has.
        const double area = overlap ? OGR_G_Area(OGRGeometry::ToHandle(overlap.get())) : 0.0;
        EXPECT_LT(area, 1.0) << facility << " rings " << a << " and " << b << " overlap";
      }
    }
  }
  OGRLayer* services = file.dataset->GetLayerByName("service_isochrones");
  ASSERT_NE(services, nullptr);
  EXPECT_EQ(services->GetFeatureCount(), 24);  // 6 service types × 4 rings
  // No facility layer beyond these: an isochrones run writes no communes.
  EXPECT_EQ(file.dataset->GetLayerByName("communes"), nullptr);
  EXPECT_NE(file.dataset->GetLayerByName("run_info"), nullptr);
}

// The dissolved crèche rings count, by travel time, the same people as the
// coverage run's demand points within 20 minutes of a crèche: two code paths
// (nearest-facility search, per-facility matrix) that must agree.
TEST_F(IsochronesCommand, PopulationReachedAgreesWithTheCoverageRun) {
  std::string output;
  ASSERT_EQ(run("-q isochrones couverture-demo/scenario.toml -o agree.gpkg --form rings", output),
            0)
      << output;
  Gpkg rings(*dir_ / "agree.gpkg");
  ASSERT_NE(rings.dataset, nullptr);
  double reached = 0.0;
  for (auto& feature : *rings.dataset->GetLayerByName("service_isochrones")) {
    if (std::string(feature->GetFieldAsString("service_type")) == "eaje") {
      reached += feature->GetFieldAsDouble("population_reached");
    }
  }
  // Per-point counts are masked below 11 people by default: re-run unmasked.
  std::ifstream in(*dir_ / "couverture-demo/scenario.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string scenario = text.str();
  const auto mask = scenario.find("mask_small_counts = true");
  ASSERT_NE(mask, std::string::npos) << scenario;
  scenario.replace(mask, 24, "mask_small_counts = false");
  std::ofstream(*dir_ / "couverture-demo/unmasked.toml") << scenario;
  ASSERT_EQ(run("-q run couverture-demo/unmasked.toml -o unmasked.gpkg", output), 0) << output;
  Gpkg coverage(*dir_ / "unmasked.gpkg");
  ASSERT_NE(coverage.dataset, nullptr);
  double within = 0.0;
  for (auto& point : *coverage.dataset->GetLayerByName("demand_points")) {
    if (!point->IsFieldNull(point->GetFieldIndex("eaje_min")) &&
        point->GetFieldAsDouble("eaje_min") <= 20.0) {
      within += point->GetFieldAsDouble("population");
    }
  }
  EXPECT_GT(within, 0.0);
  // Rounded to 0.1 person per ring; minutes rounded to hundredths in the layer.
  EXPECT_NEAR(reached, within, 0.02 * within);
  // The coverage run of the demo has its isochrone layers too.
  EXPECT_NE(coverage.dataset->GetLayerByName("isochrones"), nullptr);
}

// The rule of the surface: a place's time is the time a demand point there
// gets. So the people inside each service band are the people whose travel
// time is within it, but for those within one cell of an edge: the two
// shares of the population agree within 1 % of it (the demo's 28,940
// inhabitants). Relative to a small band the gap is larger: a 5-minute band
// holds ~3,000 people and its edge a few of the demo's 400 m demand points.
TEST_F(IsochronesCommand, PopulationInsideTheBandsIsThePopulationWithinTheirTime) {
  std::string output;
  ASSERT_EQ(run("-q isochrones couverture-demo/scenario.toml -o bands.gpkg", output), 0) << output;
  Gpkg file(*dir_ / "bands.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  std::size_t compared = 0;
  for (auto& band : *file.dataset->GetLayerByName("service_isochrones")) {
    const double inside = band->GetFieldAsDouble("population");
    const double within = band->GetFieldAsDouble("population_reached");
    ASSERT_GT(within, 0.0);
    EXPECT_NEAR(inside, within, 0.01 * 28940.0)
        << band->GetFieldAsString("service_type") << " " << band->GetFieldAsDouble("minutes");
    EXPECT_EQ(band->GetFieldAsInteger("checks_ok"), 1);
    ++compared;
  }
  EXPECT_EQ(compared, 24U);
  // One Float32 raster per service type, in the output CRS, minutes, with
  // no data where no time: the eaje surface's crèche cells are near zero.
  GDALDatasetUniquePtr surface(
      GDALDataset::Open(("GPKG:" + (*dir_ / "bands.gpkg").string() + ":surface_eaje").c_str(),
                        GDAL_OF_RASTER | GDAL_OF_READONLY));
  ASSERT_NE(surface, nullptr);
  GDALRasterBand* values = surface->GetRasterBand(1);
  EXPECT_EQ(values->GetRasterDataType(), GDT_Float32);
  int has_nodata = 0;
  EXPECT_EQ(values->GetNoDataValue(&has_nodata), -1.0);
  EXPECT_EQ(has_nodata, 1);
  double range[2] = {0.0, 0.0};
  ASSERT_EQ(values->ComputeRasterMinMax(FALSE, range), CE_None);
  EXPECT_GE(range[0], 0.0);
  EXPECT_LT(range[0], 1.0);  // a cell beside a crèche
  EXPECT_GT(range[1], 20.0);
  EXPECT_NE(std::string(surface->GetSpatialRef()->GetAuthorityCode(nullptr)), "");
  EXPECT_STREQ(surface->GetSpatialRef()->GetAuthorityCode(nullptr), "2154");
}

// The surface's grid is laid in the output CRS: one in degrees is refused
// with the keys to change, and nothing is written.
TEST_F(IsochronesCommand, AnOutputCrsInDegreesIsRefusedByName) {
  std::ofstream(*dir_ / "couverture-demo/degrees.toml")
      << "baseline = \"scenario.toml\"\n[output]\ncrs = \"EPSG:4326\"\n";
  std::string output;
  EXPECT_EQ(run("isochrones couverture-demo/degrees.toml -o degrees.gpkg", output), 1);
  EXPECT_NE(output.find("degrees.toml"), std::string::npos) << output;
  EXPECT_NE(output.find("[output]"), std::string::npos) << output;
  EXPECT_NE(output.find("EPSG:2154"), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(*dir_ / "degrees.gpkg"));
  EXPECT_FALSE(fs::exists(*dir_ / "degrees.qml"));
}

TEST_F(IsochronesCommand, RefusesToClobberAndRejectsAnUnknownForm) {
  std::string output;
  std::ofstream(*dir_ / "taken.gpkg") << "not mine";
  EXPECT_EQ(run("isochrones couverture-demo/scenario.toml -o taken.gpkg", output), 1);
  EXPECT_NE(output.find("--overwrite"), std::string::npos) << output;
  EXPECT_EQ(fs::file_size(*dir_ / "taken.gpkg"), 8U);
  EXPECT_EQ(run("isochrones couverture-demo/scenario.toml --form blobs", output), 2);
}

}  // namespace
}  // namespace couverture
