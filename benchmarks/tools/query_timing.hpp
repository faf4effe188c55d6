#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"

namespace couverture::bench {

// Our kernel's time for one source, one kind of query (full tree or bounded).
struct QueryTiming {
  NodeId source = 0;
  double best_ms = 0.0;     // fastest of the repeats
  std::size_t settled = 0;  // nodes within the limit
};

struct QueryTimings {
  std::vector<QueryTiming> full;
  std::vector<QueryTiming> bounded;
};

// Times the production Dijkstra from each source: a one-to-all tree, then a
// search bounded at `limit_ms`, `repeats` times each (best kept), on one
// reused Dijkstra object as the engine uses it. When `distance_folder` is not
// empty, writes there `full-<source>.u32` and `bounded-<source>.u32`: one
// little-endian uint32 per node, in ms, 4294967295 when unreached, for the
// peers' agreement check. Throws DataError for a source outside the graph.
QueryTimings time_queries(const CsrGraph& graph, std::span<const NodeId> sources, Millis limit_ms,
                          int repeats, const std::filesystem::path& distance_folder);

}  // namespace couverture::bench
