#include <gtest/gtest.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/scenario.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

const char* const kValid = R"(name = "test"
[communes]
path = "in/communes.gpkg"
code_field = "code_insee"
name_field = "nom"
population_field = "population"

[facilities]
path = "/data/facilities.csv"
x_field = "x"
y_field = "y"
crs = "EPSG:4326"
id_field = "id"
name_field = "name"
type_field = "type"

[network]
path = "roads.osm.pbf"
access_speed_kmh = 5

[analysis]
thresholds_minutes = [15, 5, 10]

[output]
path = "out/result.gpkg"
)";

class ScenarioFile : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("scenario"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& text) {
    const fs::path path = dir_ / "scenario.toml";
    std::ofstream(path) << text;
    return path;
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

TEST_F(ScenarioFile, ResolvesRelativePathsAgainstTheScenarioFolder) {
  const Scenario scenario = read_scenario(write(kValid));
  EXPECT_EQ(scenario.name, "test");
  EXPECT_EQ(scenario.communes.path, dir_ / "in/communes.gpkg");
  EXPECT_EQ(scenario.facilities.path, fs::path("/data/facilities.csv"));
  EXPECT_EQ(scenario.network.path, dir_ / "roads.osm.pbf");
  EXPECT_EQ(scenario.output.path, dir_ / "out/result.gpkg");
  EXPECT_EQ(scenario.network.profile, "car");
  EXPECT_DOUBLE_EQ(scenario.network.access_speed_kmh, 5.0);
  EXPECT_EQ(scenario.analysis.thresholds_minutes, (std::vector<double>{5, 10, 15}));
  EXPECT_EQ(scenario.output.crs, "EPSG:2154");
}

TEST_F(ScenarioFile, MisspelledKeyNamesTheKeyTheLineAndTheLikelySpelling) {
  std::string text = kValid;
  text.replace(text.find("code_field"), 10, "code_feild");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("line 4"), std::string::npos) << message;
  EXPECT_NE(message.find("communes.code_feild"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'communes.code_field'"), std::string::npos) << message;
}

TEST_F(ScenarioFile, UnknownTopLevelTableIsReported) {
  const std::string message = error_of(std::string(kValid) + "[sitting]\nk = 2\n");
  EXPECT_NE(message.find("'sitting'"), std::string::npos) << message;
}

TEST_F(ScenarioFile, WrongTypeNamesTheKeyAndLine) {
  std::string text = kValid;
  text.replace(text.find("access_speed_kmh = 5"), 20, "access_speed_kmh = \"fast\"");
  const std::string message = error_of(text);
  EXPECT_NE(message.find("line 19"), std::string::npos) << message;
  EXPECT_NE(message.find("network.access_speed_kmh"), std::string::npos) << message;
}

TEST_F(ScenarioFile, NonPositiveThresholdIsRejected) {
  std::string text = kValid;
  text.replace(text.find("[15, 5, 10]"), 11, "[15, -5]");
  EXPECT_NE(error_of(text).find("thresholds_minutes"), std::string::npos);
}

TEST_F(ScenarioFile, MissingTableAndMissingKeyAreNamed) {
  std::string text = kValid;
  text.erase(text.find("[network]"), text.find("[analysis]") - text.find("[network]"));
  EXPECT_NE(error_of(text).find("[network]"), std::string::npos);
  std::string no_id = kValid;
  no_id.erase(no_id.find("id_field = \"id\"\n"), 15);
  EXPECT_NE(error_of(no_id).find("facilities.id_field"), std::string::npos);
}

TEST_F(ScenarioFile, UnknownProfileAndUnreadableOutputCrsAreCaughtWhenReading) {
  std::string text = kValid;
  text.replace(text.find("access_speed_kmh = 5"), 20, "profile = \"hovercraft\"");
  const std::string profile = error_of(text);
  EXPECT_NE(profile.find("line 19"), std::string::npos) << profile;
  EXPECT_NE(profile.find("hovercraft"), std::string::npos) << profile;
  EXPECT_NE(profile.find("car"), std::string::npos) << profile;
  const std::string crs = error_of(std::string(kValid) + "crs = \"EPSG:99999\"\n");
  EXPECT_NE(crs.find("output.crs"), std::string::npos) << crs;
  EXPECT_NE(crs.find("EPSG:99999"), std::string::npos) << crs;
}

TEST_F(ScenarioFile, BrokenTomlNamesTheLine) {
  const std::string message = error_of("name = \"x\"\n[communes\n");
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
  EXPECT_NE(message.find("scenario.toml"), std::string::npos) << message;
}

TEST_F(ScenarioFile, MissingFileIsNamed) {
  EXPECT_THROW(read_scenario(dir_ / "nope.toml"), DataError);
}

TEST_F(ScenarioFile, WrittenScenarioReadsBackTheSame) {
  const Scenario original = read_scenario(write(kValid));
  const fs::path copy = dir_ / "copy.toml";
  std::ofstream(copy) << scenario_to_toml(original, dir_);
  const Scenario again = read_scenario(copy);
  EXPECT_EQ(again.communes.path, original.communes.path);
  EXPECT_EQ(again.facilities.path, original.facilities.path);
  EXPECT_EQ(again.facilities.crs, "EPSG:4326");
  EXPECT_EQ(again.network.path, original.network.path);
  EXPECT_EQ(again.output.path, original.output.path);
  EXPECT_EQ(again.analysis.thresholds_minutes, original.analysis.thresholds_minutes);
  EXPECT_DOUBLE_EQ(again.network.access_speed_kmh, 5.0);
}

}  // namespace
}  // namespace couverture
