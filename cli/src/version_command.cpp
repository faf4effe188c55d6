#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

#include <boost/version.hpp>
#include <iostream>
#include <osmium/version.hpp>
#include <sstream>

#include "command.hpp"

namespace couverture::cli {

std::string version_text() {
  std::ostringstream text;
  const PJ_INFO proj = proj_info();
  text << "couverture " << COUVERTURE_VERSION << '\n'
       << "GDAL " << GDALVersionInfo("RELEASE_NAME") << '\n'
       << "GEOS " << GEOSversion() << '\n'
       << "PROJ " << proj.version << '\n'
       << "Boost " << BOOST_VERSION / 100000 << '.' << BOOST_VERSION / 100 % 1000 << '.'
       << BOOST_VERSION % 100 << '\n'
       << "libosmium " << LIBOSMIUM_VERSION_STRING;
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
