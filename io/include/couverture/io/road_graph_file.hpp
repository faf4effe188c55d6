#pragma once

#include <cstdint>
#include <filesystem>

#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// The `.cgraph` format: a 40-byte header (magic "CVGRAPH\0", format version,
// node and arc counts, payload size, CRC-32 of the payload) followed by the
// payload: profile and source strings, build stats, then every array of the
// RoadGraph raw, little-endian. Loading is a handful of freads, far faster
// than reading the OSM extract again.
inline constexpr std::uint32_t kRoadGraphFileVersion = 1;

// Writes through a temporary file renamed into place; refuses an existing
// `path` unless `overwrite`. Throws DataError naming the file.
void save_road_graph(const RoadGraph& road, const std::filesystem::path& path, bool overwrite);

// Throws DataError naming the file and the fix (rebuild it with `couverture
// network build`) when it is missing, of another format version, truncated or
// corrupted (checksum mismatch).
RoadGraph load_road_graph(const std::filesystem::path& path);

}  // namespace couverture
