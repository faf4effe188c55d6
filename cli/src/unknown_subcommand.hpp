#pragma once

#include <CLI/CLI.hpp>
#include <ostream>

namespace couverture::cli {

// When the first word of the command line that is not an option is no
// subcommand of `app` (`couverture rnu`), prints one line naming it and
// listing the subcommands, and returns true; false otherwise.
bool report_unknown_subcommand(const CLI::App& app, int argc, const char* const* argv,
                               std::ostream& err);

}  // namespace couverture::cli
