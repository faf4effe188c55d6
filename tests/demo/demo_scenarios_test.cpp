#include "couverture/demo/demo_scenarios.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "couverture/demo/demo_inputs.hpp"
#include "couverture/demo/synthetic_territory.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/scenario.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// What `couverture demo -o <dir>/couverture-demo.gpkg` writes: the inputs
// and scenarios in <dir>/couverture-demo/.
struct DemoFolder {
  fs::path root = testing::make_temp_dir("demo_scenarios");
  fs::path folder = root / "couverture-demo";
  fs::path output = root / "couverture-demo.gpkg";
  SyntheticTerritory territory = make_ccpvm_demo_territory();
  DemoInputs inputs = write_demo_inputs(territory, folder, false);
  ~DemoFolder() { fs::remove_all(root); }
};

std::string text_of(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(DemoScenarios, TheScenarioReadsBackOnTheDemoInputs) {
  const DemoFolder demo;
  const DemoScenarios files =
      write_demo_scenarios(demo.territory, demo.inputs, demo.folder, demo.output, false);
  EXPECT_EQ(files.scenario, demo.folder / "scenario.toml");

  const Scenario scenario = read_scenario(files.scenario);
  EXPECT_EQ(scenario.name, "CCPVM demonstration (Porte des Vosges Méridionales)");
  EXPECT_EQ(scenario.note, demo.territory.description);
  EXPECT_EQ(scenario.communes.path, demo.inputs.communes_gpkg);
  EXPECT_EQ(scenario.communes.code_field, "code_insee");
  EXPECT_EQ(scenario.facilities.path, demo.inputs.facilities_csv);
  EXPECT_EQ(scenario.facilities.capacity_field, "capacity");
  EXPECT_EQ(scenario.network.path, demo.inputs.roads_pbf);
  EXPECT_EQ(scenario.output.path, demo.output);
  ASSERT_TRUE(scenario.supply.has_value());
  EXPECT_TRUE(scenario.supply->illustrative);
  // The three columns write_demo_inputs writes in supply-illustrative.csv.
  EXPECT_EQ(scenario.supply->tables[index_of(SupplyKind::assistants_maternels)]->places_field,
            "places_am");
  EXPECT_EQ(scenario.supply->tables[index_of(SupplyKind::home_childcare)]->places_field,
            "places_garde_domicile");
  EXPECT_EQ(scenario.supply->tables[index_of(SupplyKind::school_2_year_olds)]->places_field,
            "enfants_2ans_scolarises");
  for (const auto& table : scenario.supply->tables) {
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->path, demo.inputs.supply_csv);
  }
  // Paths are written relative to the folder, so it can be moved.
  EXPECT_EQ(text_of(files.scenario).find(demo.root.string()), std::string::npos);
}

TEST(DemoScenarios, TheVariantsTakeEloyesAwayAndSiteOneMicroCreche) {
  const DemoFolder demo;
  const DemoScenarios files =
      write_demo_scenarios(demo.territory, demo.inputs, demo.folder, demo.output, false);

  const Scenario without = read_scenario(files.without_eloyes);
  EXPECT_EQ(without.baseline, files.scenario);
  EXPECT_EQ(without.name, "CCPVM sans la micro-crèche d'Éloyes (avant 2021)");
  EXPECT_FALSE(without.isochrones.enabled);
  EXPECT_EQ(without.output.path, demo.root / "couverture-demo-sans-eloyes.gpkg");
  ASSERT_EQ(without.changes.removed.size(), 1u);
  EXPECT_EQ(without.changes.removed[0], "micro-creche-eloyes");
  // The facility taken away is one of the demo's.
  EXPECT_TRUE(std::any_of(demo.territory.facilities.begin(), demo.territory.facilities.end(),
                          [](const Facility& f) { return f.id == "micro-creche-eloyes"; }));

  const Scenario site = read_scenario(files.site_eaje);
  EXPECT_EQ(site.baseline, files.without_eloyes);
  EXPECT_EQ(site.output.path, demo.root / "couverture-demo-site.gpkg");
  EXPECT_EQ(site.siting.service_type, "eaje");
  EXPECT_EQ(site.siting.sites, 1u);
  EXPECT_EQ(site.siting.capacity, 10.0);
  EXPECT_EQ(site.siting.coverage_minutes, 10.0);
  // A variant of the variant still holds the removal.
  EXPECT_EQ(site.changes.removed, without.changes.removed);
}

TEST(DemoScenarios, RefusesAnExistingScenarioUnlessOverwriting) {
  const DemoFolder demo;
  write_demo_scenarios(demo.territory, demo.inputs, demo.folder, demo.output, false);
  EXPECT_THROW(write_demo_scenarios(demo.territory, demo.inputs, demo.folder, demo.output, false),
               DataError);
  EXPECT_NO_THROW(
      write_demo_scenarios(demo.territory, demo.inputs, demo.folder, demo.output, true));
}

}  // namespace
}  // namespace couverture
