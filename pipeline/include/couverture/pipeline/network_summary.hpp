#pragma once

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "couverture/geodata/road_graph.hpp"

namespace couverture::pipeline {

// What `couverture network build` and `info` say of the graph saved in
// `file`: its source and profile, nodes, arcs and components, the extent of
// its nodes and its road length (two-way roads once) by road class.
void write_network_summary(const RoadGraph& road, const std::filesystem::path& file,
                           std::FILE* out);

// The same for --json.
[[nodiscard]] nlohmann::json network_summary_json(const RoadGraph& road,
                                                  const std::filesystem::path& file);

}  // namespace couverture::pipeline
