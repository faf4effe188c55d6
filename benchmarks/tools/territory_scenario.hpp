#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "couverture/io/scenario.hpp"

namespace couverture::bench {

// What make_territory_scenario wrote, for the end-to-end table.
struct TerritoryScenario {
  std::filesystem::path scenario_toml;
  std::size_t road_nodes = 0;
  std::size_t road_ways = 0;
  std::size_t communes = 0;
  std::size_t facilities = 0;
};

// Writes into `folder` a synthetic territory of about `road_nodes` road nodes
// (make_synthetic_territory with `seed`): its inputs (write_demo_inputs:
// roads.osm.pbf, communes.gpkg, facilities.csv) and a scenario.toml running
// the car profile on them, output result.gpkg beside it, isochrone layers
// only when `isochrones`. Existing files are replaced: the folder is a
// benchmark's scratch space.
TerritoryScenario make_territory_scenario(std::size_t road_nodes, std::uint64_t seed,
                                          const std::filesystem::path& folder, bool isochrones);

}  // namespace couverture::bench
