#pragma once

#include <string>

namespace couverture::pipeline {

// couverture's version and those of the libraries it runs on, one
// "name version" per line (printed by `couverture version`, kept in run_info).
std::string version_text();

}  // namespace couverture::pipeline
