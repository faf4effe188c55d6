#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
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
  EXPECT_EQ(to_string(scenario.network.profile), "car");
  EXPECT_DOUBLE_EQ(scenario.network.access.access_speed_kmh, 5.0);
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

// inf and nan are TOML numbers; a threshold of a million minutes would pass
// the reader and overflow the searches' limits: all refused at the key.
TEST_F(ScenarioFile, ThresholdsBeyondOneDayOrNotFiniteAreRefusedAtTheKey) {
  for (const char* bad : {"[5, inf]", "[nan]", "[1440.5]", "[1e9]", "[10, -inf]"}) {
    std::string text = kValid;
    text.replace(text.find("[15, 5, 10]"), 11, bad);
    const std::string message = error_of(text);
    for (const char* part : {"scenario.toml, line 22", "analysis.thresholds_minutes", "1440"}) {
      EXPECT_NE(message.find(part), std::string::npos) << bad << " -> " << message;
    }
  }
  std::string one_day = kValid;
  one_day.replace(one_day.find("[15, 5, 10]"), 11, "[60, 1440]");
  EXPECT_EQ(read_scenario(write(one_day)).analysis.thresholds_minutes,
            (std::vector<double>{60, 1440}));
}

// 0.4 (km typed for metres) grew to 13.7 GB; 1e-9 ran until killed.
TEST_F(ScenarioFile, DemandSpacingOutsideTenMetresToTenKilometresIsRefused) {
  const auto with_spacing = [](const std::string& value) {
    std::string text = kValid;
    text.insert(text.find("[output]"), "demand_spacing_m = " + value + "\n\n");
    return text;
  };
  for (const char* bad : {"0.4", "1e-9", "9.99", "10000.5", "inf", "nan", "-400"}) {
    const std::string message = error_of(with_spacing(bad));
    for (const char* part :
         {"line 24", "analysis.demand_spacing_m", "outside 10 to 10000", "give metres"}) {
      EXPECT_NE(message.find(part), std::string::npos) << bad << " -> " << message;
    }
  }
  EXPECT_DOUBLE_EQ(read_scenario(write(with_spacing("10"))).analysis.demand_spacing_m, 10.0);
  EXPECT_DOUBLE_EQ(read_scenario(write(with_spacing("10000"))).analysis.demand_spacing_m, 1e4);
}

TEST_F(ScenarioFile, AccessSpeedAndSnapDistanceMustBeFiniteAndSensible) {
  const auto with = [](const std::string& line) {
    std::string text = kValid;
    text.replace(text.find("access_speed_kmh = 5"), 20, line);
    return text;
  };
  const std::pair<std::string, std::string> cases[] = {
      {"access_speed_kmh = 0.4", "outside 0.5 to 50"},
      {"access_speed_kmh = 51", "outside 0.5 to 50"},
      {"access_speed_kmh = inf", "outside 0.5 to 50"},
      {"max_snap_distance_m = inf", "greater than zero"},
      {"max_snap_distance_m = 0", "greater than zero"},
  };
  for (const auto& [line, expected] : cases) {
    const std::string message = error_of(with(line));
    EXPECT_NE(message.find("line 19"), std::string::npos) << line << " -> " << message;
    EXPECT_NE(message.find(expected), std::string::npos) << line << " -> " << message;
  }
  EXPECT_DOUBLE_EQ(
      read_scenario(write(with("access_speed_kmh = 50"))).network.access.access_speed_kmh, 50.0);
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
  EXPECT_EQ(scenario.network.access.direction, TravelDirection::to_facility);
  EXPECT_TRUE(scenario.network.dem.empty());
  EXPECT_TRUE(scenario.network.speeds_kmh.empty());
  EXPECT_TRUE(scenario.network.access_permit.empty());
  EXPECT_TRUE(scenario.network.access_forbid.empty());
  EXPECT_TRUE(scenario.isochrones.enabled);
  EXPECT_EQ(to_string(scenario.isochrones.form), "bands");
  EXPECT_TRUE(scenario.isochrones.per_facility);
  EXPECT_TRUE(scenario.isochrones.by_service);
  EXPECT_DOUBLE_EQ(scenario.isochrones.max_offroad_m, 1000.0);
  EXPECT_DOUBLE_EQ(scenario.isochrones.cell_m, 50.0);
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
  EXPECT_EQ(to_string(scenario.network.profile), "walk");
  EXPECT_EQ(scenario.network.access.direction, TravelDirection::from_facility);
  EXPECT_EQ(scenario.network.dem, dir_ / "dem/N42E001.hgt.zip");
  EXPECT_EQ(scenario.network.speeds_kmh,
            (std::map<std::string, double>{{"motorway", 0.0}, {"residential", 4.0}}));
  EXPECT_EQ(scenario.network.access_permit, (std::vector<std::string>{"private"}));
  EXPECT_EQ(scenario.network.access_forbid,
            (std::vector<std::string>{"agricultural", "destination"}));
  EXPECT_FALSE(scenario.isochrones.enabled);
  EXPECT_EQ(to_string(scenario.isochrones.form), "rings");
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
  EXPECT_EQ(again.network.access.direction, TravelDirection::from_facility);
  EXPECT_EQ(again.network.dem, original.network.dem);
  EXPECT_EQ(again.network.speeds_kmh, original.network.speeds_kmh);
  EXPECT_EQ(again.network.access_permit, original.network.access_permit);
  EXPECT_EQ(again.network.access_forbid, original.network.access_forbid);
  EXPECT_EQ(again.isochrones.enabled, false);
  EXPECT_EQ(to_string(again.isochrones.form), "rings");
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
  EXPECT_DOUBLE_EQ(again.network.access.access_speed_kmh, 5.0);
}

// The sections of issue 4, every key given (none at its default).
const char* const kIssue4Keys = R"([demand]
source = "buildings"
insee_grid = "grid/carreaux.gpkg"
insee_grid_layer = "carreaux_200m"
osm_buildings = "/osm/vosges.osm.pbf"
building_cell_m = 250
min_building_m2 = 20

[demand.age_table]
path = "ages.csv"
layer = "ages"
code_field = "codgeo"
age_0_2 = "p0_2"
age_3_5 = ["p3", "p4_5"]
age_6_11 = "p6_11"
age_12_17 = ["p12_14", "p15_17"]
adults = ["p18_64", "p65_plus"]

[demand.band_shares]
age_0_2 = 0.03
age_3_5 = 0.035
age_6_11 = 0.07
age_12_17 = 0.065
adults = 0.8

[services.eaje]
bands = ["0-2"]

[services.alsh]
bands = ["3-5", "age_6_11", "12-17"]

[services.centre_social]
bands = ["all"]

[accessibility]
catchment_minutes = 20
decay = "steps"
decay_steps = [[5, 1.0], [12.5, 0.6], [20, 0.1]]
exponential_beta_per_minute = 0.2
gravity_beta_per_minute = 0.05

[tension]
max_minutes = 12
min_places_per_100 = 25

[equity]
measure = "e2sfca"

[privacy]
mask_small_counts = false
threshold = 5
)";

AgeBandSet bands_of(std::initializer_list<AgeBand> bands) {
  AgeBandSet set;
  for (AgeBand band : bands) set.add(band);
  return set;
}

// Every issue-4 key of `scenario` is that of kIssue4Keys read from `dir`.
void expect_issue4_keys(const Scenario& scenario, const fs::path& dir) {
  const DemandSettings& demand = scenario.demand;
  EXPECT_EQ(to_string(demand.source), "buildings");
  EXPECT_EQ(demand.insee_grid, dir / "grid/carreaux.gpkg");
  EXPECT_EQ(demand.insee_grid_layer, "carreaux_200m");
  EXPECT_EQ(demand.osm_buildings, fs::path("/osm/vosges.osm.pbf"));
  EXPECT_DOUBLE_EQ(demand.building_cell_m, 250.0);
  EXPECT_DOUBLE_EQ(demand.min_building_m2, 20.0);
  ASSERT_TRUE(demand.age_table.has_value());
  EXPECT_EQ(demand.age_table->path, dir / "ages.csv");
  EXPECT_EQ(demand.age_table->layer, "ages");
  EXPECT_EQ(demand.age_table->code_field, "codgeo");
  using Fields = std::vector<std::string>;
  EXPECT_EQ(demand.age_table->band_fields[0], (Fields{"p0_2"}));
  EXPECT_EQ(demand.age_table->band_fields[1], (Fields{"p3", "p4_5"}));
  EXPECT_EQ(demand.age_table->band_fields[2], (Fields{"p6_11"}));
  EXPECT_EQ(demand.age_table->band_fields[3], (Fields{"p12_14", "p15_17"}));
  EXPECT_EQ(demand.age_table->band_fields[4], (Fields{"p18_64", "p65_plus"}));
  EXPECT_TRUE(demand.band_shares_given);
  EXPECT_EQ(demand.band_shares, (BandShares{0.03, 0.035, 0.07, 0.065, 0.8}));
  ASSERT_EQ(scenario.services.size(), 3u);
  EXPECT_EQ(scenario.services.at("eaje").target, AgeBandSet::of(AgeBand::age_0_2));
  EXPECT_EQ(scenario.services.at("alsh").target,
            bands_of({AgeBand::age_3_5, AgeBand::age_6_11, AgeBand::age_12_17}));
  EXPECT_EQ(scenario.services.at("centre_social").target, AgeBandSet::all());
  const AccessibilitySettings& accessibility = scenario.accessibility;
  EXPECT_DOUBLE_EQ(accessibility.catchment_minutes, 20.0);
  EXPECT_EQ(to_string(accessibility.decay), "steps");
  EXPECT_EQ(accessibility.decay_steps,
            (std::vector<std::pair<double, double>>{{5.0, 1.0}, {12.5, 0.6}, {20.0, 0.1}}));
  EXPECT_DOUBLE_EQ(accessibility.exponential_beta_per_minute, 0.2);
  EXPECT_DOUBLE_EQ(accessibility.gravity_beta_per_minute, 0.05);
  EXPECT_DOUBLE_EQ(scenario.tension.max_minutes, 12.0);
  EXPECT_DOUBLE_EQ(scenario.tension.min_places_per_100, 25.0);
  EXPECT_EQ(to_string(scenario.equity.measure), "e2sfca");
  EXPECT_FALSE(scenario.privacy.mask_small_counts);
  EXPECT_DOUBLE_EQ(scenario.privacy.threshold, 5.0);
}

TEST_F(ScenarioFile, ReadsDemandServicesAccessibilityTensionEquityAndPrivacy) {
  const Scenario scenario = read_scenario(write(std::string(kValid) + kIssue4Keys));
  expect_issue4_keys(scenario, dir_);
  // The regular-grid spacing stays in [analysis].
  EXPECT_DOUBLE_EQ(scenario.analysis.demand_spacing_m, 400.0);
}

TEST_F(ScenarioFile, Issue4SectionsHaveTheirDefaults) {
  const Scenario scenario = read_scenario(write(kValid));
  const DemandSettings& demand = scenario.demand;
  EXPECT_EQ(to_string(demand.source), "auto");
  EXPECT_TRUE(demand.insee_grid.empty());
  EXPECT_TRUE(demand.insee_grid_layer.empty());
  EXPECT_TRUE(demand.osm_buildings.empty());
  EXPECT_DOUBLE_EQ(demand.building_cell_m, 200.0);
  EXPECT_DOUBLE_EQ(demand.min_building_m2, 30.0);
  EXPECT_FALSE(demand.age_table.has_value());
  EXPECT_FALSE(demand.band_shares_given);
  // France about 2024 (INSEE age pyramid, rounded), as documented.
  EXPECT_EQ(demand.band_shares, (BandShares{0.031, 0.033, 0.069, 0.073, 0.794}));
  EXPECT_TRUE(scenario.services.empty());
  EXPECT_DOUBLE_EQ(scenario.accessibility.catchment_minutes, 15.0);
  EXPECT_EQ(to_string(scenario.accessibility.decay), "gaussian");
  EXPECT_TRUE(scenario.accessibility.decay_steps.empty());
  EXPECT_DOUBLE_EQ(scenario.accessibility.exponential_beta_per_minute, 0.1);
  EXPECT_DOUBLE_EQ(scenario.accessibility.gravity_beta_per_minute, 0.1);
  EXPECT_DOUBLE_EQ(scenario.tension.max_minutes, 15.0);
  EXPECT_DOUBLE_EQ(scenario.tension.min_places_per_100, 10.0);
  EXPECT_EQ(to_string(scenario.equity.measure), "travel_time");
  EXPECT_TRUE(scenario.privacy.mask_small_counts);
  EXPECT_DOUBLE_EQ(scenario.privacy.threshold, 11.0);
  // Empty tables are the defaults too; "steps" without zones leaves them to
  // the default thirds.
  const Scenario empty = read_scenario(write(std::string(kValid) +
                                             "[demand]\n[demand.age_table]\npath = \"a.csv\"\n"
                                             "age_0_2 = \"a\"\nage_3_5 = \"b\"\nage_6_11 = \"c\"\n"
                                             "age_12_17 = \"d\"\nadults = \"e\"\n"
                                             "[accessibility]\ndecay = \"steps\"\n"));
  ASSERT_TRUE(empty.demand.age_table.has_value());
  EXPECT_EQ(empty.demand.age_table->code_field, "code_insee");
  EXPECT_TRUE(empty.demand.age_table->layer.empty());
  EXPECT_EQ(to_string(empty.demand.source), "auto");
  EXPECT_TRUE(empty.accessibility.decay_steps.empty());
}

TEST_F(ScenarioFile, Issue4SectionsReadBackTheSame) {
  const Scenario original = read_scenario(write(std::string(kValid) + kIssue4Keys));
  const fs::path copy = dir_ / "copy.toml";
  const std::string text = scenario_to_toml(original, dir_);
  std::ofstream(copy) << text;
  expect_issue4_keys(read_scenario(copy), dir_);
  // Paths inside the folder are written relative to it (toml++ writes
  // literal strings, in single quotes).
  EXPECT_NE(text.find("insee_grid = 'grid/carreaux.gpkg'"), std::string::npos) << text;
  EXPECT_NE(text.find("path = 'ages.csv'"), std::string::npos) << text;
}

TEST_F(ScenarioFile, WrittenScenarioShowsEveryKnobWithItsDefault) {
  const Scenario original = read_scenario(write(kValid));
  const std::string text = scenario_to_toml(original, dir_);  // texts in single quotes
  for (const char* knob :
       {"[demand]", "source = 'auto'", "insee_grid = ''", "osm_buildings = ''",
        "building_cell_m = 200", "min_building_m2 = 30", "[accessibility]",
        "catchment_minutes = 15", "decay = 'gaussian'", "exponential_beta_per_minute = 0.1",
        "gravity_beta_per_minute = 0.1", "[tension]", "max_minutes = 15", "min_places_per_100 = 10",
        "[equity]", "measure = 'travel_time'", "[privacy]", "mask_small_counts = true",
        "threshold = 11"}) {
    EXPECT_NE(text.find(knob), std::string::npos) << knob << " missing from\n" << text;
  }
  // Optional tables appear only when the scenario has them.
  for (const char* absent : {"[services", "age_table", "band_shares", "decay_steps"}) {
    EXPECT_EQ(text.find(absent), std::string::npos) << absent << " in\n" << text;
  }
  const fs::path copy = dir_ / "copy.toml";
  std::ofstream(copy) << text;
  const Scenario again = read_scenario(copy);
  EXPECT_FALSE(again.demand.band_shares_given);
  EXPECT_FALSE(again.demand.age_table.has_value());
  EXPECT_TRUE(again.demand.insee_grid.empty());
  EXPECT_TRUE(again.demand.osm_buildings.empty());
  EXPECT_TRUE(again.services.empty());
  EXPECT_EQ(again.demand.band_shares, original.demand.band_shares);
  EXPECT_DOUBLE_EQ(again.privacy.threshold, 11.0);
  EXPECT_EQ(to_string(again.equity.measure), "travel_time");
}

TEST_F(ScenarioFile, BuildingsComeFromTheNetworkPbfUnlessGiven) {
  Scenario scenario = read_scenario(write(kValid));
  EXPECT_EQ(osm_buildings_source(scenario), dir_ / "roads.osm.pbf");
  scenario.network.path = dir_ / "roads.cgraph";
  EXPECT_TRUE(osm_buildings_source(scenario).empty());
  scenario.demand.osm_buildings = "/osm/b.osm.pbf";
  EXPECT_EQ(osm_buildings_source(scenario), fs::path("/osm/b.osm.pbf"));
}

TEST_F(ScenarioFile, BadIssue4KeysNameTheFileTheLineAndTheKey) {
  // Appended tables start on the line after kValid's last one.
  const std::size_t first =
      1 + static_cast<std::size_t>(std::count(kValid, kValid + std::strlen(kValid), '\n'));
  const auto line = [first](std::size_t offset) {
    return "line " + std::to_string(first + offset);
  };
  const std::string bands = "age_0_2 = \"a\"\nage_3_5 = \"b\"\nage_6_11 = \"c\"\n";
  const std::string shares = "age_0_2 = 0.1\nage_3_5 = 0.1\nage_6_11 = 0.1\nage_12_17 = 0.1\n";
  const std::pair<std::string, std::vector<std::string>> cases[] = {
      {"[demand]\nsoruce = \"auto\"", {line(1), "'demand.soruce'", "did you mean 'demand.source'"}},
      {"[demand]\nsource = \"buildngs\"",
       {line(1), "demand.source", "'buildngs'", "did you mean 'buildings'", "landuse"}},
      {"[demand]\nsource = \"insee_grid\"", {line(1), "demand.source", "demand.insee_grid"}},
      {"[demand]\nbuilding_cell_m = 0", {line(1), "demand.building_cell_m", "greater than 0"}},
      {"[demand]\nmin_building_m2 = -1", {line(1), "demand.min_building_m2", "at least 0"}},
      {"[demand]\ninsee_grid = 3", {line(1), "demand.insee_grid", "text in quotes"}},
      {"[demand.age_table]\npath = \"a.csv\"\n" + bands + "adults = \"e\"",
       {line(0), "missing key 'demand.age_table.age_12_17'"}},
      {"[demand.age_table]\npath = \"a.csv\"\n" + bands + "age_12_71 = \"d\"\nadults = \"e\"",
       {line(5), "'demand.age_table.age_12_71'", "did you mean 'demand.age_table.age_12_17'"}},
      {"[demand.age_table]\npath = \"a.csv\"\n" + bands + "age_12_17 = 4\nadults = \"e\"",
       {line(5), "demand.age_table.age_12_17", "column name"}},
      {"[demand.age_table]\npath = \"a.csv\"\n" + bands + "age_12_17 = []\nadults = \"e\"",
       {line(5), "demand.age_table.age_12_17", "column name"}},
      {"[demand.age_table]\n" + bands, {line(0), "missing key 'demand.age_table.path'"}},
      {"[demand.band_shares]\n" + shares + "adults = 0.7",
       {line(0), "[demand.band_shares]", "add up to 1.1", "not 1"}},
      {"[demand.band_shares]\n" + shares, {line(0), "missing key 'demand.band_shares.adults'"}},
      {"[demand.band_shares]\nage_0_2 = -0.1\nage_3_5 = 0.2\nage_6_11 = 0.1\nage_12_17 = 0.1\n"
       "adults = 0.7",
       {line(1), "demand.band_shares.age_0_2", "between 0 and 1"}},
      {"[demand.band_shares]\n" + shares + "adult = 0.6",
       {line(5), "'demand.band_shares.adult'", "did you mean 'demand.band_shares.adults'"}},
      {"[services.eaje]\nbands = [\"0-3\"]",
       {line(1), "services.eaje.bands", "'0-3'", "did you mean '0-2'", "adults"}},
      {"[services.eaje]\nbands = [\"toddlers\"]",
       {line(1), "services.eaje.bands", "'toddlers'",
        "use one of: 0-2, 3-5, 6-11, 12-17, adults, all"}},
      {"[services.eaje]\nband = [\"0-2\"]",
       {line(1), "'services.eaje.band'", "did you mean 'services.eaje.bands'"}},
      {"[services.eaje]\nbands = []", {line(1), "services.eaje.bands", "list of age bands"}},
      {"[services]\neaje = [\"0-2\"]", {line(1), "services.eaje", "must be a table"}},
      {"[accessibility]\ndecay = \"gausian\"",
       {line(1), "accessibility.decay", "'gausian'", "did you mean 'gaussian'"}},
      {"[accessibility]\ndecay = \"linear\"",
       {line(1), "accessibility.decay", "steps, gaussian, exponential"}},
      {"[accessibility]\ndecay = \"steps\"\ndecay_steps = [[10, 1.0], [5, 0.5], [15, 0.2]]",
       {line(2), "accessibility.decay_steps", "does not increase"}},
      {"[accessibility]\ndecay = \"steps\"\ndecay_steps = [[5, 1.0], [10, 0.5]]",
       {line(2), "accessibility.decay_steps", "must equal accessibility.catchment_minutes (15"}},
      {"[accessibility]\ndecay = \"steps\"\ndecay_steps = [[5, 1.5], [15, 0.2]]",
       {line(2), "accessibility.decay_steps", "between 0 and 1"}},
      {"[accessibility]\ndecay = \"steps\"\ndecay_steps = [5, 10, 15]",
       {line(2), "accessibility.decay_steps", "[minutes, weight] pair"}},
      {"[accessibility]\ndecay_steps = [[15, 1.0]]",
       {line(1), "accessibility.decay_steps", "only applies with decay = \"steps\""}},
      {"[accessibility]\ncatchment_minutes = -15",
       {line(1), "accessibility.catchment_minutes", "above 0 and at most 1440"}},
      {"[accessibility]\nexponential_beta_per_minute = -0.1",
       {line(1), "accessibility.exponential_beta_per_minute", "at least 0"}},
      {"[accessibility]\ngravity_beta_per_minute = -0.1",
       {line(1), "accessibility.gravity_beta_per_minute", "at least 0"}},
      {"[tension]\nmax_minutes = 0", {line(1), "tension.max_minutes", "above 0 and at most 1440"}},
      {"[tension]\nmin_places_per_100 = -10",
       {line(1), "tension.min_places_per_100", "at least 0"}},
      {"[equity]\nmeasure = \"2sfca\"",
       {line(1), "equity.measure", "'2sfca'", "did you mean 'e2sfca'"}},
      {"[privacy]\nthreshold = -1", {line(1), "privacy.threshold", "at least 0"}},
      {"[privacy]\nmask_small_counts = \"yes\"",
       {line(1), "privacy.mask_small_counts", "true or false"}},
      {"[privacy]\nthreshhold = 5", {line(1), "did you mean 'privacy.threshold'"}},
      {"[tenson]\nmax_minutes = 5", {line(0), "'tenson'", "did you mean 'tension'"}},
  };
  for (const auto& [keys, expected] : cases) {
    const std::string message = error_of(std::string(kValid) + keys + "\n");
    EXPECT_NE(message.find("scenario.toml"), std::string::npos) << keys << " -> " << message;
    for (const std::string& part : expected) {
      EXPECT_NE(message.find(part), std::string::npos) << keys << " -> " << message;
    }
  }
}

// [siting], every key given (none at its default).
const char* const kSitingKeys = R"([siting]
service_type = "alsh"
sites = 3
capacity = 24
objective = "equity_maximin"
coverage_minutes = 12.5
generate = "grid"
grid_spacing_m = 750
one_per_commune = true
min_distance_m = 1500
solver = "greedy"
time_limit_s = 30
exact_size_limit = 50000

[siting.candidates]
path = "candidates/sites.csv"
layer = "sites"
x_field = "x"
y_field = "y"
crs = "EPSG:2154"
id_field = "id"
name_field = "nom"
type_field = "type"
capacity_field = "places"
)";

void expect_siting_keys(const SitingSettings& siting, const fs::path& dir) {
  EXPECT_EQ(siting.service_type, "alsh");
  EXPECT_EQ(siting.sites, 3u);
  EXPECT_DOUBLE_EQ(siting.capacity, 24.0);
  EXPECT_EQ(to_string(siting.objective), "equity_maximin");
  EXPECT_DOUBLE_EQ(siting.coverage_minutes, 12.5);
  EXPECT_EQ(to_string(siting.generate), "grid");
  EXPECT_DOUBLE_EQ(siting.grid_spacing_m, 750.0);
  EXPECT_TRUE(siting.one_per_commune);
  EXPECT_DOUBLE_EQ(siting.min_distance_m, 1500.0);
  EXPECT_EQ(to_string(siting.solver), "greedy");
  EXPECT_DOUBLE_EQ(siting.time_limit_s, 30.0);
  EXPECT_DOUBLE_EQ(siting.exact_size_limit, 50000.0);
  ASSERT_TRUE(siting.candidates.has_value());
  const FacilitySource& candidates = *siting.candidates;
  EXPECT_EQ(candidates.path, dir / "candidates/sites.csv");
  EXPECT_EQ(candidates.layer, "sites");
  EXPECT_EQ(candidates.x_field, "x");
  EXPECT_EQ(candidates.y_field, "y");
  EXPECT_EQ(candidates.crs, "EPSG:2154");
  EXPECT_EQ(candidates.id_field, "id");
  EXPECT_EQ(candidates.name_field, "nom");
  EXPECT_EQ(candidates.type_field, "type");
  EXPECT_EQ(candidates.capacity_field, "places");
}

TEST_F(ScenarioFile, ReadsEverySitingKey) {
  expect_siting_keys(read_scenario(write(std::string(kValid) + kSitingKeys)).siting, dir_);
  // Type and capacity columns are optional for candidates.
  const Scenario minimal = read_scenario(
      write(std::string(kValid) +
            "[siting.candidates]\npath = \"c.gpkg\"\nid_field = \"id\"\nname_field = \"n\"\n"));
  ASSERT_TRUE(minimal.siting.candidates.has_value());
  EXPECT_TRUE(minimal.siting.candidates->type_field.empty());
  EXPECT_TRUE(minimal.siting.candidates->capacity_field.empty());
  EXPECT_EQ(minimal.siting.candidates->path, dir_ / "c.gpkg");
}

TEST_F(ScenarioFile, SitingHasItsDefaults) {
  const SitingSettings siting = read_scenario(write(kValid)).siting;
  EXPECT_EQ(siting.service_type, "eaje");
  EXPECT_EQ(siting.sites, 1u);
  EXPECT_DOUBLE_EQ(siting.capacity, 10.0);
  EXPECT_EQ(to_string(siting.objective), "max_covering");
  EXPECT_DOUBLE_EQ(siting.coverage_minutes, 10.0);
  EXPECT_FALSE(siting.candidates.has_value());
  EXPECT_EQ(to_string(siting.generate), "commune_centres");
  EXPECT_DOUBLE_EQ(siting.grid_spacing_m, 1000.0);
  EXPECT_FALSE(siting.one_per_commune);
  EXPECT_DOUBLE_EQ(siting.min_distance_m, 0.0);
  EXPECT_EQ(to_string(siting.solver), "auto");
  EXPECT_DOUBLE_EQ(siting.time_limit_s, 60.0);
  EXPECT_DOUBLE_EQ(siting.exact_size_limit, 2e6);
}

TEST_F(ScenarioFile, SitingReadsBackTheSameAndShowsEveryKnob) {
  const Scenario original = read_scenario(write(std::string(kValid) + kSitingKeys));
  const fs::path copy = dir_ / "copy.toml";
  std::ofstream(copy) << scenario_to_toml(original, dir_);
  expect_siting_keys(read_scenario(copy).siting, dir_);
  // Defaults are written too, [siting.candidates] only when given.
  const std::string text = scenario_to_toml(read_scenario(write(kValid)), dir_);
  for (const char* knob :
       {"[siting]", "service_type = 'eaje'", "sites = 1", "capacity = 10",
        "objective = 'max_covering'", "coverage_minutes = 10", "generate = 'commune_centres'",
        "grid_spacing_m = 1000", "one_per_commune = false", "min_distance_m = 0", "solver = 'auto'",
        "time_limit_s = 60", "exact_size_limit = 2000000"}) {
    EXPECT_NE(text.find(knob), std::string::npos) << knob << " missing from\n" << text;
  }
  EXPECT_EQ(text.find("candidates"), std::string::npos) << text;
  EXPECT_EQ(text.find("[changes"), std::string::npos) << text;
}

TEST_F(ScenarioFile, BadSitingKeysNameTheFileTheLineAndTheKey) {
  const std::size_t first =
      1 + static_cast<std::size_t>(std::count(kValid, kValid + std::strlen(kValid), '\n'));
  const std::string line = "line " + std::to_string(first + 1);
  const std::string candidates = "[siting.candidates]\npath = \"c.csv\"\n";
  const std::pair<std::string, std::vector<std::string>> cases[] = {
      {"[siting]\nsites = 0", {line, "siting.sites", "at least 1"}},
      {"[siting]\nsites = 2.5", {line, "siting.sites", "whole number"}},
      {"[siting]\ncapacity = 0", {line, "siting.capacity", "greater than 0"}},
      {"[siting]\nobjective = \"p-median\"",
       {line, "siting.objective", "did you mean 'p_median'", "equity_gini", "capacity"}},
      {"[siting]\nobjective = \"fairness\"",
       {line, "siting.objective",
        "use one of: max_covering, p_median, equity_maximin, equity_gini, capacity"}},
      {"[siting]\ncoverage_minutes = -10", {line, "siting.coverage_minutes", "greater than 0"}},
      {"[siting]\ngenerate = \"communes\"",
       {line, "siting.generate", "commune_centres, demand_points, grid"}},
      {"[siting]\ngrid_spacing_m = 0", {line, "siting.grid_spacing_m", "outside 10 to 10000"}},
      {"[siting]\ngrid_spacing_m = 0.5", {line, "siting.grid_spacing_m", "give metres"}},
      {"[siting]\ncoverage_minutes = 1e6", {line, "siting.coverage_minutes", "1440"}},
      {"[siting]\nmin_distance_m = -1", {line, "siting.min_distance_m", "at least 0"}},
      {"[siting]\nsolver = \"cbc\"", {line, "siting.solver", "auto, exact, greedy"}},
      {"[siting]\ntime_limit_s = 0", {line, "siting.time_limit_s", "greater than 0"}},
      {"[siting]\nexact_size_limit = -5", {line, "siting.exact_size_limit", "greater than 0"}},
      {"[siting]\none_per_commune = 1", {line, "siting.one_per_commune", "true or false"}},
      {"[siting]\nservice_type = \"\"", {line, "siting.service_type", "e.g. \"eaje\""}},
      {"[siting]\nsite = 2", {line, "'siting.site'", "did you mean 'siting.sites'"}},
      {candidates + "name_field = \"n\"", {"missing key 'siting.candidates.id_field'"}},
      {candidates + "id_field = \"id\"\nname_field = \"n\"\ncapacity_feild = \"p\"",
       {"line " + std::to_string(first + 4), "'siting.candidates.capacity_feild'",
        "did you mean 'siting.candidates.capacity_field'"}},
      {"[siting]\ncandidates = \"c.csv\"",
       {line, "siting.candidates", "must be a table [siting.candidates]"}},
  };
  for (const auto& [keys, expected] : cases) {
    const std::string message = error_of(std::string(kValid) + keys + "\n");
    EXPECT_NE(message.find("scenario.toml"), std::string::npos) << keys << " -> " << message;
    for (const std::string& part : expected) {
      EXPECT_NE(message.find(part), std::string::npos) << keys << " -> " << message;
    }
  }
}

// The example at the top of docs/scenario.md is a scenario the reader accepts,
// so the documentation cannot drift from the keys.
TEST_F(ScenarioFile, TheDocumentedExampleReads) {
  std::ifstream doc(fs::path(COUVERTURE_SOURCE_DIR) / "docs/scenario.md");
  ASSERT_TRUE(doc) << "docs/scenario.md not found";
  const std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
  const std::size_t begin = text.find("```toml\n");
  ASSERT_NE(begin, std::string::npos);
  const std::size_t end = text.find("```", begin + 8);
  ASSERT_NE(end, std::string::npos);
  const Scenario scenario = read_scenario(write(text.substr(begin + 8, end - begin - 8)));
  EXPECT_EQ(to_string(scenario.demand.source), "auto");
  ASSERT_TRUE(scenario.demand.age_table.has_value());
  EXPECT_EQ(scenario.demand.age_table->band_fields[4],
            (std::vector<std::string>{"pop_18_64", "pop_65_plus"}));
  EXPECT_TRUE(scenario.demand.band_shares_given);
  EXPECT_EQ(scenario.services.at("alsh").target,
            bands_of({AgeBand::age_3_5, AgeBand::age_6_11, AgeBand::age_12_17}));
  EXPECT_EQ(to_string(scenario.accessibility.decay), "gaussian");
  EXPECT_EQ(to_string(scenario.equity.measure), "travel_time");
  EXPECT_DOUBLE_EQ(scenario.privacy.threshold, 11.0);
  EXPECT_EQ(to_string(scenario.siting.objective), "max_covering");
  ASSERT_TRUE(scenario.siting.candidates.has_value());
  EXPECT_TRUE(scenario.siting.candidates->type_field.empty());
  ASSERT_EQ(scenario.changes.added.size(), 2u);
  EXPECT_EQ(scenario.changes.added[0].name, "Micro-crèche de Girmont");
  EXPECT_EQ(scenario.changes.added[1].name, "mc-projet-l93");
  EXPECT_EQ(scenario.changes.removed, (std::vector<std::string>{"micro-creche-eloyes"}));
  EXPECT_EQ(scenario.changes.capacities.size(), 1u);
  EXPECT_EQ(scenario.changes.closed_ways, (std::vector<std::int64_t>{123456}));
  EXPECT_EQ(scenario.changes.way_speeds.size(), 1u);
}

}  // namespace
}  // namespace couverture
