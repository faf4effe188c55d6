#pragma once

#include <span>
#include <string>
#include <vector>

#include "couverture/geodata/facility.hpp"
#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/scenario_change.hpp"

namespace couverture {

// The variant's facilities: the baseline's without the removed ones, with
// the new capacities, then the added ones appended (in that order, the
// others keeping theirs). Removing an id and adding it back moves the
// facility. Throws DataError naming the id when a removed or re-capacitated
// id is not among the facilities (after the removals), when an added id
// already is (or is added twice), or when a capacity is negative or not a
// number.
std::vector<Facility> apply_facility_changes(std::span<const Facility> facilities,
                                             const ScenarioChanges& changes);

// The variant's road graph: the arcs of closed ways are gone (both
// directions), those of a way given a speed weigh length / speed (ms,
// rounded and at least 1 ms as the OSM reader does; the speed replaces the
// profile's, slope factors included). The CSR graph is rebuilt with every
// per-arc array kept aligned; nodes, their ids and positions, the detached
// segments and the build statistics are the baseline's. Nodes left without
// arcs stay (no point snaps to them).
//
// Closing roads can cut part of the network off: when nodes that were in the
// largest strongly connected component and still carry an open road no
// longer are (they cannot reach it or be reached from it), one warning says
// how many, since demand points or facilities snapped there become
// unreachable. They are kept, not dropped.
//
// Throws DataError naming the way when a way id has no arc in the graph
// ("not a road of this network"), when a speed is not positive and finite,
// when a way is both closed and given a speed, or given two speeds.
RoadGraph apply_road_changes(const RoadGraph& roads, const ScenarioChanges& changes,
                             std::vector<std::string>& warnings);

}  // namespace couverture
