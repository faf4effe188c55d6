#pragma once

#include <filesystem>

#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// Refuses a graph loaded for a scenario (.cgraph) that passed its checksum
// and structure checks yet holds what no `couverture network build` writes: no roads,
// positions that are not longitudes and latitudes, lengths that are not
// finite non-negative metres. Without it the kernels fail later with
// messages of their own that name no file. DataError naming `path` and the
// fix (rebuild the graph).
void check_road_graph_content(const RoadGraph& road, const std::filesystem::path& path);

}  // namespace couverture
