#include "command.hpp"

namespace couverture::cli {

void add_run_command(CLI::App& app, const GlobalOptions& /*global*/, Action& /*action*/) {
  app.add_subcommand("run", "(not yet implemented)");
}

}  // namespace couverture::cli
