#include <exception>
#include <iostream>

#include "command.hpp"
#include "couverture/geodata/data_error.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitData = 1;
constexpr int kExitUsage = 2;

}  // namespace

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
    app.exit(error);
    return kExitUsage;
  }
  if (!action) return kExitOk;
  try {
    return action();
  } catch (const UsageError& error) {
    std::cerr << "couverture: " << error.what() << '\n';
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "couverture: error: " << error.what() << '\n';
    return kExitData;
  }
}
