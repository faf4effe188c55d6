#include <chrono>
#include <cstdint>
#include <memory>

#include "command.hpp"
#include "couverture/io/output_preparation.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/io/scenario_inputs.hpp"
#include "couverture/pipeline/siting_layers.hpp"
#include "couverture/pipeline/siting_stage.hpp"
#include "couverture/pipeline/siting_summary.hpp"
#include "output_writing.hpp"
#include "summary_printing.hpp"
#include "terminal_progress.hpp"
#include "usage_error.hpp"

namespace couverture::cli {

namespace {

// More new sites than any plan of one service type needs: a bound that
// catches a typo before the baseline run, not a limit of the method.
constexpr std::int64_t kMaxSites = 10'000;

struct SiteOptions {
  std::string scenario;
  std::string output;
  std::string evaluate;
  std::int64_t sites = 0;  // signed: -3 is refused, not wrapped to 2^64 - 3
  std::string objective;
  std::string solver;
  bool overwrite = false;
};

}  // namespace

void add_site_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<SiteOptions>();
  CLI::App* command = app.add_subcommand(
      "site",
      "Choose where new sites of a service should go ([siting] in the scenario), or evaluate "
      "one site: what it changes and where it ranks");
  command->add_option("scenario", options->scenario, "Scenario file (.toml)")->required();
  command->add_option("-o,--output", options->output,
                      "Output GeoPackage (default: SCENARIO-site.gpkg beside the scenario)");
  command->add_option("--evaluate", options->evaluate,
                      "A candidate (id, name or commune name) or a position 'lon,lat' to "
                      "evaluate");
  command
      ->add_option("--sites", options->sites,
                   "Number of new sites, 1 or more (overrides [siting] sites)")
      ->check(CLI::Range(std::int64_t{1}, kMaxSites));
  command->add_option("--objective", options->objective, "What the new sites optimise")
      ->check(CLI::IsMember(names_in(kSitePlanObjectiveNames)));
  command->add_option("--solver", options->solver, "Which solvers run")
      ->check(CLI::IsMember(names_in(kSiteSolverNames)));
  command->add_flag("--overwrite", options->overwrite, "Replace an existing output file");
  command->callback([options, &global, &action] {
    action = [options, &global] {
      const auto start = std::chrono::steady_clock::now();
      Scenario scenario = read_scenario(options->scenario);
      if (options->sites > 0) scenario.siting.sites = static_cast<std::size_t>(options->sites);
      // Checked by CLI11 against the name tables (IsMember): known names.
      if (!options->objective.empty()) {
        scenario.siting.objective = *site_plan_objective_from(options->objective);
      }
      if (!options->solver.empty()) scenario.siting.solver = *site_solver_from(options->solver);
      const std::filesystem::path output =
          options->output.empty()
              ? scenario.file.parent_path() / (scenario.file.stem().string() + "-site.gpkg")
              : std::filesystem::path(options->output);
      print_warnings(prepare_outputs({output}, scenario_inputs(scenario), options->overwrite),
                     global);
      TerminalProgress display(global.quiet || global.json);
      pipeline::Progress progress(&display);
      const pipeline::SitingOutcome outcome =
          pipeline::run_siting(scenario, options->evaluate, progress);
      progress.stage("writing " + output.filename().string());
      write_output(output, pipeline::build_siting_layers(outcome), {}, scenario.output.crs,
                   options->overwrite);
      progress.finish();
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      print_summary(
          outcome.baseline.warnings, global,
          [&] { return pipeline::siting_summary_json(outcome, output, seconds); },
          [&](std::FILE* out) { pipeline::write_siting_summary(outcome, output, seconds, out); });
      return 0;
    };
  });
}

}  // namespace couverture::cli
