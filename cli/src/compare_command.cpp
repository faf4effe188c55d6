#include <chrono>
#include <memory>

#include "command.hpp"
#include "couverture/io/output_preparation.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/io/scenario_inputs.hpp"
#include "couverture/pipeline/comparison_layers.hpp"
#include "couverture/pipeline/comparison_run.hpp"
#include "couverture/pipeline/comparison_summary.hpp"
#include "output_writing.hpp"
#include "summary_printing.hpp"
#include "terminal_progress.hpp"

namespace couverture::cli {

namespace {

struct CompareOptions {
  std::string baseline;
  std::string variant;
  std::string output;
  bool overwrite = false;
};

}  // namespace

void add_compare_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* command = app.add_subcommand(
      "compare",
      "Run two scenarios of one territory (sharing the road network and population sources) "
      "and write the differences of every indicator");
  command->add_option("baseline", options->baseline, "Baseline scenario (.toml)")->required();
  command->add_option("variant", options->variant, "Variant scenario (.toml)")->required();
  command->add_option("-o,--output", options->output,
                      "Output GeoPackage (default: VARIANT-vs-BASELINE.gpkg beside the variant)");
  command->add_flag("--overwrite", options->overwrite, "Replace an existing output file");
  command->callback([options, &global, &action] {
    action = [options, &global] {
      const auto start = std::chrono::steady_clock::now();
      const Scenario baseline = read_scenario(options->baseline);
      const Scenario variant = read_scenario(options->variant);
      const std::filesystem::path output =
          options->output.empty()
              ? variant.file.parent_path() / (variant.file.stem().string() + "-vs-" +
                                              baseline.file.stem().string() + ".gpkg")
              : std::filesystem::path(options->output);
      std::vector<std::filesystem::path> inputs = scenario_inputs(baseline);
      for (std::filesystem::path& input : scenario_inputs(variant)) inputs.push_back(input);
      print_warnings(prepare_outputs({output}, inputs, options->overwrite), global);
      TerminalProgress display(global.quiet || global.json);
      pipeline::Progress progress(&display);
      const pipeline::ComparisonOutcome run = pipeline::run_comparison(baseline, variant, progress);
      progress.stage("writing " + output.filename().string());
      write_output(output,
                   pipeline::build_comparison_layers(run.baseline, run.variant, run.comparison), {},
                   variant.output.crs, options->overwrite);
      progress.finish();
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      print_summary(
          run.variant.warnings, global,
          [&] { return pipeline::comparison_summary_json(run, output, seconds); },
          [&](std::FILE* out) { pipeline::write_comparison_summary(run, output, seconds, out); });
      return 0;
    };
  });
}

}  // namespace couverture::cli
