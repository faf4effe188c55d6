#include "couverture/io/library_versions.hpp"

#include <gdal_version.h>
#include <geos_c.h>
#include <gtest/gtest.h>
#include <proj.h>

#include <cstdio>
#include <osmium/version.hpp>
#include <string>

namespace couverture {
namespace {

// The versions compiled against, from each library's own header: the
// shared libraries loaded at run time are those (one Debian package each).
TEST(LibraryVersions, NamesTheFiveLibrariesInOrderWithTheirVersions) {
  const auto versions = library_versions();
  ASSERT_EQ(versions.size(), 5u);
  EXPECT_EQ(versions[0].name, "GDAL");
  EXPECT_EQ(versions[0].version, GDAL_RELEASE_NAME);
  EXPECT_EQ(versions[1].name, "GEOS");
  EXPECT_EQ(versions[1].version, GEOS_CAPI_VERSION);
  EXPECT_EQ(versions[2].name, "PROJ");
  EXPECT_EQ(versions[2].version, std::to_string(PROJ_VERSION_MAJOR) + '.' +
                                     std::to_string(PROJ_VERSION_MINOR) + '.' +
                                     std::to_string(PROJ_VERSION_PATCH));
  EXPECT_EQ(versions[3].name, "Boost");
  // Boost 1.74 is the oldest the build accepts (CouvertureDependencies.cmake).
  int major = 0;
  int minor = 0;
  int patch = 0;
  char rest = 0;
  ASSERT_EQ(std::sscanf(versions[3].version.c_str(), "%d.%d.%d%c", &major, &minor, &patch, &rest),
            3)
      << versions[3].version;
  EXPECT_EQ(major, 1);
  EXPECT_GE(minor, 74);
  EXPECT_EQ(versions[4].name, "libosmium");
  EXPECT_EQ(versions[4].version, LIBOSMIUM_VERSION_STRING);
}

}  // namespace
}  // namespace couverture
