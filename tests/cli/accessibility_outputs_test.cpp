#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "gpkg_file.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;
using testing::Gpkg;

// The demand, coverage-rate, tension and equity outputs of issue 4, checked
// on the demo's GeoPackage against values computed here from the inputs
// (facility places, legal populations, the documented band shares) and
// against independent formulas (an O(n²) Gini), never against the engine.
class AccessibilityOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    dir_ = testing::make_temp_dir("accessibility-outputs");
  }
  void TearDown() override { fs::remove_all(dir_); }
  int run(const std::string& arguments, std::string& output) {
    return testing::run_command(
        "cd " + dir_.string() + " && " + std::string(COUVERTURE_CLI) + " " + arguments, output);
  }
  std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // The demo's scenario with small-count masking switched off.
  void unmask_demo_scenario() {
    std::string scenario = read(dir_ / "couverture-demo/scenario.toml");
    const auto at = scenario.find("mask_small_counts = true");
    ASSERT_NE(at, std::string::npos) << scenario;
    scenario.replace(at, 24, "mask_small_counts = false");
    std::ofstream(dir_ / "couverture-demo/unmasked.toml") << scenario;
  }
  fs::path dir_;
};

TEST_F(AccessibilityOutputs, DemoCafRatesFollowFromPlacesAndChildren) {
  std::string output;
  ASSERT_EQ(run("demo", output), 0) << output;
  EXPECT_NE(output.find("Worst-served communes"), std::string::npos) << output;
  EXPECT_NE(output.find("ESTIMATED"), std::string::npos) << output;
  Gpkg file(dir_ / "couverture-demo.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  OGRLayer* communes = file.dataset->GetLayerByName("communes");
  ASSERT_NE(communes, nullptr);
  // Children 0–2 estimated at 3.1 % of the legal population (no age table):
  // Remiremont 7,388 × 0.031 = 229.03 with the 40-place crèche,
  // Éloyes 3,138 × 0.031 = 97.28 with the 10-place micro-crèche.
  std::map<std::string, double> rate;
  std::map<std::string, double> children;
  for (auto& feature : *communes) {
    const std::string code = feature->GetFieldAsString("code");
    children[code] = feature->GetFieldAsDouble("pop_age_0_2");
    rate[code] = feature->IsFieldNull(feature->GetFieldIndex("eaje_rate_admin"))
                     ? -1.0
                     : feature->GetFieldAsDouble("eaje_rate_admin");
  }
  EXPECT_NEAR(children.at("88383"), 7388 * 0.031, 0.01);
  EXPECT_NEAR(rate.at("88383"), 100.0 * 40 / (7388 * 0.031), 0.01);
  EXPECT_NEAR(rate.at("88158"), 100.0 * 10 / (3138 * 0.031), 0.01);
  EXPECT_NEAR(rate.at("88205"), 0.0, 1e-9);  // Girmont-Val-d'Ajol: no crèche
  for (const char* layer : {"equity", "lorenz", "zones_en_tension"}) {
    EXPECT_NE(file.dataset->GetLayerByName(layer), nullptr) << layer;
  }
  for (const char* field : {"eaje_rate_e2sfca", "eaje_rate_2sfca", "eaje_target_beyond_15min",
                            "eaje_tension", "alsh_target_pop", "eaje_theil_between"}) {
    EXPECT_NE(communes->GetLayerDefn()->GetFieldIndex(field), -1) << field;
  }
}

TEST_F(AccessibilityOutputs, DemoDemandPointsMaskSmallCounts) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  Gpkg file(dir_ / "couverture-demo.gpkg");
  OGRLayer* points = file.dataset->GetLayerByName("demand_points");
  ASSERT_NE(points, nullptr);
  std::size_t masked = 0;
  for (auto& feature : *points) {
    const bool hidden = feature->GetFieldAsInteger("masked") == 1;
    masked += hidden ? 1 : 0;
    // Any small band hides every band and target count of the point (one
    // hidden band would otherwise be the total minus the others).
    const bool bands_hidden = feature->IsFieldNull(feature->GetFieldIndex("pop_age_0_2"));
    for (const char* field : {"pop_age_3_5", "pop_adults", "eaje_target_pop", "alsh_target_pop"}) {
      EXPECT_EQ(feature->IsFieldNull(feature->GetFieldIndex(field)), bands_hidden) << field;
    }
    for (const char* field : {"population", "pop_age_0_2", "eaje_target_pop"}) {
      const int index = feature->GetFieldIndex(field);
      ASSERT_GE(index, 0) << field;
      if (feature->IsFieldNull(index)) {
        EXPECT_TRUE(hidden) << field;
      } else {
        const double value = feature->GetFieldAsDouble(index);
        EXPECT_TRUE(value == 0.0 || value >= 11.0) << field << " = " << value;
      }
    }
  }
  // 0–2-year-olds per point are about 0.5: nearly every point is masked.
  EXPECT_GT(masked, 0u);
}

TEST_F(AccessibilityOutputs, DemoEveryChildCountedOnceAndEquityAgreesWithPairwiseGini) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  unmask_demo_scenario();
  ASSERT_EQ(run("run couverture-demo/unmasked.toml -o unmasked.gpkg --json", output), 0) << output;
  EXPECT_NE(output.find("\"worst_served_communes\""), std::string::npos) << output;
  Gpkg file(dir_ / "unmasked.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  std::map<std::string, double> commune_children;
  for (auto& feature : *file.dataset->GetLayerByName("communes")) {
    commune_children[feature->GetFieldAsString("code")] = feature->GetFieldAsDouble("pop_age_0_2");
  }
  std::map<std::string, double> point_children;
  std::vector<double> minutes;
  std::vector<double> weights;
  double reached_places = 0.0;
  for (auto& feature : *file.dataset->GetLayerByName("demand_points")) {
    const double children = feature->GetFieldAsDouble("pop_age_0_2");
    point_children[feature->GetFieldAsString("commune_code")] += children;
    EXPECT_DOUBLE_EQ(feature->GetFieldAsDouble("eaje_target_pop"), children);
    EXPECT_EQ(feature->GetFieldAsInteger("masked"), 0);
    if (!feature->IsFieldNull(feature->GetFieldIndex("eaje_min"))) {
      minutes.push_back(feature->GetFieldAsDouble("eaje_min"));
      weights.push_back(children);
    }
    reached_places += children * feature->GetFieldAsDouble("eaje_e2sfca") / 100.0;
  }
  // Every child counted once, commune by commune.
  ASSERT_EQ(point_children.size(), commune_children.size());
  for (const auto& [code, children] : commune_children) {
    EXPECT_NEAR(point_children.at(code), children, 1e-6 * children + 1e-9) << code;
  }
  // The floating catchment shares the 50 crèche places among the children
  // who reach them: weighted by the children, the rates add up to the places
  // (to the rounding of the published rates to hundredths).
  EXPECT_NEAR(reached_places, 50.0, 0.5);

  // Gini of travel times from its definition, over every pair of points.
  double total_weight = 0.0;
  double weighted_sum = 0.0;
  for (std::size_t i = 0; i < minutes.size(); ++i) {
    total_weight += weights[i];
    weighted_sum += weights[i] * minutes[i];
  }
  double pair_sum = 0.0;
  for (std::size_t i = 0; i < minutes.size(); ++i) {
    for (std::size_t j = 0; j < minutes.size(); ++j) {
      pair_sum += weights[i] * weights[j] * std::abs(minutes[i] - minutes[j]);
    }
  }
  const double mean = weighted_sum / total_weight;
  const double gini = pair_sum / (2.0 * total_weight * total_weight * mean);
  bool found = false;
  for (auto& row : *file.dataset->GetLayerByName("equity")) {
    if (std::string(row->GetFieldAsString("service_type")) != "eaje") continue;
    found = true;
    EXPECT_EQ(std::string(row->GetFieldAsString("measure")), "travel_time");
    EXPECT_NEAR(row->GetFieldAsDouble("gini"), gini, 1e-3);
    EXPECT_NEAR(row->GetFieldAsDouble("mean"), mean, 1e-3);
    EXPECT_NEAR(row->GetFieldAsDouble("theil"),
                row->GetFieldAsDouble("theil_between") + row->GetFieldAsDouble("theil_within"),
                1e-9);
  }
  EXPECT_TRUE(found);
  // The Lorenz table runs from (0, 0) to (1, 1) for each service.
  std::size_t eaje_rows = 0;
  for (auto& row : *file.dataset->GetLayerByName("lorenz")) {
    if (std::string(row->GetFieldAsString("service_type")) == "eaje") ++eaje_rows;
  }
  EXPECT_GE(eaje_rows, 2u);
}

// An INSEE 200 m grid (Filosofi carreaux, GeoJSON in WGS84) places
// Remiremont's population and gives its age structure; the other communes
// fall back to the regular grid.
TEST_F(AccessibilityOutputs, InseeGridPlacesPeopleAndGivesTheirAges) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  std::ofstream grid(dir_ / "carreaux.geojson");
  grid << R"({"type": "FeatureCollection", "features": [)";
  // Three cells near Remiremont's centre (lon 6.5917, lat 48.0175), each of
  // 100 people: Ind_0_3 = 8, Ind_4_5 = 6, Ind_6_10 = 10, Ind_11_17 = 14.
  for (int k = 0; k < 3; ++k) {
    const double west = 6.5890 + 0.0027 * k;
    const double east = west + 0.0027;
    grid << (k ? "," : "") << R"({"type": "Feature", "properties": {"Ind": 100, "Ind_0_3": 8, )"
         << R"("Ind_4_5": 6, "Ind_6_10": 10, "Ind_11_17": 14}, "geometry": {"type": "Polygon", )"
         << R"("coordinates": [[[)" << west << ", 48.0166], [" << east << ", 48.0166], [" << east
         << ", 48.0184], [" << west << ", 48.0184], [" << west << ", 48.0166]]]}}";
  }
  grid << "]}\n";
  grid.close();
  std::string scenario = read(dir_ / "couverture-demo/scenario.toml");
  const auto at = scenario.find("insee_grid = ''");
  ASSERT_NE(at, std::string::npos) << scenario;
  scenario.replace(at, 15, "insee_grid = '../carreaux.geojson'");
  scenario.replace(scenario.find("mask_small_counts = true"), 24, "mask_small_counts = false");
  std::ofstream(dir_ / "couverture-demo/grid.toml") << scenario;
  ASSERT_EQ(run("-q run couverture-demo/grid.toml -o grid.gpkg", output), 0) << output;
  Gpkg file(dir_ / "grid.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  for (auto& commune : *file.dataset->GetLayerByName("communes")) {
    const std::string code = commune->GetFieldAsString("code");
    const std::string source = commune->GetFieldAsString("demand_source");
    EXPECT_EQ(source, code == "88383" ? "insee_grid" : "regular_grid") << code;
    if (code != "88383") continue;
    // Every cell: 0–2 = 3/4 × 8 = 6 of 100, 12–17 = 6/7 × 14 = 12 of 100;
    // Remiremont's 7,388 inhabitants take that structure.
    EXPECT_NEAR(commune->GetFieldAsDouble("pop_age_0_2"), 7388 * 0.06, 1e-6);
    EXPECT_NEAR(commune->GetFieldAsDouble("pop_age_12_17"), 7388 * 0.12, 1e-6);
    EXPECT_EQ(commune->GetFieldAsInteger("age_bands_estimated"), 0);
  }
  std::size_t remiremont_points = 0;
  double remiremont_people = 0.0;
  for (auto& point : *file.dataset->GetLayerByName("demand_points")) {
    if (std::string(point->GetFieldAsString("commune_code")) != "88383") continue;
    ++remiremont_points;
    remiremont_people += point->GetFieldAsDouble("population");
  }
  EXPECT_EQ(remiremont_points, 3u);
  EXPECT_NEAR(remiremont_people, 7388.0, 1e-6);
}

// The real CCPVM: IGN boundaries and 2026 legal populations from the shared
// data, on the demo's (synthetic) roads and facilities.
TEST_F(AccessibilityOutputs, RealCcpvmBoundariesGiveCafRatesPerCommune) {
  COUVERTURE_REQUIRE_SHARED(communes, "territory/ccpvm_communes.geojson");
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  std::ofstream(dir_ / "real.toml")
      << "name = \"CCPVM, real boundaries, synthetic roads\"\n"
      << "[communes]\npath = \"" << communes.string() << "\"\ncode_field = \"code_insee\"\n"
      << "name_field = \"nom\"\npopulation_field = \"population_cog2026\"\n"
      << "[facilities]\npath = \"couverture-demo/facilities.csv\"\nx_field = \"x\"\n"
      << "y_field = \"y\"\ncrs = \"EPSG:4326\"\nid_field = \"id\"\nname_field = \"name\"\n"
      << "type_field = \"type\"\ncapacity_field = \"capacity\"\n"
      << "[network]\npath = \"couverture-demo/roads.osm.pbf\"\n"
      << "[isochrones]\nenabled = false\n[privacy]\nmask_small_counts = false\n"
      << "[output]\npath = \"real.gpkg\"\n";
  ASSERT_EQ(run("run real.toml --json", output), 0) << output;
  EXPECT_NE(output.find("\"zones_en_tension\""), std::string::npos) << output;
  Gpkg file(dir_ / "real.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  std::map<std::string, double> rate;
  double children = 0.0;
  for (auto& feature : *file.dataset->GetLayerByName("communes")) {
    rate[feature->GetFieldAsString("code")] = feature->GetFieldAsDouble("eaje_rate_admin");
    children += feature->GetFieldAsDouble("pop_age_0_2");
  }
  ASSERT_EQ(rate.size(), 10u);
  // 28,940 inhabitants × 3.1 % = 897.14 children under 3; Éloyes 3,138 × 3.1 %
  // with its 10 places: 10.28 per 100.
  EXPECT_NEAR(children, 28940 * 0.031, 0.01);
  EXPECT_NEAR(rate.at("88158"), 100.0 * 10 / (3138 * 0.031), 0.01);
  double points = 0.0;
  for (auto& feature : *file.dataset->GetLayerByName("demand_points")) {
    points += feature->GetFieldAsDouble("pop_age_0_2");
  }
  EXPECT_NEAR(points, children, 1e-6 * children);
}

}  // namespace
}  // namespace couverture
