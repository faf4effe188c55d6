#include "couverture/pipeline/version_text.hpp"

#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

#include <boost/version.hpp>
#include <osmium/version.hpp>
#include <sstream>

namespace couverture::pipeline {

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

}  // namespace couverture::pipeline
