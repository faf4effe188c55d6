#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "couverture/algorithms/group_accessibility.hpp"
#include "couverture/engine/demand_model.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/demand_point.hpp"
#include "couverture/geodata/facility.hpp"
#include "couverture/geodata/network_access.hpp"
#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/scenario_defaults.hpp"
#include "couverture/geodata/travel_direction.hpp"
#include "couverture/geodata/travel_thresholds.hpp"

namespace couverture {

struct CoverageParameters {
  std::vector<double> thresholds_minutes = kDefaultThresholdsMinutes;
  NetworkAccess network;  // how points join the roads, which way trips run
  double demand_spacing_m = kDefaultDemandSpacingM;
  // Refuse a regular demand grid whose nodes could exceed this (estimated
  // from the communes' envelopes before any is placed): 10 million points
  // take several GB once snapped and timed; all of mainland France at the
  // default 400 m is about 3.5 million.
  std::size_t max_demand_grid_points = 10'000'000;
  // Which population source places the demand (automatic: the most precise
  // one each commune has) and the buildings' cell size; the regular grid's
  // spacing is demand_spacing_m.
  DemandSourceChoice demand_source = DemandSourceChoice::automatic;
  double building_cell_m = kDefaultBuildingCellM;
};

// How one service type is reached from every demand point.
struct ServiceCoverage {
  std::string service_type;
  std::vector<std::uint32_t> facilities;      // indices into the input facilities
  std::vector<double> demand_minutes;         // per demand point; +inf when unreachable
  std::vector<std::uint32_t> demand_nearest;  // input facility index, kInvalidId if none
  std::vector<GroupAccessibility> by_commune;
  GroupAccessibility overall;
};

struct CoverageResult {
  std::vector<DemandPoint> demand;
  std::vector<DemandSource> demand_source_by_commune;  // how each commune's points were placed
  // The bands each commune's points add up to (its own, or the population
  // grid's age structure where its bands were only estimated).
  std::vector<BandPopulation> bands_by_commune;
  std::vector<std::uint32_t> communes_aged_by_grid;
  std::vector<NetworkPosition> facility_positions;  // per input facility
  std::vector<std::uint32_t> facility_commune;      // commune index per input facility
  std::vector<NetworkPosition> demand_positions;    // per demand point
  std::vector<ServiceCoverage> services;            // one per service type, sorted by name
  std::vector<std::string> warnings;
};

// Called at the start of each stage, for progress reporting.
using StageCallback = std::function<void(const std::string& stage)>;

// The coverage use case: spreads the population over demand points, snaps
// facilities and demand to the network and computes, for every service type,
// the travel time between each demand point and its nearest facility in the
// parameters' direction (by default families travel to the service), then
// summarises it per commune and overall.
//
// Warnings (kept points, said plainly): facilities farther than
// max_snap_distance_m from their road, listed by id and name; demand points
// that far, counted per commune; and the points whose nearest road is a
// detached piece of network, joined to the main network instead (facilities
// listed, demand points counted per commune). Far points keep their place:
// their times include the long walk to the road.
// The demand points come from build_demand over `sources` (where people
// live: population grid, buildings, residential land use; the regular grid
// where none covers a commune), so the communes' age bands must add up to
// their population (assign_age_bands). Without sources (the first form)
// every commune is spread on the regular grid, bands shared evenly.
// Throws DataError when a facility lies outside every commune (usually a CRS
// or x/y mistake); std::invalid_argument when the demand grid would exceed
// max_demand_grid_points (naming the count, the limit and the fix) or the
// thresholds are not usable (threshold_problem).
CoverageResult analyse_coverage(const RoadGraph& roads, std::span<const Commune> communes,
                                std::span<const Facility> facilities,
                                const CoverageParameters& parameters,
                                const StageCallback& on_stage = {});
CoverageResult analyse_coverage(const RoadGraph& roads, std::span<const Commune> communes,
                                std::span<const Facility> facilities,
                                const PopulationSources& sources,
                                const CoverageParameters& parameters,
                                const StageCallback& on_stage = {});

}  // namespace couverture
