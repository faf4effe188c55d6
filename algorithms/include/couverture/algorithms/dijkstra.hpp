#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/algorithms/radix_heap.hpp"

namespace couverture {

// A start of a search: `node` is reached at `distance` (e.g. the time from
// the node to a facility lying inside one of its arcs).
struct DijkstraSeed {
  NodeId node;
  Millis distance;
};

// One-to-all and many-source shortest paths on a CsrGraph with integer
// weights, the production kernel. One object serves any number of queries on
// graphs of the same node count: labels carry a run stamp instead of being
// cleared, so a bounded query costs what it settles, not the graph size.
//
// Ties between seeds are decided lexicographically on (distance, seed index):
// `source(v)` is the smallest index among the seeds nearest to v, whatever
// the heap's pop order (zero-weight arcs included).
class Dijkstra {
 public:
  explicit Dijkstra(std::size_t node_count);

  // Settles every node whose distance from the seeds is <= `limit`; nodes
  // beyond it read as unreached. Seeds beyond the limit are ignored. Throws
  // std::invalid_argument when the graph's node count differs from the
  // constructor's or a seed names no node.
  void run(const CsrGraph& graph, std::span<const DijkstraSeed> seeds, Millis limit = kUnreachable);

  // Results of the last run.
  [[nodiscard]] Millis distance(NodeId v) const {
    return labels_[v].stamp == settled_stamp_ ? labels_[v].distance : kUnreachable;
  }
  // Index into the seeds of the nearest seed, kInvalidId when unreached.
  [[nodiscard]] std::uint32_t source(NodeId v) const {
    return labels_[v].stamp == settled_stamp_ ? labels_[v].source : kInvalidId;
  }
  [[nodiscard]] bool reached(NodeId v) const { return labels_[v].stamp == settled_stamp_; }
  // Settled nodes in non-decreasing distance order.
  [[nodiscard]] std::span<const NodeId> settled() const { return settled_; }
  [[nodiscard]] std::size_t node_count() const { return labels_.size(); }

 private:
  // Everything a relaxation reads or writes about the head node, in one
  // 12-byte record: one cache miss per arc rather than three.
  struct Label {
    Millis distance;
    std::uint32_t source;
    std::uint32_t stamp;  // touched_stamp_ or settled_stamp_ in the current run
  };

  // Returns the distance bound (limit, below kUnreachable) after checking
  // the graph and seeding.
  std::uint64_t start_run(std::size_t graph_node_count, std::span<const DijkstraSeed> seeds,
                          Millis limit);
  template <typename ArcsOf>
  void search(std::uint64_t bound, ArcsOf arcs_of);

  std::vector<Label> labels_;
  std::vector<NodeId> settled_;
  RadixHeap heap_;
  std::uint32_t touched_stamp_ = 0;
  std::uint32_t settled_stamp_ = 1;
};

}  // namespace couverture
