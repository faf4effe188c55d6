#include <memory>

#include "command.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/run_summary.hpp"
#include "output_writing.hpp"
#include "summary_printing.hpp"
#include "terminal_progress.hpp"

namespace couverture::cli {

namespace {

struct RunOptions {
  std::string scenario;
  std::string output;
  bool overwrite = false;
};

}  // namespace

void add_run_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run", "Run a coverage scenario (TOML, see docs/scenario.md) and write a GeoPackage");
  command->add_option("scenario", options->scenario, "Scenario file (.toml)")->required();
  command->add_option("-o,--output", options->output,
                      "Output GeoPackage (overrides the scenario's [output] path)");
  command->add_flag("--overwrite", options->overwrite, "Replace an existing output file");
  command->callback([options, &global, &action] {
    action = [options, &global] {
      const Scenario scenario = read_scenario(options->scenario);
      const std::filesystem::path output =
          options->output.empty() ? scenario.output.path : std::filesystem::path(options->output);
      TerminalProgress display(global.quiet || global.json);
      pipeline::Progress progress(&display);
      const pipeline::RunOutcome outcome =
          run_and_write(scenario, output, options->overwrite, progress);
      print_summary(
          outcome.warnings, global, [&] { return pipeline::run_summary_json(outcome); },
          [&](std::FILE* out) { pipeline::write_run_summary(outcome, out); });
      return 0;
    };
  });
}

}  // namespace couverture::cli
