#include "query_timing.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>

#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/geodata/data_error.hpp"

namespace couverture::bench {

namespace {

void write_distances(const Dijkstra& dijkstra, const std::filesystem::path& file) {
  std::vector<Millis> distance(dijkstra.node_count());
  for (NodeId v = 0; v < distance.size(); ++v) distance[v] = dijkstra.distance(v);
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(distance.data()),
            static_cast<std::streamsize>(distance.size() * sizeof(Millis)));
  if (!out) throw DataError(file.string() + ": write failed; check the folder and free space");
}

QueryTiming time_one(Dijkstra& dijkstra, const CsrGraph& graph, NodeId source, Millis limit,
                     int repeats) {
  using Clock = std::chrono::steady_clock;
  const DijkstraSeed seed{source, 0};
  QueryTiming timing{source, 0.0, 0};
  for (int r = 0; r < std::max(repeats, 1); ++r) {
    const auto start = Clock::now();
    dijkstra.run(graph, {&seed, 1}, limit);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    timing.best_ms = r == 0 ? ms : std::min(timing.best_ms, ms);
  }
  timing.settled = dijkstra.settled().size();
  return timing;
}

}  // namespace

QueryTimings time_queries(const CsrGraph& graph, std::span<const NodeId> sources, Millis limit_ms,
                          int repeats, const std::filesystem::path& distance_folder) {
  for (NodeId source : sources) {
    if (source >= graph.node_count()) {
      throw DataError("source " + std::to_string(source) + " is not a node of the graph (" +
                      std::to_string(graph.node_count()) + " nodes); pick ids below that");
    }
  }
  Dijkstra dijkstra(graph.node_count());
  QueryTimings timings;
  for (NodeId source : sources) {
    timings.full.push_back(time_one(dijkstra, graph, source, kUnreachable, repeats));
    if (!distance_folder.empty()) {
      write_distances(dijkstra, distance_folder / ("full-" + std::to_string(source) + ".u32"));
    }
    timings.bounded.push_back(time_one(dijkstra, graph, source, limit_ms, repeats));
    if (!distance_folder.empty()) {
      write_distances(dijkstra, distance_folder / ("bounded-" + std::to_string(source) + ".u32"));
    }
  }
  return timings;
}

}  // namespace couverture::bench
