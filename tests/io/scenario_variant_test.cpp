// Variant scenarios (`baseline`) and [changes] (issue 5).

#include <gtest/gtest.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/scenario.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// The baseline lives in a subfolder, base/, so that a path it writes and a
// path the variant writes resolve against different folders.
const char* const kBaseline = R"(name = "CCPVM"
note = "roads are synthetic"
[communes]
path = "communes.gpkg"
code_field = "code_insee"
name_field = "nom"
population_field = "population"

[facilities]
path = "facilities.csv"
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
thresholds_minutes = [5, 10, 15, 20]
demand_spacing_m = 250

[demand]
osm_buildings = "buildings.osm.pbf"

[services.eaje]
bands = ["0-2"]

[output]
path = "result.gpkg"
crs = "EPSG:3857"
)";

class ScenarioVariant : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("variant");
    fs::create_directory(dir_ / "base");
    write("base/scenario.toml", kBaseline);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path;
  }
  std::string error_of(const fs::path& file) {
    try {
      read_scenario(file);
    } catch (const DataError& error) {
      return error.what();
    }
    return "no error";
  }
  // A variant of base/scenario.toml, in dir_, with `text` after `baseline`.
  fs::path variant(const std::string& text) {
    return write("variant.toml", "baseline = \"base/scenario.toml\"\n" + text);
  }
  fs::path dir_;
};

void expect_contains(const std::string& message, const std::vector<std::string>& parts,
                     const std::string& context = "") {
  for (const std::string& part : parts) {
    EXPECT_NE(message.find(part), std::string::npos) << context << " -> " << message;
  }
}

TEST_F(ScenarioVariant, OverridesOneKeyAndKeepsTheRestEachPathFromItsOwnFile) {
  const Scenario scenario = read_scenario(variant(R"(
[analysis]
thresholds_minutes = [10, 5]
[network]
profile = "walk"
[demand]
insee_grid = "grid/carreaux.gpkg"
[services.alsh]
bands = ["3-5"]
)"));
  EXPECT_EQ(scenario.file, dir_ / "variant.toml");
  EXPECT_EQ(scenario.baseline, dir_ / "base/scenario.toml");
  EXPECT_EQ(scenario.name, "CCPVM (variant)");
  EXPECT_EQ(scenario.note, "roads are synthetic");
  // Overridden keys...
  EXPECT_EQ(scenario.analysis.thresholds_minutes, (std::vector<double>{5, 10}));
  EXPECT_EQ(to_string(scenario.network.profile), "walk");
  // ...and their neighbours kept from the baseline.
  EXPECT_DOUBLE_EQ(scenario.analysis.demand_spacing_m, 250.0);
  EXPECT_DOUBLE_EQ(scenario.network.access.access_speed_kmh, 5.0);
  EXPECT_EQ(scenario.facilities.crs, "EPSG:4326");
  EXPECT_EQ(scenario.output.crs, "EPSG:3857");
  EXPECT_EQ(scenario.services.size(), 2u);
  // The baseline's paths from base/, the variant's from its own folder, even
  // within one table ([demand] has one of each).
  EXPECT_EQ(scenario.communes.path, dir_ / "base/communes.gpkg");
  EXPECT_EQ(scenario.facilities.path, dir_ / "base/facilities.csv");
  EXPECT_EQ(scenario.network.path, dir_ / "base/roads.osm.pbf");
  EXPECT_EQ(scenario.demand.osm_buildings, dir_ / "base/buildings.osm.pbf");
  EXPECT_EQ(scenario.demand.insee_grid, dir_ / "grid/carreaux.gpkg");
  // The output is the variant's own, never the baseline's result.gpkg.
  EXPECT_EQ(scenario.output.path, dir_ / "variant.gpkg");
  EXPECT_TRUE(scenario.changes.empty());
}

TEST_F(ScenarioVariant, TheBaselineReadOnItsOwnIsUnchanged) {
  const Scenario baseline = read_scenario(dir_ / "base/scenario.toml");
  EXPECT_EQ(baseline.name, "CCPVM");
  EXPECT_TRUE(baseline.baseline.empty());
  EXPECT_EQ(baseline.output.path, dir_ / "base/result.gpkg");
  EXPECT_EQ(baseline.analysis.thresholds_minutes, (std::vector<double>{5, 10, 15, 20}));
}

TEST_F(ScenarioVariant, NameAndOutputOfTheVariantReplaceTheBaselines) {
  const Scenario scenario =
      read_scenario(variant("name = \"Sans Eloyes\"\n[output]\npath = \"out/sans.gpkg\"\n"));
  EXPECT_EQ(scenario.name, "Sans Eloyes");
  EXPECT_EQ(scenario.output.path, dir_ / "out/sans.gpkg");
  EXPECT_EQ(scenario.output.crs, "EPSG:3857");  // the neighbour key is kept
}

TEST_F(ScenarioVariant, AVariantOfAVariantStacksTheNamingRule) {
  variant("[network]\nprofile = \"bike\"\n");
  const fs::path second = write("second.toml", "baseline = \"variant.toml\"\n");
  const Scenario scenario = read_scenario(second);
  EXPECT_EQ(scenario.name, "CCPVM (variant) (variant)");
  EXPECT_EQ(to_string(scenario.network.profile), "bike");
  EXPECT_EQ(scenario.baseline, dir_ / "variant.toml");
  EXPECT_EQ(scenario.network.path, dir_ / "base/roads.osm.pbf");
  EXPECT_EQ(scenario.output.path, dir_ / "second.gpkg");
}

TEST_F(ScenarioVariant, ErrorsNameTheFileThatWroteTheKey) {
  // A bad key kept from the baseline names the baseline, with its line.
  std::string broken = kBaseline;
  broken.replace(broken.find("access_speed_kmh = 5"), 20, "access_speed_kmh = -5");
  write("base/scenario.toml", broken);
  expect_contains(error_of(variant("")), {(dir_ / "base/scenario.toml").string() + ", line 20",
                                          "network.access_speed_kmh", "outside 0.5 to 50"});
  // A bad key the variant writes names the variant.
  write("base/scenario.toml", kBaseline);
  expect_contains(error_of(variant("[network]\nprofile = \"hovercraft\"\n")),
                  {(dir_ / "variant.toml").string() + ", line 3", "network.profile", "hovercraft"});
  // A misspelt top-level key of a variant, e.g. "baseline" itself.
  expect_contains(error_of(write("typo.toml", "baseline = \"base/scenario.toml\"\nbasline = 1\n")),
                  {"typo.toml, line 2", "'basline'", "did you mean 'baseline'"});
  expect_contains(error_of(variant("output = \"result.gpkg\"\n")),
                  {"variant.toml, line 2", "key 'output'", "must be a table [output]"});
  expect_contains(error_of(write("typo.toml", "baseline = 3\n")),
                  {"typo.toml, line 1", "key 'baseline'", "text in quotes"});
}

TEST_F(ScenarioVariant, MissingBaselineIsNamed) {
  const fs::path file = write("variant.toml", "name = \"v\"\nbaseline = \"nowhere/base.toml\"\n");
  expect_contains(error_of(file), {(dir_ / "variant.toml").string() + ", line 2", "key 'baseline'",
                                   (dir_ / "nowhere/base.toml").string(), "not found"});
}

TEST_F(ScenarioVariant, CycleIsRefusedNamingBothFiles) {
  write("a.toml", "baseline = \"b.toml\"\n");
  write("b.toml", "baseline = \"a.toml\"\n");
  const std::string message = error_of(dir_ / "a.toml");
  // Reading a, then its baseline b, whose baseline is a again.
  expect_contains(message, {(dir_ / "b.toml").string() + ", line 1", "key 'baseline'",
                            (dir_ / "a.toml").string(), "a.toml -> b.toml -> a.toml",
                            "cannot be its own baseline"});
  const std::string self = error_of(write("self.toml", "baseline = \"./self.toml\"\n"));
  expect_contains(self, {"self.toml, line 1", "names itself", "self.toml -> self.toml"});
}

// Every kind of change. Lambert-93 (EPSG:2154) has its origin at 3° E,
// 46.5° N with false easting 700 000 m and northing 6 600 000 m, so
// (700000, 6600000) is (3, 46.5) by definition. The second point was
// checked independently with GDAL 3.6.2's command-line tool:
//   $ echo "965000 6776000" | gdaltransform -s_srs EPSG:2154 -t_srs EPSG:4326 -output_xy
//   6.55651051772227 48.0306635488892
const char* const kChanges = R"(
[[changes.add_facility]]
id = "mc-girmont"
name = "Micro-crèche de Girmont"
type = "eaje"
capacity = 10
lon = 6.559
lat = 47.951

[[changes.add_facility]]
id = "l93-origin"
type = "alsh"
x = 700000
y = 6600000
crs = "EPSG:2154"

[[changes.add_facility]]
id = "l93-vosges"
name = "Point Vosges"
type = "eaje"
capacity = 12.5
x = 965000.0
y = 6776000.0
crs = "EPSG:2154"

[[changes.remove_facility]]
id = "micro-creche-eloyes"

[[changes.set_capacity]]
id = "creche-remiremont"
capacity = 60

[[changes.set_capacity]]
id = "rpe-eloyes"
capacity = 0

[[changes.close_road]]
way_id = 123456

[[changes.road_speed]]
way_id = 654321
kmh = 30
)";

void expect_changes_of_kChanges(const ScenarioChanges& changes) {
  ASSERT_EQ(changes.added.size(), 3u);
  const Facility& girmont = changes.added[0];
  EXPECT_EQ(girmont.id, "mc-girmont");
  EXPECT_EQ(girmont.name, "Micro-crèche de Girmont");
  EXPECT_EQ(girmont.service_type, "eaje");
  EXPECT_DOUBLE_EQ(girmont.capacity, 10.0);
  EXPECT_TRUE(girmont.capacity_known);
  EXPECT_DOUBLE_EQ(girmont.position.lon, 6.559);
  EXPECT_DOUBLE_EQ(girmont.position.lat, 47.951);
  const Facility& origin = changes.added[1];
  EXPECT_EQ(origin.name, "l93-origin");  // no name: the id, as in the facilities reader
  EXPECT_DOUBLE_EQ(origin.capacity, 0.0);
  EXPECT_FALSE(origin.capacity_known);  // no capacity key: unknown, not 0 places
  EXPECT_NEAR(origin.position.lon, 3.0, 1e-9);
  EXPECT_NEAR(origin.position.lat, 46.5, 1e-9);
  const Facility& vosges = changes.added[2];
  EXPECT_DOUBLE_EQ(vosges.capacity, 12.5);
  // 1e-9 degree is about 0.1 mm.
  EXPECT_NEAR(vosges.position.lon, 6.55651051772227, 1e-9);
  EXPECT_NEAR(vosges.position.lat, 48.0306635488892, 1e-9);
  EXPECT_EQ(changes.removed, (std::vector<std::string>{"micro-creche-eloyes"}));
  ASSERT_EQ(changes.capacities.size(), 2u);
  EXPECT_EQ(changes.capacities[0].facility_id, "creche-remiremont");
  EXPECT_DOUBLE_EQ(changes.capacities[0].capacity, 60.0);
  EXPECT_EQ(changes.capacities[1].facility_id, "rpe-eloyes");
  EXPECT_DOUBLE_EQ(changes.capacities[1].capacity, 0.0);
  EXPECT_EQ(changes.closed_ways, (std::vector<std::int64_t>{123456}));
  ASSERT_EQ(changes.way_speeds.size(), 1u);
  EXPECT_EQ(changes.way_speeds[0].way_id, 654321);
  EXPECT_DOUBLE_EQ(changes.way_speeds[0].kmh, 30.0);
  EXPECT_TRUE(changes.changes_roads());
}

TEST_F(ScenarioVariant, ReadsEveryChangeInABaselineOrAVariant) {
  // [changes] in a plain scenario...
  const Scenario plain = read_scenario(write("plain.toml", std::string(kBaseline) + kChanges));
  EXPECT_TRUE(plain.baseline.empty());
  expect_changes_of_kChanges(plain.changes);
  // ...and in a variant.
  expect_changes_of_kChanges(read_scenario(variant(kChanges)).changes);
}

// The variant's changes apply on top of its baseline's: a later change of
// the same thing wins.
TEST_F(ScenarioVariant, ChangesOfTheVariantApplyOnTopOfTheBaselines) {
  write("base/scenario.toml", std::string(kBaseline) + R"(
[[changes.add_facility]]
id = "new-a"
type = "eaje"
lon = 6.5
lat = 48.0
[[changes.add_facility]]
id = "new-b"
type = "eaje"
capacity = 8
lon = 6.6
lat = 48.1
[[changes.remove_facility]]
id = "old-r"
[[changes.set_capacity]]
id = "old-c"
capacity = 20
[[changes.close_road]]
way_id = 1
[[changes.road_speed]]
way_id = 2
kmh = 50
)");
  const Scenario scenario = read_scenario(variant(R"(
[[changes.remove_facility]]
id = "new-a"
[[changes.set_capacity]]
id = "new-b"
capacity = 12
[[changes.set_capacity]]
id = "old-c"
capacity = 25
[[changes.road_speed]]
way_id = 1
kmh = 20
[[changes.close_road]]
way_id = 2
[[changes.close_road]]
way_id = 3
)"));
  const ScenarioChanges& changes = scenario.changes;
  // new-a: added by the baseline, taken back by the variant: neither.
  ASSERT_EQ(changes.added.size(), 1u);
  EXPECT_EQ(changes.added[0].id, "new-b");
  EXPECT_DOUBLE_EQ(changes.added[0].capacity, 12.0);  // the variant's capacity
  EXPECT_EQ(changes.removed, (std::vector<std::string>{"old-r"}));
  ASSERT_EQ(changes.capacities.size(), 1u);
  EXPECT_EQ(changes.capacities[0].facility_id, "old-c");
  EXPECT_DOUBLE_EQ(changes.capacities[0].capacity, 25.0);
  // Way 1 closed by the baseline, reopened at 20 km/h; way 2 driven at 50,
  // then closed; way 3 closed.
  EXPECT_EQ(changes.closed_ways, (std::vector<std::int64_t>{2, 3}));
  ASSERT_EQ(changes.way_speeds.size(), 1u);
  EXPECT_EQ(changes.way_speeds[0].way_id, 1);
  EXPECT_DOUBLE_EQ(changes.way_speeds[0].kmh, 20.0);
  // The baseline read alone keeps its own changes.
  const Scenario baseline = read_scenario(dir_ / "base/scenario.toml");
  EXPECT_EQ(baseline.changes.added.size(), 2u);
  EXPECT_EQ(baseline.changes.closed_ways, (std::vector<std::int64_t>{1}));
  // Re-adding what the baseline removed is refused, naming the variant.
  expect_contains(error_of(variant("[[changes.add_facility]]\nid = \"old-r\"\ntype = \"eaje\"\n"
                                   "lon = 6\nlat = 48\n")),
                  {"variant.toml, line 3", "changes.add_facility.id", "'old-r'",
                   "removed by the baseline " + (dir_ / "base/scenario.toml").string()});
  expect_contains(error_of(variant("[[changes.set_capacity]]\nid = \"old-r\"\ncapacity = 3\n")),
                  {"variant.toml, line 3", "changes.set_capacity.id", "removed by the baseline"});
}

TEST_F(ScenarioVariant, BadChangesNameTheFileTheLineAndTheKey) {
  // kBaseline has 34 lines; appended text starts on line 35.
  const auto line = [](int offset) { return "line " + std::to_string(35 + offset); };
  const std::string add = "[[changes.add_facility]]\n";
  const std::string girmont = "id = \"g\"\ntype = \"eaje\"\nlon = 6.5\nlat = 48\n";
  const std::pair<std::string, std::vector<std::string>> cases[] = {
      {add + "type = \"eaje\"\nlon = 6.5\nlat = 48",
       {line(0), "missing key 'changes.add_facility.id'"}},
      {add + "id = \"\"\ntype = \"eaje\"\nlon = 6.5\nlat = 48",
       {line(1), "changes.add_facility.id", "must not be empty"}},
      {add + "id = \"g\"\nlon = 6.5\nlat = 48",
       {line(0), "missing key 'changes.add_facility.type'"}},
      {add + girmont + "capacity = -1", {line(5), "changes.add_facility.capacity", "at least 0"}},
      {add + girmont + "capcity = 10",
       {line(5), "'changes.add_facility.capcity'", "did you mean 'changes.add_facility.capacity'"}},
      {add + girmont + add + girmont,
       {line(6), "changes.add_facility.id", "'g' is already added at line 35"}},
      {add + "id = \"g\"\ntype = \"eaje\"\nlon = 6.5",
       {line(0), "missing key 'changes.add_facility.lat'"}},
      {add + "id = \"g\"\ntype = \"eaje\"\nlon = 365\nlat = 48",
       {line(3), "changes.add_facility.lon", "between -180 and 180"}},
      {add + "id = \"g\"\ntype = \"eaje\"\nlon = 6\nlat = 148",
       {line(4), "changes.add_facility.lat", "between -90 and 90"}},
      {add + girmont + "x = 965000", {line(5), "changes.add_facility.x", "not both"}},
      {add + "id = \"g\"\ntype = \"eaje\"\nx = 965000\ny = 6776000",
       {line(0), "missing key 'changes.add_facility.crs'"}},
      {add + "id = \"g\"\ntype = \"eaje\"\nx = 965000\ny = 6776000\ncrs = \"EPSG:99999\"",
       {line(5), "changes.add_facility.crs", "EPSG:99999"}},
      {add + "id = \"g\"\ntype = \"eaje\"\nlon = \"6.5\"\nlat = 48",
       {line(3), "changes.add_facility.lon", "must be a number"}},
      {"[changes]\nadd_facility = 3",
       {line(1), "changes.add_facility", "[[changes.add_facility]]"}},
      {"[changes]\nclose_raod = []",
       {line(1), "'changes.close_raod'", "did you mean 'changes.close_road'"}},
      {"[[changes.remove_facility]]\nname = \"x\"",
       {line(0), "missing key 'changes.remove_facility.id'"}},
      {add + girmont + "[[changes.remove_facility]]\nid = \"g\"",
       {line(6), "changes.remove_facility.id", "'g' is also added at line 35",
        "either added or removed"}},
      {"[[changes.remove_facility]]\nid = \"r\"\n[[changes.remove_facility]]\nid = \"r\"",
       {line(3), "changes.remove_facility.id", "already removed at line 35"}},
      {"[[changes.set_capacity]]\nid = \"c\"\ncapacity = -5",
       {line(2), "changes.set_capacity.capacity", "at least 0"}},
      {"[[changes.set_capacity]]\nid = \"c\"",
       {line(0), "missing key 'changes.set_capacity.capacity'"}},
      {"[[changes.set_capacity]]\ncapacity = 5",
       {line(0), "missing key 'changes.set_capacity.id'"}},
      {"[[changes.set_capacity]]\nid = \"c\"\ncapacity = 5\n[[changes.set_capacity]]\nid = \"c\"\n"
       "capacity = 6",
       {line(4), "changes.set_capacity.id", "already has a capacity at line 35"}},
      {add + girmont + "[[changes.set_capacity]]\nid = \"g\"\ncapacity = 5",
       {line(6), "changes.set_capacity.id", "give its capacity there"}},
      {"[[changes.close_road]]\nway_id = \"123\"",
       {line(1), "changes.close_road.way_id", "whole number"}},
      {"[[changes.close_road]]\nway_id = 12.5",
       {line(1), "changes.close_road.way_id", "whole number"}},
      {"[[changes.close_road]]\nway_id = 0", {line(1), "changes.close_road.way_id", "from 1"}},
      {"[[changes.close_road]]\nwayid = 5",
       {line(1), "'changes.close_road.wayid'", "did you mean 'changes.close_road.way_id'"}},
      {"[[changes.close_road]]\nroad = 5", {line(0), "missing key 'changes.close_road.way_id'"}},
      {"[[changes.road_speed]]\nway_id = 5\nkmh = 0",
       {line(2), "changes.road_speed.kmh", "greater than 0"}},
      {"[[changes.road_speed]]\nway_id = 5\nkmh = -30",
       {line(2), "changes.road_speed.kmh", "greater than 0"}},
      {"[[changes.road_speed]]\nway_id = 5", {line(0), "missing key 'changes.road_speed.kmh'"}},
      {"[[changes.close_road]]\nway_id = 5\n[[changes.road_speed]]\nway_id = 5\nkmh = 30",
       {line(3), "changes.road_speed.way_id", "closed at line 35",
        "either closed or given a speed"}},
      {"[[changes.road_speed]]\nway_id = 5\nkmh = 30\n[[changes.road_speed]]\nway_id = 5\nkmh = 40",
       {line(4), "changes.road_speed.way_id", "already has a speed at line 35"}},
  };
  for (const auto& [keys, expected] : cases) {
    const fs::path file = write("bad.toml", std::string(kBaseline) + keys + "\n");
    const std::string message = error_of(file);
    expect_contains(message, {file.string()}, keys);
    expect_contains(message, expected, keys);
  }
}

// A variant written back is the merged scenario: it runs on its own.
TEST_F(ScenarioVariant, WrittenVariantIsTheMergedScenarioWithoutBaseline) {
  const Scenario original = read_scenario(variant(std::string(R"(
[analysis]
thresholds_minutes = [5, 10]
[network]
profile = "walk"
[siting]
sites = 2
objective = "p_median"
)") + kChanges));
  const std::string text = scenario_to_toml(original, dir_);
  EXPECT_EQ(text.find("baseline"), std::string::npos) << text;
  const Scenario again = read_scenario(write("merged.toml", text));
  EXPECT_TRUE(again.baseline.empty());
  EXPECT_EQ(again.name, "CCPVM (variant)");
  EXPECT_EQ(again.note, original.note);
  EXPECT_EQ(again.communes.path, dir_ / "base/communes.gpkg");
  EXPECT_EQ(again.facilities.path, original.facilities.path);
  EXPECT_EQ(again.network.path, original.network.path);
  EXPECT_EQ(to_string(again.network.profile), "walk");
  EXPECT_DOUBLE_EQ(again.network.access.access_speed_kmh, 5.0);
  EXPECT_EQ(again.analysis.thresholds_minutes, (std::vector<double>{5, 10}));
  EXPECT_DOUBLE_EQ(again.analysis.demand_spacing_m, 250.0);
  EXPECT_EQ(again.demand.osm_buildings, original.demand.osm_buildings);
  EXPECT_EQ(again.services.size(), 1u);
  EXPECT_EQ(again.output.path, dir_ / "variant.gpkg");
  EXPECT_EQ(again.output.crs, "EPSG:3857");
  EXPECT_EQ(again.siting.sites, 2u);
  EXPECT_EQ(to_string(again.siting.objective), "p_median");
  expect_changes_of_kChanges(again.changes);
  // The reprojected positions are written in full (shortest round-trip
  // digits), so they read back exactly.
  ASSERT_EQ(again.changes.added.size(), original.changes.added.size());
  for (std::size_t i = 0; i < again.changes.added.size(); ++i) {
    EXPECT_EQ(again.changes.added[i].position, original.changes.added[i].position) << i;
  }
  // A scenario without changes writes no [changes].
  const Scenario plain = read_scenario(dir_ / "base/scenario.toml");
  EXPECT_EQ(scenario_to_toml(plain, dir_ / "base").find("changes"), std::string::npos);
}

}  // namespace
}  // namespace couverture
