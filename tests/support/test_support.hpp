#pragma once

#include <filesystem>
#include <string>

namespace couverture::testing {

// Path of a file in ../shared/data, or an empty path when the shared data is
// absent (callers then GTEST_SKIP with a message).
std::filesystem::path shared_data(const std::string& relative);

// A fresh, empty directory under the system temp dir, removed by the caller.
std::filesystem::path make_temp_dir(const std::string& prefix);

// The smallest valid scenario: communes, CSV facilities and the road
// network named, every other key left to its default (files need not exist
// to be read as a scenario).
inline constexpr const char* kMinimalScenarioToml = R"(name = "minimal"
[communes]
path = "communes.gpkg"
code_field = "code_insee"
name_field = "nom"
population_field = "population"

[facilities]
path = "facilities.csv"
x_field = "x"
y_field = "y"
crs = "EPSG:4326"
id_field = "id"
name_field = "name"
type_field = "type"

[network]
path = "roads.osm.pbf"
)";

// Runs a shell command, returns its exit code; stdout+stderr go to `output`.
int run_command(const std::string& command, std::string& output);

}  // namespace couverture::testing

// Skips the current test when a shared data file is missing.
#define COUVERTURE_REQUIRE_SHARED(var, relative)                                  \
  const std::filesystem::path var = ::couverture::testing::shared_data(relative); \
  if (var.empty()) GTEST_SKIP() << "shared data absent: ../shared/data/" << (relative)
