#pragma once

#include <filesystem>
#include <span>

#include "couverture/geodata/osm_records.hpp"

namespace couverture {

// Writes nodes and ways to an OSM PBF file (e.g. a synthetic territory, or a
// test fixture). Objects are written sorted by id, as PBF readers expect; an
// existing file is replaced atomically. Throws DataError naming the file.
void write_osm_pbf(const std::filesystem::path& path, std::span<const OsmNodeRecord> nodes,
                   std::span<const OsmWayRecord> ways);

}  // namespace couverture
