#include "couverture/pipeline/network_summary.hpp"

#include <array>
#include <cstdio>
#include <sstream>
#include <string>

#include "couverture/engine/network_statistics.hpp"
#include "couverture/geodata/road_class.hpp"

namespace couverture::pipeline {

namespace fs = std::filesystem;

namespace {

std::string format(const char* pattern, double value) {
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), pattern, value);
  return buffer.data();
}

}  // namespace

nlohmann::json network_summary_json(const RoadGraph& road, const fs::path& file) {
  const NetworkStatistics statistics = network_statistics(road);
  nlohmann::json by_class = nlohmann::json::object();
  for (std::size_t c = 0; c < kRoadClassCount; ++c) {
    const double km = statistics.road_km_by_class[c];
    if (km > 0.0) by_class[std::string(to_string(static_cast<RoadClass>(c)))] = km;
  }
  nlohmann::json bbox = nullptr;
  if (const auto& box = statistics.extent) {
    bbox = {{"min_lon", box->min_lon},
            {"min_lat", box->min_lat},
            {"max_lon", box->max_lon},
            {"max_lat", box->max_lat}};
  }
  return {{"file", file.string()},
          {"source", road.source_description},
          {"profile", road.profile},
          {"nodes", road.node_count()},
          {"arcs", road.arc_count()},
          {"components_kept", road.build_stats.components_kept},
          {"components_dropped", road.build_stats.components_dropped},
          {"nodes_dropped", road.build_stats.nodes_dropped},
          {"arcs_dropped", road.build_stats.arcs_dropped},
          {"bbox", bbox},
          {"road_km", statistics.road_km},
          {"road_km_by_class", by_class}};
}

void write_network_summary(const RoadGraph& road, const fs::path& file, std::FILE* out) {
  const nlohmann::json s = network_summary_json(road, file);
  std::ostringstream text;
  text << "graph       " << file.string() << '\n'
       << "source      " << road.source_description << '\n'
       << "profile     " << road.profile << '\n'
       << "nodes       " << road.node_count() << '\n'
       << "arcs        " << road.arc_count() << '\n'
       << "components  " << road.build_stats.components_kept << " kept, "
       << road.build_stats.components_dropped << " dropped (" << road.build_stats.nodes_dropped
       << " nodes, " << road.build_stats.arcs_dropped << " arcs dropped)\n";
  if (!s["bbox"].is_null()) {
    const auto& b = s["bbox"];
    text << "bbox        lon " << format("%.5f", b["min_lon"].get<double>()) << " .. "
         << format("%.5f", b["max_lon"].get<double>()) << ", lat "
         << format("%.5f", b["min_lat"].get<double>()) << " .. "
         << format("%.5f", b["max_lat"].get<double>()) << '\n';
  }
  text << "road length " << format("%.1f", s["road_km"].get<double>()) << " km\n";
  for (const auto& [name, km] : s["road_km_by_class"].items()) {
    text << "  " << name << std::string(name.size() < 16 ? 16 - name.size() : 1, ' ')
         << format("%10.1f", km.get<double>()) << " km\n";
  }
  std::fputs(text.str().c_str(), out);
}

}  // namespace couverture::pipeline
