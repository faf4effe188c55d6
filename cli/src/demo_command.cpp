#include "command.hpp"

namespace couverture::cli {

void add_demo_command(CLI::App& app, const GlobalOptions& /*global*/, Action& /*action*/) {
  app.add_subcommand("demo", "(not yet implemented)");
}

}  // namespace couverture::cli
