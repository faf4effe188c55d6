#include "couverture/demo/demo_scenarios.hpp"

#include <array>
#include <fstream>
#include <string>
#include <string_view>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/supply_kind.hpp"
#include "couverture/io/atomic_output.hpp"
#include "couverture/io/scenario.hpp"

namespace couverture {

namespace {

namespace fs = std::filesystem;

// The coverage scenario on the demo inputs; the columns are those
// write_demo_inputs writes.
Scenario demo_scenario(const SyntheticTerritory& territory, const DemoInputs& inputs,
                       const fs::path& scenario_file, const fs::path& output) {
  Scenario scenario;
  scenario.file = scenario_file;
  scenario.name = "CCPVM demonstration (Porte des Vosges Méridionales)";
  scenario.note = territory.description;
  scenario.communes.path = inputs.communes_gpkg;
  scenario.communes.layer = "communes";
  scenario.communes.code_field = "code_insee";
  scenario.communes.name_field = "nom";
  scenario.communes.population_field = "population";
  scenario.facilities.path = inputs.facilities_csv;
  scenario.facilities.x_field = "x";
  scenario.facilities.y_field = "y";
  scenario.facilities.crs = "EPSG:4326";
  scenario.facilities.id_field = "id";
  scenario.facilities.name_field = "name";
  scenario.facilities.type_field = "type";
  scenario.facilities.capacity_field = "capacity";
  scenario.network.path = inputs.roads_pbf;
  scenario.network.profile = TravelProfileKind::car;
  // The whole childcare offer, with ILLUSTRATIVE figures (see
  // illustrative_supply): the global rate beside the EAJE one, and zones en
  // tension following the global rate.
  SupplySettings supply;
  supply.illustrative = true;
  const char* source =
      "ILLUSTRATIVE: 40 / 2 / 4 places per 100 children under 3 (3.1 % of the 2026 "
      "population), not CAF counts; replace with the CAF's figures";
  const std::array<const char*, kSupplyKindCount> fields = {"places_am", "places_garde_domicile",
                                                            "enfants_2ans_scolarises"};
  for (SupplyKind kind : kSupplyKinds) {
    SupplyTable table;
    table.path = inputs.supply_csv;
    table.places_field = fields[index_of(kind)];
    table.year = 2024;
    table.source = source;
    supply.tables[index_of(kind)] = table;
  }
  scenario.supply = supply;
  scenario.tension.rate = TensionRate::global;
  scenario.output.path = output;
  return scenario;
}

// The CTG question in hindsight: the territory before the Éloyes
// micro-crèche opened (2021), to compare with the demo's scenario, and the
// siting of one 10-place micro-crèche on that territory.
constexpr const char* kWithoutEloyes =
    R"toml(# The demo territory before the 10-place micro-crèche of Éloyes opened (2021).
# couverture compare sans-eloyes.toml scenario.toml: what Éloyes changed.
baseline = "scenario.toml"
name = "CCPVM sans la micro-crèche d'Éloyes (avant 2021)"

[isochrones]
enabled = false

[output]
path = "../couverture-demo-sans-eloyes.gpkg"

[[changes.remove_facility]]
id = "micro-creche-eloyes"
)toml";

constexpr const char* kSiteEaje =
    R"toml(# Where should a 10-place micro-crèche go, on the territory without Éloyes's?
# couverture site site-eaje.toml --evaluate "Éloyes": was Éloyes the right place?
baseline = "sans-eloyes.toml"
name = "Une micro-crèche de 10 places pour la CCPVM"

[siting]
service_type = "eaje"
sites = 1
capacity = 10
objective = "max_covering"   # also p_median, equity_maximin, equity_gini, capacity
coverage_minutes = 10
generate = "commune_centres"

[output]
path = "../couverture-demo-site.gpkg"
)toml";

void write_text(const fs::path& path, std::string_view text, bool overwrite) {
  AtomicOutput file(path, overwrite);
  {
    std::ofstream out(file.temporary());
    out << text;
    out.close();
    if (!out) throw DataError(path.string() + ": cannot write the file (disk full? permissions?)");
  }
  file.commit();
}

}  // namespace

DemoScenarios write_demo_scenarios(const SyntheticTerritory& territory, const DemoInputs& inputs,
                                   const fs::path& folder, const fs::path& output, bool overwrite) {
  const DemoScenarios files{folder / "scenario.toml", folder / "sans-eloyes.toml",
                            folder / "site-eaje.toml"};
  write_text(files.scenario,
             scenario_to_toml(demo_scenario(territory, inputs, files.scenario, output), folder),
             overwrite);
  write_text(files.without_eloyes, kWithoutEloyes, overwrite);
  write_text(files.site_eaje, kSiteEaje, overwrite);
  return files;
}

}  // namespace couverture
