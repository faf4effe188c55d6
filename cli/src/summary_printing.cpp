#include "summary_printing.hpp"

#include <iostream>

namespace couverture::cli {

void print_warnings(const std::vector<std::string>& warnings, const GlobalOptions& global) {
  if (global.quiet) return;
  for (const std::string& warning : warnings) {
    std::cerr << "couverture: warning: " << warning << '\n';
  }
}

void print_summary(const std::vector<std::string>& warnings, const GlobalOptions& global,
                   const std::function<nlohmann::json()>& json,
                   const std::function<void(std::FILE*)>& text) {
  print_warnings(warnings, global);
  if (global.json) {
    std::cout << json().dump(2) << '\n';
  } else if (!global.quiet) {
    text(stdout);
  }
}

}  // namespace couverture::cli
