#pragma once

#include <filesystem>

#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/travel_profile.hpp"

namespace couverture {

// Builds the road graph of `profile` from an OSM extract (.osm.pbf, or OSM
// XML .osm / .osm.gz / .osm.bz2). Every segment of a routable way becomes an
// arc (two when the way is two-way), weighted by its travel time in integer
// milliseconds (at least 1); only the largest strongly connected component is
// kept, and what was dropped is reported in `build_stats`; the geometry of the
// dropped segments is kept in `detached_segment_end`. Node ids follow
// OSM node ids in increasing order. Segments touching a node absent from the
// extract (a way cut at the extract's border) are skipped.
// Throws DataError naming the file: missing, empty, damaged or truncated, or
// holding no road routable by the profile.
RoadGraph read_road_graph(const std::filesystem::path& osm_file, const TravelProfile& profile);

}  // namespace couverture
