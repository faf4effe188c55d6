#pragma once

#include <filesystem>

#include "couverture/algorithms/csr_graph.hpp"

namespace couverture::bench {

// The graph every peer reads, as CSV: `id,source,target,cost,reverse_cost`,
// one line per arc of the engine's graph, node ids = engine NodeIds, cost =
// the engine's arc weight in integer milliseconds, reverse_cost = -1 (each
// direction is its own line, as pgRouting's directed mode expects).
void write_edge_list(const CsrGraph& graph, const std::filesystem::path& csv);

// Reads an edge list written by write_edge_list back into a CSR graph whose
// node count is one more than the largest node id. Throws DataError naming
// the file and line for a malformed line or a weight that is not a whole
// number of milliseconds.
CsrGraph read_edge_list(const std::filesystem::path& csv);

}  // namespace couverture::bench
