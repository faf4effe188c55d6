#include "couverture/demo/demo_inputs.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"
#include "couverture/io/geopackage_writer.hpp"
#include "couverture/io/osm_pbf_writer.hpp"

namespace couverture {

namespace {

// Text fields are always quoted (RFC 4180), so names with commas, quotes or
// accents read back unchanged in GDAL, QGIS and spreadsheets.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Positions are rounded to 1e-7 degree (OSM precision): seven decimals keep
// them exactly.
std::string degrees(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7f", value);
  return text;
}

std::string places(double capacity) {
  if (capacity <= 0.0) return {};  // unknown, not zero places
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", capacity);
  return text;
}

void write_facilities_csv(const std::vector<Facility>& facilities,
                          const std::filesystem::path& target, bool overwrite) {
  AtomicOutput output(target, overwrite);
  {
    std::ofstream out(output.temporary(), std::ios::binary);
    out << "id,name,type,capacity,x,y\n";
    for (const Facility& facility : facilities) {
      out << quoted(facility.id) << ',' << quoted(facility.name) << ','
          << quoted(facility.service_type) << ',' << places(facility.capacity) << ','
          << degrees(facility.position.lon) << ',' << degrees(facility.position.lat) << '\n';
    }
    out.flush();
    if (!out) {
      throw DataError(target.string() +
                      ": cannot write the facilities; check the disk space and "
                      "the folder's permissions");
    }
  }
  output.commit();
}

void write_supply_csv(const SyntheticTerritory& territory, const std::filesystem::path& target,
                      bool overwrite) {
  AtomicOutput output(target, overwrite);
  {
    std::ofstream out(output.temporary(), std::ios::binary);
    out << "code_insee,nom,places_am,places_garde_domicile,enfants_2ans_scolarises\n";
    for (const Commune& commune : territory.communes) {
      const IllustrativeSupply supply = illustrative_supply(commune.population);
      out << quoted(commune.code) << ',' << quoted(commune.name) << ','
          << supply.assistants_maternels << ',' << supply.home_childcare << ','
          << supply.school_2_year_olds << '\n';
    }
    out.flush();
    if (!out) {
      throw DataError(target.string() +
                      ": cannot write the supply table; check the disk space and the folder's "
                      "permissions");
    }
  }
  output.commit();
}

OutputLayer communes_layer(const SyntheticTerritory& territory) {
  OutputLayer layer;
  layer.name = "communes";
  layer.geometry_type = "polygon";
  layer.description = territory.description;
  OutputColumn code{"code_insee", OutputColumn::Type::text, "Code INSEE"};
  OutputColumn name{"nom", OutputColumn::Type::text, "Nom"};
  OutputColumn population{"population", OutputColumn::Type::integer, "Population"};
  for (const Commune& commune : territory.communes) {
    layer.geometries.push_back(geos_clone(*commune.boundary));
    code.push_text(commune.code);
    name.push_text(commune.name);
    population.push_integer(std::llround(commune.population));
  }
  layer.columns = {std::move(code), std::move(name), std::move(population)};
  return layer;
}

}  // namespace

IllustrativeSupply illustrative_supply(double population) {
  const double children = 0.031 * population;
  return {std::round(0.40 * children), std::round(0.02 * children), std::round(0.04 * children)};
}

DemoInputs write_demo_inputs(const SyntheticTerritory& territory,
                             const std::filesystem::path& folder, bool overwrite) {
  const DemoInputs inputs{folder / "roads.osm.pbf", folder / "communes.gpkg",
                          folder / "facilities.csv", folder / "supply-illustrative.csv"};
  if (!overwrite) {
    for (const auto& path :
         {inputs.roads_pbf, inputs.communes_gpkg, inputs.facilities_csv, inputs.supply_csv}) {
      if (std::filesystem::exists(path)) {
        throw DataError(path.string() +
                        " already exists; choose another folder or allow overwriting");
      }
    }
  }
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw DataError(folder.string() + ": cannot create the folder (" + error.message() +
                    "); check the path and permissions");
  }

  write_osm_pbf(inputs.roads_pbf, territory.nodes, territory.ways);
  std::vector<OutputLayer> layers;
  layers.push_back(communes_layer(territory));
  write_geopackage(inputs.communes_gpkg, layers, "EPSG:4326", overwrite);
  write_facilities_csv(territory.facilities, inputs.facilities_csv, overwrite);
  write_supply_csv(territory, inputs.supply_csv, overwrite);
  return inputs;
}

}  // namespace couverture
