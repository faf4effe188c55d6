#include "couverture/io/scenario_inputs.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace couverture {
namespace {

namespace fs = std::filesystem;

TEST(ScenarioInputs, ListsEveryFileTheScenarioReadsAndNoEmptyPath) {
  Scenario scenario;
  scenario.file = "/s/variant.toml";
  scenario.baseline = "/s/scenario.toml";
  scenario.communes.path = "/d/communes.gpkg";
  scenario.communes.population_table.emplace();
  scenario.communes.population_table->path = "/d/population.csv";
  scenario.facilities.path = "/d/facilities.csv";
  scenario.network.path = "/d/roads.osm.pbf";
  scenario.demand.age_table.emplace();
  scenario.demand.age_table->path = "/d/ages.csv";
  scenario.demand.groups.resize(2);
  scenario.demand.groups[0].path = "/d/families.csv";
  scenario.demand.groups[1].path = "/d/housing.csv";
  scenario.supply.emplace();
  scenario.supply->tables[1].emplace();
  scenario.supply->tables[1]->path = "/d/supply.csv";
  scenario.siting.candidates.emplace();
  scenario.siting.candidates->path = "/d/candidates.csv";
  // No elevation model, grid or buildings: their empty paths are left out.
  const std::vector<fs::path> expected = {
      "/s/variant.toml",  "/s/scenario.toml",  "/d/communes.gpkg", "/d/facilities.csv",
      "/d/roads.osm.pbf", "/d/population.csv", "/d/ages.csv",      "/d/families.csv",
      "/d/housing.csv",   "/d/supply.csv",     "/d/candidates.csv"};
  EXPECT_EQ(scenario_inputs(scenario), expected);

  scenario.network.dem = "/d/dem.tif";
  scenario.demand.insee_grid = "/d/grid.gpkg";
  scenario.demand.osm_buildings = "/d/buildings.osm.pbf";
  const std::vector<fs::path> all = scenario_inputs(scenario);
  EXPECT_EQ(all.size(), expected.size() + 3);
  for (const char* path : {"/d/dem.tif", "/d/grid.gpkg", "/d/buildings.osm.pbf"}) {
    EXPECT_NE(std::find(all.begin(), all.end(), fs::path(path)), all.end()) << path;
  }
}

}  // namespace
}  // namespace couverture
