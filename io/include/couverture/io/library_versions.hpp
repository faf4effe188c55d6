#pragma once

#include <string>
#include <vector>

namespace couverture {

// A library Couverture reads and computes with, and the version it runs
// with (the shared library's own where it reports one, so a bug report
// names what was actually loaded).
struct LibraryVersion {
  std::string name;     // "GDAL", "GEOS", "PROJ", "Boost", "libosmium"
  std::string version;  // e.g. "3.6.2"
};

// GDAL, GEOS, PROJ, Boost and libosmium, in that order. Boost and
// libosmium are header-only here: theirs are the versions compiled in.
std::vector<LibraryVersion> library_versions();

}  // namespace couverture
