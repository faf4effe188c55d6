#pragma once

#include <vector>

#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/road_graph.hpp"
#include "couverture/io/scenario.hpp"

namespace couverture::pipeline {

// The network may cover less of the communes' extent than this share: a
// road extract clipped at a border still covers most of its communes, one
// of another area covers next to nothing of them.
constexpr double kMinNetworkCoverShare = 0.10;

// Refuses a road network of another area than the communes: the share of
// the communes' bounding box that lies within the network's bounding box,
// grown by [network] max_snap_distance_m (the farthest a home may be from
// a road), is below kMinNetworkCoverShare. Without it such a run goes to
// the end with absurd times (hundreds of thousands of minutes) and only
// warnings. DataError naming both files, their extents and the fix.
void check_network_covers_communes(const RoadGraph& roads, const std::vector<Commune>& communes,
                                   const Scenario& scenario);

}  // namespace couverture::pipeline
