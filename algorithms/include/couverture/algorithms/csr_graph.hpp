#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace couverture {

using NodeId = std::uint32_t;
using ArcId = std::uint32_t;
// Travel times are integer milliseconds: exact comparisons between kernels,
// 49 days of range.
using Millis = std::uint32_t;

inline constexpr std::uint32_t kInvalidId = std::numeric_limits<std::uint32_t>::max();
inline constexpr Millis kUnreachable = std::numeric_limits<Millis>::max();

// A directed graph in compressed sparse row form: the arcs leaving node u are
// [first_out[u], first_out[u + 1]) in `head` and `weight`.
struct CsrGraph {
  std::vector<ArcId> first_out{0};
  std::vector<NodeId> head;
  std::vector<Millis> weight;

  [[nodiscard]] std::size_t node_count() const { return first_out.size() - 1; }
  [[nodiscard]] std::size_t arc_count() const { return head.size(); }
  [[nodiscard]] ArcId arcs_begin(NodeId u) const { return first_out[u]; }
  [[nodiscard]] ArcId arcs_end(NodeId u) const { return first_out[u + 1]; }
};

// One directed arc given as a triple; the input form of build_csr_graph.
struct ArcTriple {
  NodeId tail;
  NodeId head;
  Millis weight;
};

// Builds a CSR graph of `node_count` nodes. Arcs keep their relative input
// order within each tail (a stable counting sort); `arc_order`, when given,
// receives for each CSR arc the index of the input triple it came from.
CsrGraph build_csr_graph(std::size_t node_count, std::span<const ArcTriple> arcs,
                         std::vector<ArcId>* arc_order = nullptr);

// The transposed graph: arc u->v of weight w becomes v->u of weight w.
// `arc_order`, when given, receives for each reversed arc its forward arc id.
CsrGraph reverse_graph(const CsrGraph& graph, std::vector<ArcId>* arc_order = nullptr);

}  // namespace couverture
