#include <iostream>

#include "command.hpp"
#include "couverture/pipeline/version_text.hpp"

namespace couverture::cli {

void add_version_command(CLI::App& app, const GlobalOptions& /*global*/, Action& action) {
  app.set_version_flag("--version", [] { return pipeline::version_text(); });
  CLI::App* command =
      app.add_subcommand("version", "Print the versions of couverture and its libraries");
  command->callback([&action] {
    action = [] {
      std::cout << pipeline::version_text() << '\n';
      return 0;
    };
  });
}

}  // namespace couverture::cli
