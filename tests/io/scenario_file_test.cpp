#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>

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

TEST_F(ScenarioFile, NetworkAndIsochroneKeysHaveTheirDefaults) {
  const Scenario scenario = read_scenario(write(kValid));
  EXPECT_EQ(scenario.network.direction, TravelDirection::to_facility);
  EXPECT_TRUE(scenario.network.dem.empty());
  EXPECT_TRUE(scenario.network.speeds_kmh.empty());
  EXPECT_TRUE(scenario.network.access_permit.empty());
  EXPECT_TRUE(scenario.network.access_forbid.empty());
  EXPECT_TRUE(scenario.isochrones.enabled);
  EXPECT_EQ(scenario.isochrones.form, "bands");
  EXPECT_TRUE(scenario.isochrones.per_facility);
  EXPECT_TRUE(scenario.isochrones.by_service);
  EXPECT_DOUBLE_EQ(scenario.isochrones.max_offroad_m, 150.0);
  EXPECT_TRUE(scenario.isochrones.thresholds_minutes.empty());
}

// kValid with its [network] table extended by `network_keys` and an
// [isochrones] table `isochrones` appended.
std::string with_network(const std::string& network_keys, const std::string& isochrones = "") {
  std::string text = kValid;
  text.insert(text.find("[analysis]"), network_keys + "\n");
  return text + isochrones;
}

const char* const kNetworkKeys = R"(profile = "walk"
direction = "from_facility"
dem = "dem/N42E001.hgt.zip"
[network.speeds]
residential = 4
motorway = 0
[network.access]
permit = ["private"]
forbid = ["agricultural", "destination"]
)";

const char* const kIsochroneKeys = R"([isochrones]
enabled = false
form = "rings"
per_facility = false
by_service = true
max_offroad_m = 80
thresholds_minutes = [20, 10]
)";

TEST_F(ScenarioFile, ReadsDirectionDemSpeedsAccessAndIsochrones) {
  const Scenario scenario = read_scenario(write(with_network(kNetworkKeys, kIsochroneKeys)));
  EXPECT_EQ(scenario.network.profile, "walk");
  EXPECT_EQ(scenario.network.direction, TravelDirection::from_facility);
  EXPECT_EQ(scenario.network.dem, dir_ / "dem/N42E001.hgt.zip");
  EXPECT_EQ(scenario.network.speeds_kmh,
            (std::map<std::string, double>{{"motorway", 0.0}, {"residential", 4.0}}));
  EXPECT_EQ(scenario.network.access_permit, (std::vector<std::string>{"private"}));
  EXPECT_EQ(scenario.network.access_forbid,
            (std::vector<std::string>{"agricultural", "destination"}));
  EXPECT_FALSE(scenario.isochrones.enabled);
  EXPECT_EQ(scenario.isochrones.form, "rings");
  EXPECT_FALSE(scenario.isochrones.per_facility);
  EXPECT_TRUE(scenario.isochrones.by_service);
  EXPECT_DOUBLE_EQ(scenario.isochrones.max_offroad_m, 80.0);
  EXPECT_EQ(scenario.isochrones.thresholds_minutes, (std::vector<double>{10, 20}));
}

TEST_F(ScenarioFile, BadNetworkKeysAreNamedWithTheirLine) {
  struct BadCase {
    std::string keys;
    std::vector<std::string> expected;  // parts of the message
  };
  // kValid's [network] table ends on line 19 and a blank line; added keys
  // start on line 21.
  const BadCase cases[] = {
      {"direction = \"outward\"", {"line 21", "network.direction", "outward", "from_facility"}},
      {"[network.speeds]\nresidental = 20",
       {"line 22", "did you mean 'network.speeds.residential'"}},
      {"[network.speeds]\nprimary = -5", {"line 22", "network.speeds.primary", "at least 0"}},
      {"[network.speeds]\nprimary = \"fast\"", {"line 22", "must be a number"}},
      {"[network.access]\npermit = [\"privat\"]",
       {"line 22", "'privat'", "did you mean 'private'"}},
      {"[network.access]\npermit = [\"yes\"]", {"line 22", "network.access.permit", "'yes'"}},
      {"[network.access]\nforbid = [\"yes\"]", {"line 22", "network.access.forbid"}},
      {"[network.access]\npermit = [\"private\"]\nforbid = [\"private\"]",
       {"line 23", "both permitted and forbidden"}},
      {"[network.access]\npermit = \"private\"", {"line 22", "must be a list of texts"}},
      {"[network.access]\nallow = [\"private\"]", {"line 22", "network.access.allow"}},
      {"dem = 3", {"line 21", "network.dem", "text in quotes"}},
  };
  for (const BadCase& c : cases) {
    const std::string message = error_of(with_network(c.keys));
    for (const std::string& part : c.expected) {
      EXPECT_NE(message.find(part), std::string::npos) << c.keys << " -> " << message;
    }
  }
}

TEST_F(ScenarioFile, BadIsochroneKeysAreNamedWithTheirLine) {
  const std::size_t first_line =
      1 + static_cast<std::size_t>(std::count(kValid, kValid + std::strlen(kValid), '\n'));
  const std::string line = "line " + std::to_string(first_line + 1);
  const std::pair<std::string, std::vector<std::string>> cases[] = {
      {"form = \"donuts\"", {line, "isochrones.form", "donuts", "rings"}},
      {"enabled = \"yes\"", {line, "isochrones.enabled", "true or false"}},
      {"max_offroad_m = 0", {line, "isochrones.max_offroad_m", "greater than zero"}},
      {"thresholds_minutes = [10, 0]", {line, "isochrones.thresholds_minutes"}},
      {"per_facilty = true", {line, "did you mean 'isochrones.per_facility'"}},
  };
  for (const auto& [keys, expected] : cases) {
    const std::string message = error_of(std::string(kValid) + "[isochrones]\n" + keys + "\n");
    for (const std::string& part : expected) {
      EXPECT_NE(message.find(part), std::string::npos) << keys << " -> " << message;
    }
  }
}

TEST_F(ScenarioFile, NewKeysReadBackTheSame) {
  const Scenario original = read_scenario(write(with_network(kNetworkKeys, kIsochroneKeys)));
  const fs::path copy = dir_ / "copy.toml";
  std::ofstream(copy) << scenario_to_toml(original, dir_);
  const Scenario again = read_scenario(copy);
  EXPECT_EQ(again.network.direction, TravelDirection::from_facility);
  EXPECT_EQ(again.network.dem, original.network.dem);
  EXPECT_EQ(again.network.speeds_kmh, original.network.speeds_kmh);
  EXPECT_EQ(again.network.access_permit, original.network.access_permit);
  EXPECT_EQ(again.network.access_forbid, original.network.access_forbid);
  EXPECT_EQ(again.isochrones.enabled, false);
  EXPECT_EQ(again.isochrones.form, "rings");
  EXPECT_EQ(again.isochrones.per_facility, false);
  EXPECT_EQ(again.isochrones.by_service, true);
  EXPECT_DOUBLE_EQ(again.isochrones.max_offroad_m, 80.0);
  EXPECT_EQ(again.isochrones.thresholds_minutes, original.isochrones.thresholds_minutes);
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
