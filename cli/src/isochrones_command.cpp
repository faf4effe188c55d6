#include <memory>

#include "command.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/run_summary.hpp"
#include "output_writing.hpp"
#include "summary_printing.hpp"
#include "terminal_progress.hpp"

namespace couverture::cli {

namespace {

struct IsochronesOptions {
  std::string scenario;
  std::string output;
  std::string form;
  bool overwrite = false;
};

// Beside the scenario's coverage output, so that both can coexist:
// result.gpkg -> result-isochrones.gpkg.
std::filesystem::path default_output(const Scenario& scenario) {
  std::filesystem::path path = scenario.output.path;
  path.replace_filename(path.stem().string() + "-isochrones" + path.extension().string());
  return path;
}

}  // namespace

void add_isochrones_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<IsochronesOptions>();
  CLI::App* command = app.add_subcommand(
      "isochrones",
      "Areas reachable within each threshold of every facility, per facility and dissolved "
      "per service type, with their quality checks, into a GeoPackage");
  command->add_option("scenario", options->scenario, "Scenario file (.toml)")->required();
  command->add_option("-o,--output", options->output,
                      "Output GeoPackage (default: the scenario's output name + -isochrones)");
  command
      ->add_option("--form", options->form,
                   "bands (0–T, nested) or rings (T_prev–T); overrides [isochrones] form")
      ->check(CLI::IsMember(names_in(kContourFormNames)));
  command->add_flag("--overwrite", options->overwrite, "Replace an existing output file");
  command->callback([options, &global, &action] {
    action = [options, &global] {
      Scenario scenario = read_scenario(options->scenario);
      if (!options->form.empty()) scenario.isochrones.form = *contour_form_from(options->form);
      scenario.isochrones.enabled = true;
      if (!scenario.isochrones.per_facility && !scenario.isochrones.by_service) {
        throw DataError(scenario.file.string() +
                        ": [isochrones] asks for neither per_facility nor by_service polygons; "
                        "set one of them to true");
      }
      const std::filesystem::path output = options->output.empty()
                                               ? default_output(scenario)
                                               : std::filesystem::path(options->output);
      TerminalProgress display(global.quiet || global.json);
      pipeline::Progress progress(&display);
      const pipeline::RunOutcome outcome = run_and_write(scenario, output, options->overwrite,
                                                         progress, pipeline::RunKind::isochrones);
      print_summary(
          outcome.warnings, global, [&] { return pipeline::run_summary_json(outcome); },
          [&](std::FILE* out) { pipeline::write_run_summary(outcome, out); });
      return 0;
    };
  });
}

}  // namespace couverture::cli
