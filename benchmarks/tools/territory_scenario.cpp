#include "territory_scenario.hpp"

#include <fstream>
#include <optional>

#include "couverture/demo/demo_inputs.hpp"
#include "couverture/demo/synthetic_territory.hpp"
#include "couverture/geodata/data_error.hpp"

namespace couverture::bench {

TerritoryScenario make_territory_scenario(std::size_t road_nodes, std::uint64_t seed,
                                          const std::filesystem::path& folder, bool isochrones) {
  const SyntheticTerritory territory = make_synthetic_territory(road_nodes, seed);
  std::filesystem::create_directories(folder);
  const DemoInputs inputs = write_demo_inputs(territory, folder, /*overwrite=*/true);

  // The same columns as the demo scenario: write_demo_inputs fixes them.
  Scenario scenario;
  scenario.file = folder / "scenario.toml";
  scenario.name = "synthetic territory, " + std::to_string(road_nodes) + " road nodes, seed " +
                  std::to_string(seed);
  scenario.note = territory.description;
  scenario.communes = CommuneSource{.path = inputs.communes_gpkg,
                                    .layer = "communes",
                                    .code_field = "code_insee",
                                    .name_field = "nom",
                                    .population_field = "population",
                                    .filter = "",
                                    .population_table = std::nullopt};
  scenario.facilities = FacilitySource{.path = inputs.facilities_csv,
                                       .layer = "",
                                       .x_field = "x",
                                       .y_field = "y",
                                       .crs = "EPSG:4326",
                                       .id_field = "id",
                                       .name_field = "name",
                                       .type_field = "type",
                                       .capacity_field = "capacity"};
  scenario.network.path = inputs.roads_pbf;
  scenario.network.profile = TravelProfileKind::car;
  scenario.isochrones.enabled = isochrones;
  scenario.output.path = folder / "result.gpkg";

  std::ofstream out(scenario.file);
  out << scenario_to_toml(scenario, folder);
  out.close();
  if (!out) throw DataError(scenario.file.string() + ": write failed; check the folder");

  return {scenario.file, territory.nodes.size(), territory.ways.size(), territory.communes.size(),
          territory.facilities.size()};
}

}  // namespace couverture::bench
