#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/slope_model.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/scenario.hpp"

namespace couverture {

// The built-in profile `source.profile` with the scenario's overrides:
// [network.speeds] (class name -> km/h, 0 closes) and [network.access]
// (permit / forbid access values). Throws DataError naming the setting for an
// unknown profile, class name or refused access value.
TravelProfile network_profile(const NetworkSource& source);

// Rescales the walk or bike times of `roads` by the slopes read from `dem`
// (see slope_model.hpp); a car graph is left as it is. Appends to `warnings`
// the number of nodes without elevation (outside the raster, nodata), whose
// arcs keep their flat times, and marks `roads.source_description` so that a
// saved graph is known to carry slopes. Throws DataError naming the DEM.
SlopeAdjustment apply_dem(RoadGraph& roads, const std::filesystem::path& dem,
                          std::vector<std::string>& warnings);

// Whether `roads` already carries slope-aware times (apply_dem was run).
bool has_slopes(const RoadGraph& roads);

// The road graph of a scenario's [network]: read from an OSM extract with
// network_profile(source), or loaded from a `.cgraph` saved by `couverture
// network build`; then apply_dem when `source.dem` is set. A `.cgraph`
// already holds its speeds, access rules and slopes, so it is refused
// (DataError telling to rebuild it from the PBF) when it was built for
// another profile, when the scenario gives speed or access overrides, or
// when it carries slopes and the scenario gives a DEM again. Warnings (nodes
// without elevation, a DEM given for a car) are appended to `warnings`.
RoadGraph load_network(const NetworkSource& source, std::vector<std::string>& warnings);

}  // namespace couverture
