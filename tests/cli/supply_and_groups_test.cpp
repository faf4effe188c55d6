// Issue 14 through the `couverture` command: the demo's global coverage rate
// and tension, a run without [supply], and a BPE-shaped facilities CSV with a
// Filosofi-shaped grid giving the priority-group comparisons (checked against
// values computed here from the inputs written here).

#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gpkg_file.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;
using testing::Gpkg;

class SupplyAndGroups : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    dir_ = testing::make_temp_dir("supply-groups");
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
  static std::map<std::string, std::string> run_info(GDALDataset& dataset) {
    std::map<std::string, std::string> rows;
    for (auto& row : *dataset.GetLayerByName("run_info")) {
      rows[row->GetFieldAsString("key")] = row->GetFieldAsString("value");
    }
    return rows;
  }
  fs::path dir_;
};

// The demo's illustrative [supply] table, read back as the planner sees it.
std::map<std::string, double> supply_places(const std::string& csv) {
  std::map<std::string, double> places;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.push_back(cell);
        cell.clear();
      } else {
        cell += c;
      }
    }
    cells.push_back(cell);
    places[cells[0]] = std::stod(cells[2]) + std::stod(cells[3]) + std::stod(cells[4]);
  }
  return places;
}

TEST_F(SupplyAndGroups, DemoShowsTheGlobalRateAndTensionFollowsIt) {
  std::string output;
  ASSERT_EQ(run("demo", output), 0) << output;
  EXPECT_NE(output.find("Taux de couverture global"), std::string::npos) << output;
  EXPECT_NE(output.find("ILLUSTRATIVE"), std::string::npos) << output;
  EXPECT_NE(output.find("zones en tension follow the global rate"), std::string::npos) << output;
  const std::map<std::string, double> supply =
      supply_places(read(dir_ / "couverture-demo/supply-illustrative.csv"));
  ASSERT_EQ(supply.size(), 10u);
  // Remiremont: 7,388 × 3.1 % = 229.03 children: 92 + 5 + 9 places.
  EXPECT_DOUBLE_EQ(supply.at("88383"), 92.0 + 5.0 + 9.0);

  Gpkg file(dir_ / "couverture-demo.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  const auto info = run_info(*file.dataset);
  EXPECT_NE(info.at("supply_illustrative").find("ILLUSTRATIVE"), std::string::npos);
  EXPECT_EQ(info.at("supply_assistants_maternels_year"), "2024");
  EXPECT_EQ(info.at("supply_assistants_maternels_sha256").size(), 64u);
  EXPECT_NE(info.at("tension_rate").find("global"), std::string::npos);
  // EAJE places per commune, from the facilities.
  std::map<std::string, double> eaje;
  for (auto& facility : *file.dataset->GetLayerByName("facilities")) {
    if (std::string(facility->GetFieldAsString("service_type")) != "eaje") continue;
    eaje[facility->GetFieldAsString("commune_code")] += facility->GetFieldAsDouble("capacity");
  }
  double children_total = 0.0, places_total = 0.0;
  std::size_t in_tension = 0;
  for (auto& commune : *file.dataset->GetLayerByName("communes")) {
    const std::string code = commune->GetFieldAsString("code");
    const double children = commune->GetFieldAsDouble("pop_age_0_2");
    const double places = eaje[code] + supply.at(code);
    children_total += children;
    places_total += places;
    // The administrative global rate: (EAJE + [supply] places) per 100
    // children; the EAJE rate beside it unchanged.
    EXPECT_NEAR(commune->GetFieldAsDouble("eaje_rate_global_admin"), 100.0 * places / children,
                0.006)
        << code;
    EXPECT_NEAR(commune->GetFieldAsDouble("eaje_rate_admin"), 100.0 * eaje[code] / children, 0.006)
        << code;
    // Tension follows the global E2SFCA rate (10 per 100) and the mean
    // time (15 min).
    const bool expected = commune->GetFieldAsDouble("eaje_rate_global_e2sfca") < 10.0 - 0.005 ||
                          commune->GetFieldAsDouble("eaje_target_mean_min") > 15.0 + 0.005;
    EXPECT_EQ(commune->GetFieldAsInteger("eaje_tension") == 1, expected) << code;
    in_tension += commune->GetFieldAsInteger("eaje_tension");
  }
  EXPECT_LT(in_tension, 10u);  // EAJE alone puts every commune in tension

  // The territory's rates in the JSON summary.
  ASSERT_EQ(run("-q run couverture-demo/scenario.toml -o again.gpkg --json", output), 0) << output;
  const auto json = nlohmann::json::parse(output);
  const auto& global = json["accessibility"]["global_coverage"];
  EXPECT_TRUE(global["illustrative"].get<bool>());
  EXPECT_NEAR(global["administrative_rate_per_100"]["global"].get<double>(),
              100.0 * places_total / children_total, 0.006);
  // E2SFCA conserves places: the territory's rate is the same places per 100
  // children, less the places no child reaches.
  EXPECT_LE(global["e2sfca_rate_per_100"]["global"].get<double>(),
            100.0 * places_total / children_total + 0.006);
  EXPECT_GT(global["e2sfca_rate_per_100"]["global"].get<double>(),
            global["e2sfca_rate_per_100"]["service"].get<double>());
}

TEST_F(SupplyAndGroups, WithoutSupplyTheRunSaysSoAndKeepsEajeOnly) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  std::string scenario = read(dir_ / "couverture-demo/scenario.toml");
  // Drop every [supply] table and compare the facilities' own rate.
  std::istringstream lines(scenario);
  std::string kept, line;
  bool in_supply = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] == '[') in_supply = line.rfind("[supply", 0) == 0;
    if (!in_supply) kept += line + "\n";
  }
  const auto at = kept.find("rate = 'global'");
  ASSERT_NE(at, std::string::npos) << kept;
  kept.replace(at, 15, "rate = 'service'");
  std::ofstream(dir_ / "couverture-demo/eaje-only.toml") << kept;
  ASSERT_EQ(run("run couverture-demo/eaje-only.toml -o eaje-only.gpkg", output), 0) << output;
  EXPECT_NE(output.find("no [supply]"), std::string::npos) << output;
  EXPECT_EQ(output.find("Taux de couverture global ("), std::string::npos) << output;
  Gpkg file(dir_ / "eaje-only.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  EXPECT_NE(run_info(*file.dataset).at("supply").find("none"), std::string::npos);
  OGRLayer* communes = file.dataset->GetLayerByName("communes");
  EXPECT_EQ(communes->GetLayerDefn()->GetFieldIndex("eaje_rate_global_admin"), -1);
  int in_tension = 0;
  for (auto& commune : *communes) {
    const bool expected = commune->GetFieldAsDouble("eaje_rate_e2sfca") < 10.0 - 0.005 ||
                          commune->GetFieldAsDouble("eaje_target_mean_min") > 15.0 + 0.005;
    EXPECT_EQ(commune->GetFieldAsInteger("eaje_tension") == 1, expected)
        << commune->GetFieldAsString("code");
    in_tension += commune->GetFieldAsInteger("eaje_tension");
  }
  EXPECT_EQ(in_tension, 10);  // the issue's observation: EAJE places alone, all in tension
}

// A Filosofi cell as the tests write it.
struct Cell {
  double west, south;  // WGS84, 0.0027° × 0.0018° (about 200 m)
  double men, poor, single_parent, large, social;
};

// Remiremont (6.5917, 48.0175) and Éloyes (6.6053, 48.0975), 100 people a
// cell: Ind_0_3 = 8, Ind_4_5 = 6, Ind_6_10 = 10, Ind_11_17 = 14.
// Small counts (under 11): Remiremont's 4 and 2 poor households, Éloyes's 10.
const std::vector<Cell> kCells = {
    {6.5890, 48.0166, 40, 20, 15, 12, 15}, {6.5917, 48.0166, 40, 4, 12, 0, 12},
    {6.5944, 48.0166, 40, 2, 12, 0, 0},    {6.6026, 48.0966, 40, 10, 12, 0, 0},
    {6.6053, 48.0966, 40, 0, 0, 0, 0},
};

void write_grid(const fs::path& path) {
  std::ofstream grid(path);
  grid.precision(10);
  grid << R"({"type": "FeatureCollection", "features": [)";
  for (std::size_t k = 0; k < kCells.size(); ++k) {
    const Cell& c = kCells[k];
    const double east = c.west + 0.0027, north = c.south + 0.0018;
    grid << (k ? "," : "") << R"({"type": "Feature", "properties": {"Ind": 100, "Ind_0_3": 8, )"
         << R"("Ind_4_5": 6, "Ind_6_10": 10, "Ind_11_17": 14, "Men": )" << c.men
         << R"(, "Men_pauv": )" << c.poor << R"(, "Men_fmp": )" << c.single_parent
         << R"(, "Men_5ind": )" << c.large << R"(, "Log_soc": )" << c.social
         << R"(}, "geometry": {"type": "Polygon", "coordinates": [[[)" << c.west << ", " << c.south
         << "], [" << east << ", " << c.south << "], [" << east << ", " << north << "], [" << c.west
         << ", " << north << "], [" << c.west << ", " << c.south << "]]]}}";
  }
  grid << "]}\n";
}

// BPE layout: ';'-separated, TYPEQU, Lambert-93, QUALITE_XY; Remiremont's
// crèche good, Éloyes's of poor quality, Saint-Nabord's acceptable, a
// Haute-Saône row outside the filter and unmapped codes.
const char* const kBpe =
    "DEPCOM;DEP;TYPEQU;LAMBERT_X;LAMBERT_Y;QUALITE_XY;AN\n"
    "88383;88;D502;967686.7;6774657.4;Bonne;2023\n"
    "88158;88;D502;968293.9;6783584.4;Mauvaise;2023\n"
    "88429;88;D502;966769.6;6778420.1;Acceptable;2023\n"
    "88383;88;A101;967686.7;6774657.4;Bonne;2023\n"
    "70550;70;D502;940000.0;6740000.0;Bonne;2023\n"
    "88383;88;F303;967700.0;6774700.0;Bonne;2023\n";

const char* const kRegisterScenario = R"(name = "BPE and Filosofi"
[communes]
path = "couverture-demo/communes.gpkg"
layer = "communes"
code_field = "code_insee"
name_field = "nom"
population_field = "population"

[facilities]
path = "bpe.csv"
x_field = "LAMBERT_X"
y_field = "LAMBERT_Y"
crs = "EPSG:2154"
type_field = "TYPEQU"
filter = "DEP = '88'"
quality_field = "QUALITE_XY"
poor_quality = ["Mauvaise", "Non géolocalisé"]
[facilities.type_map]
D502 = "eaje"
F303 = "centre_social"

[network]
path = "couverture-demo/roads.osm.pbf"

[isochrones]
enabled = false

[demand]
insee_grid = "carreaux.geojson"
[demand.groups]
poor_households = "Men_pauv"
single_parent_families = "Men_fmp"
large_families = "Men_5ind"
social_housing = "Log_soc"
)";

// A group from a per-commune table (appended after [demand.groups]).
const char* const kDisabilityGroup = R"([demand.groups.disability]
path = "aeeh.csv"
count_field = "enfants_aeeh"
label = "enfants bénéficiaires de l'AEEH"
)";

// A per-commune table (CAF open-data shape): Remiremont and Éloyes only.
const char* const kAeeh = "code_insee,enfants_aeeh\n88383,12\n88158,5\n";

TEST_F(SupplyAndGroups, BpeCsvAndFilosofiGridGiveGroupComparisons) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  write_grid(dir_ / "carreaux.geojson");
  std::ofstream(dir_ / "bpe.csv") << kBpe;
  std::ofstream(dir_ / "aeeh.csv") << kAeeh;
  std::ofstream(dir_ / "groups.toml")
      << kRegisterScenario << kDisabilityGroup << "[privacy]\nmask_small_counts = false\n";
  ASSERT_EQ(run("-q run groups.toml -o groups.gpkg --json", output), 0) << output;
  const auto json = nlohmann::json::parse(output);
  // The Éloyes crèche of poor quality is reported, not used.
  const std::string warnings = json["warnings"].dump();
  EXPECT_NE(warnings.find("QUALITE_XY"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("(Mauvaise)"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("A101 (1)"), std::string::npos) << warnings;
  EXPECT_EQ(json["facilities"].get<int>(), 3);

  // The poor households' mean time to a crèche, recomputed here: each grid
  // point's children in the group are its children × Men_pauv / Men of the
  // cell written above.
  Gpkg file(dir_ / "groups.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  double group_weight = 0, group_time = 0, others_weight = 0, others_time = 0;
  for (auto& point : *file.dataset->GetLayerByName("demand_points")) {
    const int grp = point->GetFieldIndex("grp_poor_households");
    ASSERT_GE(grp, 0);
    if (point->IsFieldNull(grp)) continue;  // not placed by the grid
    // Every cell written above has 40 households.
    const double poor = point->GetFieldAsDouble(grp);
    const double target = point->GetFieldAsDouble("eaje_target_pop");
    const double minutes = point->GetFieldAsDouble("eaje_min");
    const double share = poor / 40.0;
    group_weight += target * share;
    group_time += target * share * minutes;
    others_weight += target * (1 - share);
    others_time += target * (1 - share) * minutes;
  }
  ASSERT_GT(group_weight, 0.0);
  const auto& groups = json["accessibility"]["priority_groups"];
  ASSERT_EQ(groups.size(), 2u * 5u);  // two services × five groups
  bool found = false;
  for (const auto& g : groups) {
    if (g["service_type"] != "eaje" || g["group"] != "poor_households") continue;
    found = true;
    EXPECT_NEAR(g["group_mean_minutes"].get<double>(), group_time / group_weight, 0.006);
    EXPECT_NEAR(g["others_mean_minutes"].get<double>(), others_time / others_weight, 0.006);
    EXPECT_NEAR(g["group_target_population"].get<double>(), group_weight, 0.06);
    EXPECT_EQ(g["label"], "familles sous le seuil de pauvreté");
    EXPECT_TRUE(g["concentration_index"].is_number());
  }
  EXPECT_TRUE(found);
  OGRLayer* table = file.dataset->GetLayerByName("priority_groups");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->GetFeatureCount(), 10);
  // The table group: each commune's count spread over its points (so
  // conserved per commune) and its share of the population on each; the
  // communes without a row count in neither side.
  double children_elsewhere = 0.0;
  OGRLayer* communes = file.dataset->GetLayerByName("communes");
  for (auto& commune : *communes) {
    const std::string code = commune->GetFieldAsString("code");
    if (code == "88383") {
      EXPECT_NEAR(commune->GetFieldAsDouble("grp_poor_households"), 20 + 4 + 2, 1e-9);
      EXPECT_NEAR(commune->GetFieldAsDouble("grp_disability"), 12.0, 1e-9);
      EXPECT_NEAR(commune->GetFieldAsDouble("grp_disability_pct"), 100.0 * 12 / 7388, 0.006);
    } else if (code == "88158") {
      EXPECT_NEAR(commune->GetFieldAsDouble("grp_disability"), 5.0, 1e-9);
    } else {
      EXPECT_TRUE(commune->IsFieldNull(commune->GetFieldIndex("grp_disability"))) << code;
      children_elsewhere += commune->GetFieldAsDouble("eaje_target_pop");
    }
  }
  for (const auto& g : groups) {
    if (g["service_type"] != "eaje" || g["group"] != "disability") continue;
    EXPECT_NEAR(g["unknown_target_population"].get<double>(), children_elsewhere, 0.06);
  }

  // The French sentence, decimal comma.
  ASSERT_EQ(run("run groups.toml -o groups-text.gpkg", output), 0) << output;
  const auto sentence = output.find("Les familles sous le seuil de pauvreté sont en moyenne à ");
  ASSERT_NE(sentence, std::string::npos) << output;
  const std::string line = output.substr(sentence, output.find('\n', sentence) - sentence);
  EXPECT_NE(line.find(" min d'une crèche, contre "), std::string::npos) << line;
  EXPECT_NE(line.find(','), std::string::npos) << line;
  EXPECT_EQ(line.find(". min"), std::string::npos) << line;
}

TEST_F(SupplyAndGroups, GroupCountsAreMaskedLikeAgesAgainstSubtraction) {
  std::string output;
  ASSERT_EQ(run("-q demo", output), 0) << output;
  write_grid(dir_ / "carreaux.geojson");
  std::ofstream(dir_ / "bpe.csv") << kBpe;
  std::ofstream(dir_ / "groups.toml") << kRegisterScenario;
  ASSERT_EQ(run("-q run groups.toml -o masked.gpkg", output), 0) << output;
  Gpkg file(dir_ / "masked.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  std::map<std::string, std::pair<int, int>> points_and_hidden;  // by commune
  std::map<std::string, double> shown_poor;
  for (auto& point : *file.dataset->GetLayerByName("demand_points")) {
    const std::string code = point->GetFieldAsString("commune_code");
    const int grp = point->GetFieldIndex("grp_poor_households");
    const bool bands_hidden = point->IsFieldNull(point->GetFieldIndex("pop_age_0_2"));
    // One rule for bands and groups: hidden together.
    for (const char* field : {"grp_poor_households", "grp_single_parent_families",
                              "grp_large_families", "grp_social_housing", "eaje_target_pop"}) {
      const int index = point->GetFieldIndex(field);
      if (std::string(field) != "eaje_target_pop" && code != "88383" && code != "88158") continue;
      EXPECT_EQ(point->IsFieldNull(index), bands_hidden) << code << " " << field;
      if (!point->IsFieldNull(index)) {
        const double value = point->GetFieldAsDouble(index);
        EXPECT_TRUE(value == 0.0 || value >= 11.0) << field << " = " << value;
      }
    }
    if (bands_hidden) {
      EXPECT_EQ(point->GetFieldAsInteger("masked"), 1);
    }
    auto& [points, hidden] = points_and_hidden[code];
    ++points;
    hidden += bands_hidden ? 1 : 0;
    if (!point->IsFieldNull(grp)) shown_poor[code] += point->GetFieldAsDouble(grp);
  }
  // Remiremont's cells hold 20, 4 and 2 poor households: 4 and 2 are
  // hidden. Éloyes's hold 10 and 0: the 10 is hidden, and so is the other
  // point, or the commune's total (10) minus the shown points would give it.
  EXPECT_EQ(points_and_hidden["88383"].second, 2);
  EXPECT_EQ(points_and_hidden["88158"].second, 2);
  for (const auto& [code, counts] : points_and_hidden) {
    if (counts.first > 1) {
      EXPECT_NE(counts.second, 1) << code;
    }
  }
  // The commune totals are published; subtracting the shown points leaves
  // the sum of at least two hidden ones.
  for (auto& commune : *file.dataset->GetLayerByName("communes")) {
    const std::string code = commune->GetFieldAsString("code");
    if (code != "88383" && code != "88158") continue;
    const double total = commune->GetFieldAsDouble("grp_poor_households");
    EXPECT_NEAR(total, code == "88383" ? 26.0 : 10.0, 1e-9);
    EXPECT_NEAR(total - shown_poor[code], code == "88383" ? 6.0 : 10.0, 1e-9);
  }
}

}  // namespace
}  // namespace couverture
