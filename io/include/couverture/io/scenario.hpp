#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "couverture/geodata/travel_direction.hpp"
#include "couverture/io/commune_reader.hpp"
#include "couverture/io/facility_reader.hpp"

namespace couverture {

struct NetworkSource {
  std::filesystem::path path;  // an OSM PBF, or a graph saved by `network build`
  std::string profile = "car";
  double access_speed_kmh = 4.5;  // the walk between a point and its road
  double max_snap_distance_m = 1000.0;
  // Key `direction`: "to_facility" (homes to the service) or "from_facility".
  TravelDirection direction = TravelDirection::to_facility;
  // Key `dem`: an elevation raster GDAL reads (SRTM .hgt, .hgt.zip,
  // GeoTIFF...) that makes walk and bike times depend on slope; empty = flat.
  // Nothing changes for a car.
  std::filesystem::path dem;
  // Table [network.speeds]: road class name (to_string(RoadClass)) -> km/h
  // replacing the profile's speed; 0 excludes the class.
  std::map<std::string, double> speeds_kmh;
  // Table [network.access]: access values (private, destination...) the
  // profile should accept (`permit`) or treat as closed (`forbid`).
  std::vector<std::string> access_permit;
  std::vector<std::string> access_forbid;
};

// Table [isochrones]: the areas reachable within each threshold.
struct IsochroneSettings {
  bool enabled = true;           // `couverture run` writes isochrone layers too
  std::string form = "bands";    // "bands" (0–T, nested) or "rings" (T_prev–T, disjoint)
  bool per_facility = true;      // one polygon per facility and threshold
  bool by_service = true;        // one dissolved polygon per service type and threshold
  double max_offroad_m = 150.0;  // cap on how far off the road an isochrone reaches (> 0)
  std::vector<double> thresholds_minutes;  // empty: analysis.thresholds_minutes
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
  IsochroneSettings isochrones;
  OutputSettings output;
};

// Reads and checks a scenario; throws DataError naming the file, the key and
// its line for a missing, mistyped, misspelled or unknown key.
Scenario read_scenario(const std::filesystem::path& file);

// The TOML text of a scenario, with paths written relative to `folder` (the
// scenario file's folder), so the folder can be moved and re-run.
std::string scenario_to_toml(const Scenario& scenario, const std::filesystem::path& folder);

}  // namespace couverture
