#include "unknown_subcommand.hpp"

#include <string>

namespace couverture::cli {

bool report_unknown_subcommand(const CLI::App& app, int argc, const char* const* argv,
                               std::ostream& err) {
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    // The global options are flags (-q, --json): no value to skip.
    if (word.empty() || word.front() == '-') continue;
    std::string names;
    for (const CLI::App* command : app.get_subcommands({})) {
      if (command->get_name() == word) return false;
      names += (names.empty() ? "" : ", ") + command->get_name();
    }
    err << "couverture: unknown subcommand '" << word << "'; choose one of: " << names
        << " (couverture --help describes them)\n";
    return true;
  }
  return false;
}

}  // namespace couverture::cli
