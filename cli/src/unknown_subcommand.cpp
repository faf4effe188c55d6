#include "unknown_subcommand.hpp"

#include <string>
#include <vector>

namespace couverture::cli {

bool report_unknown_subcommand(const CLI::App& app, int argc, const char* const* argv,
                               std::ostream& err) {
  // Descends through the words that name subcommands (`network build`);
  // the first other word, where subcommands are expected, is the unknown one.
  const CLI::App* level = &app;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    // The options before a subcommand are flags (-q, --json): no value to skip.
    if (word.empty() || word.front() == '-') continue;
    const std::vector<const CLI::App*> commands = level->get_subcommands({});
    if (commands.empty()) return false;  // a positional argument of a known command
    const CLI::App* next = nullptr;
    std::string names;
    for (const CLI::App* command : commands) {
      if (command->get_name() == word) next = command;
      names += (names.empty() ? "" : ", ") + command->get_name();
    }
    if (next == nullptr) {
      err << "couverture: unknown subcommand '" << path << word << "'; choose one of: " << names
          << " (couverture " << path << "--help describes them)\n";
      return true;
    }
    path += word + " ";
    level = next;
  }
  return false;
}

}  // namespace couverture::cli
