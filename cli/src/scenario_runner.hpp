#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/io/scenario.hpp"
#include "progress.hpp"

namespace couverture::cli {

// Everything a finished run knows, for the summary (text or JSON).
struct RunOutcome {
  Scenario scenario;
  std::filesystem::path output;
  std::vector<Commune> communes;
  std::vector<Facility> facilities;
  RoadGraph roads;
  CoverageResult coverage;
  std::vector<std::string> warnings;
  std::vector<std::pair<std::string, double>> timings;
  double total_seconds = 0.0;
};

// Reads the scenario's inputs, runs the coverage analysis and writes the
// GeoPackage (atomically) to `output`.
RunOutcome run_scenario(const Scenario& scenario, const std::filesystem::path& output,
                        bool overwrite, Progress& progress);

}  // namespace couverture::cli
