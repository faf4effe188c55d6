#include <iostream>
#include <sstream>

#include "command.hpp"
#include "couverture/io/library_versions.hpp"

namespace couverture::cli {

std::string version_text() {
  std::ostringstream text;
  text << "couverture " << COUVERTURE_VERSION;
  for (const LibraryVersion& library : library_versions()) {
    text << '\n' << library.name << ' ' << library.version;
  }
  return text.str();
}

void add_version_command(CLI::App& app, const GlobalOptions& /*global*/, Action& action) {
  app.set_version_flag("--version", [] { return version_text(); });
  CLI::App* command =
      app.add_subcommand("version", "Print the versions of couverture and its libraries");
  command->callback([&action] {
    action = [] {
      std::cout << version_text() << '\n';
      return 0;
    };
  });
}

}  // namespace couverture::cli
