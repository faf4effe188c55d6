#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace couverture::cli {

// Options every subcommand understands.
struct GlobalOptions {
  bool quiet = false;
  bool json = false;
};

// A subcommand registers its options on `app` and, when it is the one
// selected, stores in `action` the work to run after parsing. Exceptions
// escape to main(), which maps them to exit codes once.
using Action = std::function<int()>;

void add_version_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_network_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_run_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_isochrones_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_demo_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_compare_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_site_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_report_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_export_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace couverture::cli
