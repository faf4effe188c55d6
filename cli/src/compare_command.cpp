#include <chrono>
#include <memory>

#include "command.hpp"
#include "comparison_layers.hpp"
#include "comparison_summary.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"
#include "couverture/io/geopackage_writer.hpp"
#include "couverture/io/qgis_project.hpp"
#include "couverture/io/scenario.hpp"
#include "scenario_runner.hpp"

namespace couverture::cli {

namespace {

struct CompareOptions {
  std::string baseline;
  std::string variant;
  std::string output;
  bool overwrite = false;
};

// Differences are taken commune by commune in file order: both runs must
// read the same communes, in the same order.
void check_same_communes(const RunOutcome& baseline, const RunOutcome& variant) {
  bool same = baseline.communes.size() == variant.communes.size();
  for (std::size_t c = 0; same && c < baseline.communes.size(); ++c) {
    same = baseline.communes[c].code == variant.communes[c].code;
  }
  if (!same) {
    throw DataError(variant.scenario.file.string() + ": its communes (" +
                    variant.scenario.communes.path.string() + ", " +
                    std::to_string(variant.communes.size()) + ") are not those of the baseline (" +
                    baseline.scenario.communes.path.string() + ", " +
                    std::to_string(baseline.communes.size()) +
                    "), code for code: compare scenarios of one territory");
  }
}

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
      check_output_path(output, options->overwrite);
      Progress progress(global.quiet || global.json);
      const RunOutcome before = analyse_scenario(baseline, progress, RunKind::indicators);
      const RunOutcome after = analyse_scenario(variant, progress, RunKind::indicators, &before);
      progress.stage("comparing the two runs");
      check_same_communes(before, after);
      const ScenarioComparison comparison = compare_runs(
          {before.coverage, before.accessibility, baseline.analysis.thresholds_minutes},
          {after.coverage, after.accessibility, variant.analysis.thresholds_minutes});
      progress.stage("writing " + output.filename().string());
      write_geopackage(output, build_comparison_layers(before, after, comparison),
                       variant.output.crs, options->overwrite);
      store_qgis_project(output);
      progress.finish();
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      print_comparison_summary(before, after, comparison, output, seconds, global);
      return 0;
    };
  });
}

}  // namespace couverture::cli
