#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/engine/isochrone_quality.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "progress.hpp"

namespace couverture::cli {

struct RunOutcome;

// One isochrone polygon as written: a band (0–T) or a ring (T_prev–T), of
// one facility or dissolved over a service type.
struct IsochroneFeature {
  std::uint32_t facility = kInvalidId;  // input facility index; kInvalidId when dissolved
  std::string service_type;
  double from_minutes = 0.0;  // 0 for a band, the previous threshold for a ring
  double minutes = 0.0;
  GeosGeometry area;  // WGS84
  double area_km2 = 0.0;
  double population = 0.0;  // demand points inside the polygon
  // Demand points whose travel time (access walk included) lies in the band:
  // what the coverage tables count. It exceeds `population` where people
  // live farther from a road than the polygon's off-road reach.
  double population_reached = 0.0;
  IsochroneQuality quality;  // of the facility's band T (per-facility features)
};

struct IsochroneOutcome {
  bool computed = false;
  std::vector<double> thresholds_minutes;
  std::vector<IsochroneFeature> per_facility;  // by facility, then threshold
  std::vector<IsochroneFeature> by_service;    // by service type, then threshold
  // Over every per-facility band: how many were checked and how many keep
  // all four guarantees; the worst share of far-unreachable points inside.
  std::size_t bands_checked = 0;
  std::size_t bands_with_guarantees = 0;
  double max_far_share_inside = 0.0;
  double mean_far_share_inside = 0.0;
};

// Builds the scenario's isochrones around every facility (in the
// scenario's direction), checks every band, makes rings when asked,
// dissolves by service type and counts the population inside each polygon.
IsochroneOutcome compute_isochrones(const RunOutcome& outcome, Progress& progress);

}  // namespace couverture::cli
