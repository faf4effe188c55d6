#include "command.hpp"

namespace couverture::cli {

void add_network_command(CLI::App& app, const GlobalOptions& /*global*/, Action& /*action*/) {
  app.add_subcommand("network", "(not yet implemented)");
}

}  // namespace couverture::cli
