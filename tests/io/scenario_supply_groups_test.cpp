// The scenario keys of issue 14: [supply], [tension] rate, [demand.groups],
// [siting] weight and the register keys of [facilities].

#include <gtest/gtest.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/commune_table_reader.hpp"
#include "couverture/io/scenario.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

const char* const kBase = testing::kMinimalScenarioToml;

class ScenarioSupplyGroups : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("scenario14"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& text, const std::string& name = "scenario.toml") {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }
  std::string error_of(const std::string& text) {
    try {
      read_scenario(write(text));
    } catch (const DataError& error) {
      return error.what();
    }
    return "no error";
  }
  fs::path dir_;
};

const char* const kSupply = R"(
[tension]
rate = "global"

[supply]
illustrative = true
[supply.assistants_maternels]
path = "supply.csv"
places_field = "places_am"
year = 2024
source = "CAF des Vosges"
[supply.school_2_year_olds]
path = "school.csv"
code_field = "depcom"
places_field = "enfants"
year = 2023
source = "Éducation nationale"
)";

TEST_F(ScenarioSupplyGroups, ReadsSupplyTablesAndWritesThemBack) {
  const Scenario scenario = read_scenario(write(std::string(kBase) + kSupply));
  ASSERT_TRUE(scenario.supply.has_value());
  EXPECT_EQ(scenario.supply->service_type, "eaje");
  EXPECT_TRUE(scenario.supply->illustrative);
  EXPECT_EQ(scenario.tension.rate, TensionRate::global);
  const auto& am = scenario.supply->tables[index_of(SupplyKind::assistants_maternels)];
  ASSERT_TRUE(am.has_value());
  EXPECT_EQ(am->path, dir_ / "supply.csv");
  EXPECT_EQ(am->code_field, "code_insee");
  EXPECT_EQ(am->places_field, "places_am");
  EXPECT_EQ(am->year, 2024);
  EXPECT_EQ(am->source, "CAF des Vosges");
  EXPECT_FALSE(scenario.supply->tables[index_of(SupplyKind::home_childcare)].has_value());
  const auto& school = scenario.supply->tables[index_of(SupplyKind::school_2_year_olds)];
  ASSERT_TRUE(school.has_value());
  EXPECT_EQ(school->code_field, "depcom");
  // Written and read back, the same settings.
  const fs::path again = write(scenario_to_toml(scenario, dir_), "again.toml");
  const Scenario reread = read_scenario(again);
  ASSERT_TRUE(reread.supply.has_value());
  EXPECT_EQ(reread.tension.rate, TensionRate::global);
  EXPECT_TRUE(reread.supply->illustrative);
  EXPECT_EQ(reread.supply->tables[index_of(SupplyKind::school_2_year_olds)]->source,
            "Éducation nationale");
  EXPECT_EQ(reread.supply->tables[index_of(SupplyKind::assistants_maternels)]->path,
            dir_ / "supply.csv");
}

TEST_F(ScenarioSupplyGroups, WithoutSupplyTheRatesAreTheServicesOwn) {
  const Scenario scenario = read_scenario(write(kBase));
  EXPECT_FALSE(scenario.supply.has_value());
  EXPECT_EQ(scenario.tension.rate, TensionRate::service);
}

TEST_F(ScenarioSupplyGroups, AMisspeltTensionRateIsNamedWithTheAcceptedNames) {
  const std::string error = error_of(std::string(kBase) + "[tension]\nrate = \"globl\"\n");
  for (const char* fragment :
       {"scenario.toml", "tension.rate", "did you mean 'global'", "service"}) {
    EXPECT_NE(error.find(fragment), std::string::npos) << fragment << " not in: " << error;
  }
}

// Like the thresholds: above 0 and at most a day, finite.
TEST_F(ScenarioSupplyGroups, CatchmentAndTensionMinutesAreBoundedToADay) {
  const std::string base = kBase;
  for (const std::string key : {"accessibility.catchment_minutes", "tension.max_minutes"}) {
    const std::string table = key.substr(0, key.find('.'));
    const std::string name = key.substr(key.find('.') + 1);
    for (const std::string value : {"0", "-5", "1441", "1e9", "inf", "nan"}) {
      const std::string error = error_of(base + "[" + table + "]\n" + name + " = " + value + "\n");
      for (const std::string& fragment : {std::string("scenario.toml"), key, std::string("1440")}) {
        EXPECT_NE(error.find(fragment), std::string::npos)
            << key << " = " << value << ": '" << fragment << "' not in: " << error;
      }
    }
    // The bound itself is a day, allowed.
    const Scenario scenario = read_scenario(write(base + "[" + table + "]\n" + name + " = 1440\n"));
    EXPECT_EQ(table == "tension" ? scenario.tension.max_minutes
                                 : scenario.accessibility.catchment_minutes,
              1440.0);
  }
}

TEST_F(ScenarioSupplyGroups, SupplyMistakesAreNamed) {
  const std::string base = kBase;
  EXPECT_NE(error_of(base + "[tension]\nrate = \"global\"\n").find("needs a [supply] table"),
            std::string::npos);
  EXPECT_NE(error_of(base + "[supply]\nillustrative = true\n").find("gives no table of places"),
            std::string::npos);
  const std::string no_year = base +
                              "[supply.home_childcare]\npath = \"a.csv\"\nplaces_field = "
                              "\"p\"\nsource = \"x\"\n";
  EXPECT_NE(error_of(no_year).find("missing key 'supply.home_childcare.year'"), std::string::npos)
      << error_of(no_year);
  const std::string no_source = base +
                                "[supply.home_childcare]\npath = \"a.csv\"\nplaces_field = "
                                "\"p\"\nyear = 2024\n";
  EXPECT_NE(error_of(no_source).find("supply.home_childcare.source"), std::string::npos);
  const std::string misspelt = base + "[supply.assistantes_maternelles]\npath = \"a.csv\"\n";
  EXPECT_NE(error_of(misspelt).find("supply.assistantes_maternelles"), std::string::npos)
      << error_of(misspelt);
}

const char* const kGroups = R"(
[demand]
insee_grid = "grid.gpkg"
[demand.groups]
poor_households = "Men_pauv"
single_parent_families = { column = "Men_fmp", label = "familles monoparentales" }
[demand.groups.disability]
path = "aeeh.csv"
count_field = "enfants_aeeh"
label = "enfants bénéficiaires de l'AEEH"

[siting]
weight = { poor_households = 2 }
)";

TEST_F(ScenarioSupplyGroups, ReadsGroupsAndSitingWeights) {
  const Scenario scenario = read_scenario(write(std::string(kBase) + kGroups));
  // By name (TOML tables have no order): disability, poor_households,
  // single_parent_families.
  const auto& groups = scenario.demand.groups;
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[1].name, "poor_households");
  EXPECT_EQ(groups[1].column, "Men_pauv");
  EXPECT_EQ(groups[2].label, "familles monoparentales");
  EXPECT_EQ(groups[2].column, "Men_fmp");
  EXPECT_EQ(groups[0].name, "disability");
  EXPECT_EQ(groups[0].path, dir_ / "aeeh.csv");
  EXPECT_EQ(groups[0].count_field, "enfants_aeeh");
  EXPECT_EQ(groups[0].code_field, "code_insee");
  EXPECT_DOUBLE_EQ(scenario.siting.group_weights.at("poor_households"), 2.0);
  const Scenario reread = read_scenario(write(scenario_to_toml(scenario, dir_), "again.toml"));
  ASSERT_EQ(reread.demand.groups.size(), 3u);
  EXPECT_EQ(reread.demand.groups[0].count_field, "enfants_aeeh");
  EXPECT_EQ(reread.demand.groups[2].label, "familles monoparentales");
  EXPECT_DOUBLE_EQ(reread.siting.group_weights.at("poor_households"), 2.0);
}

TEST_F(ScenarioSupplyGroups, GroupMistakesAreNamed) {
  const std::string base = kBase;
  const std::string no_grid = base + "[demand.groups]\npoor_households = \"Men_pauv\"\n";
  EXPECT_NE(error_of(no_grid).find("give demand.insee_grid"), std::string::npos)
      << error_of(no_grid);
  const std::string unknown_weight = base +
                                     "[demand]\ninsee_grid = \"g.gpkg\"\n[demand.groups]\npoor = "
                                     "\"Men_pauv\"\n[siting]\nweight = { riches = 2 }\n";
  EXPECT_NE(error_of(unknown_weight).find("'riches' is not a group"), std::string::npos)
      << error_of(unknown_weight);
  const std::string negative = base +
                               "[demand]\ninsee_grid = \"g.gpkg\"\n[demand.groups]\npoor = "
                               "\"Men_pauv\"\n[siting]\nweight = { poor = -1 }\n";
  EXPECT_NE(error_of(negative).find("siting.weight.poor"), std::string::npos) << error_of(negative);
  const std::string both = base + "[demand.groups.x]\ncolumn = \"a\"\npath = \"b.csv\"\n";
  EXPECT_NE(error_of(both).find("needs either column"), std::string::npos) << error_of(both);
}

const char* const kRegister = R"(name = "bpe"
[communes]
path = "communes.gpkg"
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
poor_quality = ["Mauvaise"]
[facilities.type_map]
D502 = "eaje"
F303 = "centre_social"

[network]
path = "roads.osm.pbf"
)";

TEST_F(ScenarioSupplyGroups, RegisterKeysOfFacilities) {
  const Scenario scenario = read_scenario(write(kRegister));
  EXPECT_EQ(scenario.facilities.filter, "DEP = '88'");
  EXPECT_EQ(scenario.facilities.type_map.at("D502"), "eaje");
  EXPECT_EQ(scenario.facilities.type_map.size(), 2u);
  EXPECT_EQ(scenario.facilities.quality_field, "QUALITE_XY");
  EXPECT_EQ(scenario.facilities.poor_quality, (std::vector<std::string>{"Mauvaise"}));
  EXPECT_TRUE(scenario.facilities.id_field.empty());  // optional with a type map
  const Scenario reread = read_scenario(write(scenario_to_toml(scenario, dir_), "again.toml"));
  EXPECT_EQ(reread.facilities.type_map, scenario.facilities.type_map);
  EXPECT_EQ(reread.facilities.poor_quality, scenario.facilities.poor_quality);
  EXPECT_EQ(reread.facilities.filter, scenario.facilities.filter);
  // A quality column needs its poor values; without a map, an id column.
  std::string no_values = kRegister;
  no_values.replace(no_values.find("poor_quality = [\"Mauvaise\"]\n"), 28, "");
  EXPECT_NE(error_of(no_values).find("needs poor_quality"), std::string::npos)
      << error_of(no_values);
  std::string no_map = kRegister;
  no_map.erase(no_map.find("[facilities.type_map]"),
               no_map.find("[network]") - no_map.find("[facilities.type_map]"));
  EXPECT_NE(error_of(no_map).find("facilities.id_field"), std::string::npos) << error_of(no_map);
}

TEST_F(ScenarioSupplyGroups, CommuneValueTableReadsCodesAsText) {
  std::ofstream(dir_ / "supply.csv") << "code_insee,places_am\n01001,12.5\n88383,90\n";
  std::vector<std::string> warnings;
  const auto values = read_commune_values(
      {dir_ / "supply.csv", "", "code_insee", "places_am", "supply.x"}, warnings);
  ASSERT_EQ(values.size(), 2u);
  EXPECT_DOUBLE_EQ(values.at("01001"), 12.5);
  EXPECT_DOUBLE_EQ(values.at("88383"), 90.0);
  std::ofstream(dir_ / "bad.csv") << "code_insee,places\n88383,3\n88383,4\n";
  try {
    read_commune_values({dir_ / "bad.csv", "", "code_insee", "places_am", "supply.x"}, warnings);
    ADD_FAILURE() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("no column 'places_am'"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("supply.x"), std::string::npos);
  }
  try {
    read_commune_values({dir_ / "bad.csv", "", "code_insee", "places", "supply.x"}, warnings);
    ADD_FAILURE() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("appears again"), std::string::npos);
  }
}

TEST_F(ScenarioSupplyGroups, CommuneValueTableWithNumericCodesWarnsOfLeadingZeros) {
  std::ofstream(dir_ / "numeric.geojson")
      << R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,)"
      << R"("properties":{"code_insee":1001,"places_am":4}}]})";
  std::vector<std::string> warnings;
  const auto values = read_commune_values(
      {dir_ / "numeric.geojson", "", "code_insee", "places_am", "supply.x"}, warnings);
  EXPECT_DOUBLE_EQ(values.at("1001"), 4.0);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("numeric.geojson"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("'code_insee'"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("leading zero"), std::string::npos) << warnings[0];
}

}  // namespace
}  // namespace couverture
