#include <fstream>
#include <memory>

#include "command.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/synthetic_territory.hpp"
#include "couverture/io/atomic_output.hpp"
#include "couverture/io/demo_inputs.hpp"
#include "couverture/io/scenario.hpp"
#include "output_writing.hpp"
#include "run_summary.hpp"
#include "terminal_progress.hpp"

namespace couverture::cli {

namespace {

namespace fs = std::filesystem;

struct DemoOptions {
  std::string output = "couverture-demo.gpkg";
  bool overwrite = false;
};

// The scenario the demo runs, pointing at the inputs it just wrote, so that
// a planner can edit it and re-run it with `couverture run`.
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
  scenario.tension.rate = "global";
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

void write_text(const fs::path& path, const char* text, bool overwrite) {
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

void add_demo_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* command = app.add_subcommand(
      "demo",
      "Build the demonstration territory (the 10 real CCPVM communes and boundaries; synthetic "
      "roads and facilities), "
      "write its inputs beside the output and run the coverage scenario on them");
  command->add_option("-o,--output", options->output, "Output GeoPackage")->capture_default_str();
  command->add_flag("--overwrite", options->overwrite,
                    "Replace an existing output and demo input folder");
  command->callback([options, &global, &action] {
    action = [options, &global] {
      const fs::path output = fs::absolute(options->output).lexically_normal();
      const fs::path folder = output.parent_path() / output.stem();
      check_output_path(output, options->overwrite);
      TerminalProgress display(global.quiet || global.json);
      pipeline::Progress progress(&display);
      progress.stage("building the synthetic CCPVM territory");
      const SyntheticTerritory territory = make_ccpvm_demo_territory();
      progress.stage("writing the demo inputs to " + folder.filename().string() + "/");
      fs::create_directories(folder);
      const DemoInputs inputs = write_demo_inputs(territory, folder, options->overwrite);
      const fs::path scenario_file = folder / "scenario.toml";
      {
        AtomicOutput file(scenario_file, options->overwrite);
        std::ofstream(file.temporary())
            << scenario_to_toml(demo_scenario(territory, inputs, scenario_file, output), folder);
        file.commit();
      }
      write_text(folder / "sans-eloyes.toml", kWithoutEloyes, options->overwrite);
      write_text(folder / "site-eaje.toml", kSiteEaje, options->overwrite);
      // The very same path as `couverture run`: read the scenario back.
      const Scenario scenario = read_scenario(scenario_file);
      const pipeline::RunOutcome outcome =
          run_and_write(scenario, output, options->overwrite, progress);
      print_run_summary(outcome, global);
      if (!global.quiet && !global.json) {
        std::printf(
            "Demo inputs and scenario: %s/ (edit scenario.toml, then `couverture run "
            "%s`)\n",
            folder.string().c_str(), scenario_file.string().c_str());
        const std::string dir = folder.filename().string();
        std::printf(
            "The Éloyes question: `couverture compare %s/sans-eloyes.toml %s/scenario.toml` "
            "(what the micro-crèche changed),\n`couverture site %s/site-eaje.toml --evaluate "
            "\"Éloyes\"` (was it the right place, and the best alternative).\n",
            dir.c_str(), dir.c_str(), dir.c_str());
      }
      return 0;
    };
  });
}

}  // namespace couverture::cli
