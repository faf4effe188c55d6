// docs/scenario.md lists each option's accepted values on its key's line in
// the example scenario; they must be those of the option's name table,
// which the reader, the command line and the outputs use.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "couverture/io/scenario.hpp"

namespace couverture {
namespace {

// The first line of the docs starting with `key = ` (the example scenario).
std::string documented_line(const std::string& key) {
  std::ifstream docs(std::string(COUVERTURE_SOURCE_DIR) + "/docs/scenario.md");
  std::string line;
  while (std::getline(docs, line)) {
    if (line.rfind(key + " = ", 0) == 0) return line;
  }
  return {};
}

void expect_documented(const std::string& key, const std::vector<std::string>& names) {
  const std::string line = documented_line(key);
  ASSERT_FALSE(line.empty()) << key << " is not in docs/scenario.md";
  for (const std::string& name : names) {
    EXPECT_NE(line.find(name), std::string::npos) << key << ": '" << name << "' missing in\n"
                                                  << line;
  }
}

TEST(ScenarioDocs, EveryOptionListsTheValuesOfItsNameTable) {
  expect_documented("profile", names_in(kTravelProfileNames));
  expect_documented("direction", names_in(kTravelDirectionNames));
  expect_documented("form", names_in(kContourFormNames));
  expect_documented("source", names_in(kDemandSourceChoiceNames));
  expect_documented("decay", names_in(kDecayKindNames));
  expect_documented("measure", names_in(kEquityMeasureNames));
  expect_documented("objective", names_in(kSitePlanObjectiveNames));
  expect_documented("generate", names_in(kCandidateGeneratorNames));
  expect_documented("solver", names_in(kSiteSolverNames));
  expect_documented("rate", names_in(kTensionRateNames));
}

TEST(ScenarioDocs, TheBoundsAreDocumentedOnTheirKeys) {
  expect_documented("thresholds_minutes", {"1440"});
  expect_documented("catchment_minutes", {"at most 1440"});
  expect_documented("max_minutes", {"at most 1440"});
  expect_documented("demand_spacing_m", {"10 to 10000"});
  expect_documented("access_speed_kmh", {"0.5 to 50"});
  expect_documented("exact_size_limit", {"2e5"});
}

}  // namespace
}  // namespace couverture
