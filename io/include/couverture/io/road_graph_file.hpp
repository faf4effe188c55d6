#pragma once

#include <cstdint>
#include <filesystem>

#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// The `.cgraph` format: a 40-byte header (magic "CVGRAPH\0", format version,
// node and arc counts, payload size, CRC-32 of the payload) followed by the
// payload: profile and source strings, whether the times are slope-aware
// (one byte, 0 or 1), build stats, then every array of the
// RoadGraph raw, little-endian, ending with the detached segments (their
// count, end positions and classes). Loading is a handful of freads, far
// faster than reading the OSM extract again.
//
// Version 2 added the detached segments, version 3 the slope-aware byte
// (before, only the source text said so); files of other versions are
// refused with a message asking for a rebuild.
inline constexpr std::uint32_t kRoadGraphFileVersion = 3;

// Writes through a temporary file renamed into place; refuses an existing
// `path` unless `overwrite`. Throws DataError naming the file.
void save_road_graph(const RoadGraph& road, const std::filesystem::path& path, bool overwrite);

// Throws DataError naming the file and the fix (rebuild it with `couverture
// network build`) when it is missing, of another format version, truncated or
// corrupted (checksum mismatch).
RoadGraph load_road_graph(const std::filesystem::path& path);

}  // namespace couverture
