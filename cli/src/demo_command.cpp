#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "command.hpp"
#include "couverture/demo/demo_inputs.hpp"
#include "couverture/demo/demo_scenarios.hpp"
#include "couverture/demo/synthetic_territory.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/run_summary.hpp"
#include "output_writing.hpp"
#include "summary_printing.hpp"
#include "terminal_progress.hpp"

namespace couverture::cli {

namespace {

namespace fs = std::filesystem;

struct DemoOptions {
  std::string output = "couverture-demo.gpkg";
  bool overwrite = false;
};

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
      // The demo's inputs go to `folder`; run_and_write checks the rest.
      check_output_path(output, options->overwrite);
      if (output == folder) {
        throw DataError(output.string() +
                        ": the demo writes its inputs in a folder of this name; give the "
                        "output an extension, e.g. " +
                        output.string() + ".gpkg");
      }
      TerminalProgress display(global.quiet || global.json);
      pipeline::Progress progress(&display);
      progress.stage("building the synthetic CCPVM territory");
      const SyntheticTerritory territory = make_ccpvm_demo_territory();
      progress.stage("writing the demo inputs to " + folder.filename().string() + "/");
      fs::create_directories(folder);
      const DemoInputs inputs = write_demo_inputs(territory, folder, options->overwrite);
      const DemoScenarios scenarios =
          write_demo_scenarios(territory, inputs, folder, output, options->overwrite);
      // The very same path as `couverture run`: read the scenario back.
      const Scenario scenario = read_scenario(scenarios.scenario);
      const pipeline::RunOutcome outcome =
          run_and_write(scenario, output, options->overwrite, progress);
      print_summary(
          outcome.warnings, global, [&] { return pipeline::run_summary_json(outcome); },
          [&](std::FILE* out) { pipeline::write_run_summary(outcome, out); });
      if (!global.quiet && !global.json) {
        std::printf(
            "Demo inputs and scenario: %s/ (edit scenario.toml, then `couverture run "
            "%s`)\n",
            folder.string().c_str(), scenarios.scenario.string().c_str());
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
