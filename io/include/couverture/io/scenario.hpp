#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "couverture/io/commune_reader.hpp"
#include "couverture/io/facility_reader.hpp"

namespace couverture {

struct NetworkSource {
  std::filesystem::path path;  // an OSM PBF, or a graph saved by `network build`
  std::string profile = "car";
  double access_speed_kmh = 4.5;  // the walk between a point and its road
  double max_snap_distance_m = 1000.0;
};

struct AnalysisSettings {
  std::vector<double> thresholds_minutes = {5, 10, 15, 20};
  double demand_spacing_m = 400.0;
};

struct OutputSettings {
  std::filesystem::path path = "couverture.gpkg";
  std::string crs = "EPSG:2154";  // RGF93 / Lambert-93, mainland France
};

// A coverage scenario as read from a TOML file (format: docs/scenario.md).
// Paths are absolute once read: relative ones are resolved against the
// scenario file's folder.
struct Scenario {
  std::filesystem::path file;
  std::string name;
  std::string note;  // free text carried to run_info, e.g. "synthetic roads"
  CommuneSource communes;
  FacilitySource facilities;
  NetworkSource network;
  AnalysisSettings analysis;
  OutputSettings output;
};

// Reads and checks a scenario; throws DataError naming the file, the key and
// its line for a missing, mistyped, misspelled or unknown key.
Scenario read_scenario(const std::filesystem::path& file);

// The TOML text of a scenario, with paths written relative to `folder` (the
// scenario file's folder), so the folder can be moved and re-run.
std::string scenario_to_toml(const Scenario& scenario, const std::filesystem::path& folder);

}  // namespace couverture
