#include "couverture/io/library_versions.hpp"

#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

#include <boost/version.hpp>
#include <osmium/version.hpp>

namespace couverture {

namespace {

// BOOST_VERSION is major * 100000 + minor * 100 + patch.
std::string boost_version() {
  return std::to_string(BOOST_VERSION / 100000) + '.' + std::to_string(BOOST_VERSION / 100 % 1000) +
         '.' + std::to_string(BOOST_VERSION % 100);
}

}  // namespace

std::vector<LibraryVersion> library_versions() {
  return {{"GDAL", GDALVersionInfo("RELEASE_NAME")},
          {"GEOS", GEOSversion()},
          {"PROJ", proj_info().version},
          {"Boost", boost_version()},
          {"libosmium", LIBOSMIUM_VERSION_STRING}};
}

}  // namespace couverture
