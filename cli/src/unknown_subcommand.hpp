#pragma once

#include <CLI/CLI.hpp>
#include <ostream>

namespace couverture::cli {

// When a word of the command line stands where a subcommand is expected and
// names none (`couverture rnu`, `couverture network biuld`), prints one line
// naming it and listing the subcommands there, and returns true; false
// otherwise (the parse error is then CLI11's own).
bool report_unknown_subcommand(const CLI::App& app, int argc, const char* const* argv,
                               std::ostream& err);

}  // namespace couverture::cli
