#pragma once

#include <filesystem>

#include "couverture/demo/synthetic_territory.hpp"

namespace couverture {

// The three input files a scenario reads, as written for a synthetic territory.
struct DemoInputs {
  std::filesystem::path roads_pbf;       // roads.osm.pbf
  std::filesystem::path communes_gpkg;   // communes.gpkg, layer "communes"
  std::filesystem::path facilities_csv;  // facilities.csv
  std::filesystem::path supply_csv;      // supply-illustrative.csv
};

// The demo's [supply] figures per commune, ILLUSTRATIVE (no published count
// of assistants maternels for these communes was at hand): from each
// commune's children under 3 at the national share (3.1 % of the
// population), 40 places with assistants maternels per 100 children (a
// rural département's order of magnitude), 2 in home childcare and 4
// 2-year-olds at school, rounded to whole places.
struct IllustrativeSupply {
  double assistants_maternels = 0.0;
  double home_childcare = 0.0;
  double school_2_year_olds = 0.0;
};
IllustrativeSupply illustrative_supply(double population);

// Writes `territory` into `folder` (created if needed): roads.osm.pbf,
// communes.gpkg (layer "communes": code_insee, nom, population; EPSG:4326)
// facilities.csv (id,name,type,capacity,x,y; x/y in EPSG:4326, capacity
// empty when unknown) and supply-illustrative.csv (code_insee, nom,
// places_am, places_garde_domicile, enfants_2ans_scolarises: the
// illustrative_supply of each commune). Each file appears complete or not at all. Existing
// files are refused, before anything is written, unless `overwrite`.
// Throws DataError naming the file and the fix.
DemoInputs write_demo_inputs(const SyntheticTerritory& territory,
                             const std::filesystem::path& folder, bool overwrite);

}  // namespace couverture
