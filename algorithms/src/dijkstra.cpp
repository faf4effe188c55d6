#include "couverture/algorithms/dijkstra.hpp"

#include <stdexcept>
#include <string>

namespace couverture {

Dijkstra::Dijkstra(std::size_t node_count) : labels_(node_count, Label{kUnreachable, 0, 0}) {
  settled_.reserve(node_count);
}

void Dijkstra::start_run() {
  // Stamps only grow, so a label from an older run always reads as untouched;
  // on wrap-around (after 2^31 runs) every stamp is cleared once.
  if (settled_stamp_ >= UINT32_MAX - 2) {
    for (Label& label : labels_) label.stamp = 0;
    settled_stamp_ = 1;
  }
  touched_stamp_ = settled_stamp_ + 1;
  settled_stamp_ += 2;
  settled_.clear();
  heap_.clear();
}

// The relaxation rule shared by seeds and arcs: a strictly shorter distance
// wins; an equal one wins when it comes from a smaller seed index. An equal
// distance can only meet an already settled node through a zero-weight arc;
// the node is then pushed again so that it passes the better index on.
inline void Dijkstra::reach(NodeId v, Millis distance, std::uint32_t source) {
  Label& label = labels_[v];
  if (label.stamp < touched_stamp_) {
    label = {distance, source, touched_stamp_};
    heap_.push(distance, v);
  } else if (distance < label.distance) {
    label.distance = distance;
    label.source = source;
    heap_.push(distance, v);
  } else if (distance == label.distance && source < label.source) {
    label.source = source;
    if (label.stamp == settled_stamp_) heap_.push(distance, v);
  }
}

void Dijkstra::run(const CsrGraph& graph, std::span<const DijkstraSeed> seeds, Millis limit) {
  if (graph.node_count() != labels_.size()) {
    throw std::invalid_argument("Dijkstra: graph has " + std::to_string(graph.node_count()) +
                                " nodes, the search state " + std::to_string(labels_.size()));
  }
  start_run();
  // kUnreachable is a marker, never a distance.
  const std::uint64_t bound = limit < kUnreachable ? limit : kUnreachable - 1;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    if (seeds[i].node >= labels_.size()) {
      throw std::invalid_argument("Dijkstra: seed " + std::to_string(i) + " names node " +
                                  std::to_string(seeds[i].node) + " of a graph of " +
                                  std::to_string(labels_.size()));
    }
    if (seeds[i].distance <= bound) {
      reach(seeds[i].node, seeds[i].distance, static_cast<std::uint32_t>(i));
    }
  }

  const ArcId* const first_out = graph.first_out.data();
  const NodeId* const head = graph.head.data();
  const Millis* const weight = graph.weight.data();
  while (!heap_.empty()) {
    const RadixHeap::Entry top = heap_.pop();
    const NodeId u = top.value;
    Label& label = labels_[u];
    if (top.key != label.distance) continue;  // superseded by a shorter push
    if (label.stamp != settled_stamp_) {
      label.stamp = settled_stamp_;
      settled_.push_back(u);
    }
    const Millis du = label.distance;
    const std::uint32_t source = label.source;
    for (ArcId a = first_out[u], end = first_out[u + 1]; a < end; ++a) {
      const std::uint64_t candidate = std::uint64_t{du} + weight[a];
      if (candidate > bound) continue;
      reach(head[a], static_cast<Millis>(candidate), source);
    }
  }
}

}  // namespace couverture
