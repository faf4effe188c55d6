#pragma once

#include <filesystem>

#include "couverture/geodata/synthetic_territory.hpp"

namespace couverture {

// The three input files a scenario reads, as written for a synthetic territory.
struct DemoInputs {
  std::filesystem::path roads_pbf;       // roads.osm.pbf
  std::filesystem::path communes_gpkg;   // communes.gpkg, layer "communes"
  std::filesystem::path facilities_csv;  // facilities.csv
};

// Writes `territory` into `folder` (created if needed): roads.osm.pbf,
// communes.gpkg (layer "communes": code_insee, nom, population; EPSG:4326)
// and facilities.csv (id,name,type,capacity,x,y; x/y in EPSG:4326, capacity
// empty when unknown). Each file appears complete or not at all. Existing
// files are refused, before anything is written, unless `overwrite`.
// Throws DataError naming the file and the fix.
DemoInputs write_demo_inputs(const SyntheticTerritory& territory,
                             const std::filesystem::path& folder, bool overwrite);

}  // namespace couverture
