#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "couverture/algorithms/bucket_queue.hpp"
#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/algorithms/radix_heap.hpp"
#include "couverture/algorithms/search_graph.hpp"

namespace couverture {

// A start of a search: `node` is reached at `distance` (e.g. the time from
// the node to a facility lying inside one of its arcs).
struct DijkstraSeed {
  NodeId node;
  Millis distance;
};

// One-to-all and many-source shortest paths on a graph with integer weights,
// the production kernel. One object serves any number of queries on graphs of
// the same node count. A run resets only the labels the previous run set (the
// settled list names them all: a search stops when its queue is empty, and
// only distances within the limit are ever written), so a bounded query costs
// what it settles, not the graph size.
//
// Two graph forms: a SearchGraph (arcs as (head, weight) records, searched
// with a bucket queue sized by its long_arc_weight), the fast one to build
// once and keep; and a CsrGraph (radix heap), for callers holding only that.
// A single-seed run keeps one 4-byte distance per node; a many-seed run keeps
// (distance, seed index) side by side.
//
// Ties between seeds are decided lexicographically on (distance, seed index):
// `source(v)` is the smallest index among the seeds nearest to v, whatever
// the queue's pop order (zero-weight arcs included).
class Dijkstra {
 public:
  // Throws std::invalid_argument beyond 2^31 nodes (a queue entry keeps one
  // bit of the node id as a flag).
  explicit Dijkstra(std::size_t node_count);

  // Settles every node whose distance from the seeds is <= `limit`; nodes
  // beyond it read as unreached. Seeds beyond the limit are ignored. Throws
  // std::invalid_argument when the graph's node count differs from the
  // constructor's or a seed names no node; the previous results then stand.
  void run(const SearchGraph& graph, std::span<const DijkstraSeed> seeds,
           Millis limit = kUnreachable);
  void run(const CsrGraph& graph, std::span<const DijkstraSeed> seeds, Millis limit = kUnreachable);

  // Results of the last run.
  [[nodiscard]] Millis distance(NodeId v) const {
    return many_seeds_ ? sourced_[v].distance : distance_[v];
  }
  // Index into the seeds of the nearest seed, kInvalidId when unreached.
  [[nodiscard]] std::uint32_t source(NodeId v) const {
    if (!reached(v)) return kInvalidId;
    return many_seeds_ ? sourced_[v].source : 0;
  }
  [[nodiscard]] bool reached(NodeId v) const { return distance(v) != kUnreachable; }
  // Settled nodes in non-decreasing distance order.
  [[nodiscard]] std::span<const NodeId> settled() const { return settled_; }
  [[nodiscard]] std::size_t node_count() const { return distance_.size(); }

 private:
  // What a many-seed relaxation reads and writes about the head node, in one
  // record: one cache miss per arc rather than two.
  struct SourcedLabel {
    Millis distance;
    std::uint32_t source;
  };

  // Checks the graph and the seeds, forgets the previous run, seeds the
  // queue; returns the distance bound (limit, below kUnreachable).
  template <typename Queue>
  std::uint64_t start_run(std::size_t graph_node_count, std::span<const DijkstraSeed> seeds,
                          Millis limit, Queue& queue);
  template <typename Queue, typename ArcsOf>
  void search(std::uint64_t bound, Queue& queue, ArcsOf arcs_of);

  std::vector<Millis> distance_;       // by node, single-seed runs
  std::vector<SourcedLabel> sourced_;  // by node, many-seed runs (allocated on first use)
  bool many_seeds_ = false;            // which of the two the last run used
  std::vector<NodeId> settled_;
  RadixHeap radix_heap_;
  BucketQueue bucket_queue_{0};
};

}  // namespace couverture
