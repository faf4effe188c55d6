#include <exception>
#include <iostream>

#include "command.hpp"
#include "failure_report.hpp"
#include "unknown_subcommand.hpp"

int main(int argc, char** argv) {
  using namespace couverture;
  CLI::App app{
      "couverture: who can reach which family service, how fast, and where the next "
      "one should go"};
  app.require_subcommand(1);
  // Subcommands hand the global flags (-q, --json) up, so they work after
  // the subcommand too, as with osmium and gdal.
  app.fallthrough();
  cli::GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "Print nothing but errors");
  app.add_flag("--json", global.json, "Print the summary as JSON on stdout");
  cli::Action action;
  cli::add_version_command(app, global, action);
  cli::add_network_command(app, global, action);
  cli::add_run_command(app, global, action);
  cli::add_isochrones_command(app, global, action);
  cli::add_demo_command(app, global, action);
  cli::add_compare_command(app, global, action);
  cli::add_site_command(app, global, action);
  cli::add_report_command(app, global, action);
  cli::add_export_command(app, global, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& done) {
    return app.exit(done);
  } catch (const CLI::ParseError& error) {
    // CLI11 reports a misspelled subcommand as an unexpected argument
    // without naming the subcommands: name them.
    if (cli::report_unknown_subcommand(app, argc, argv, std::cerr)) {
      return cli::kExitUsage;
    }
    app.exit(error);
    return cli::kExitUsage;
  }
  if (!action) return cli::kExitOk;
  try {
    return action();
  } catch (...) {
    return cli::report_failure(std::current_exception(), std::cerr);
  }
}
