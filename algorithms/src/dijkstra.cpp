#include "couverture/algorithms/dijkstra.hpp"

#include <stdexcept>
#include <string>

namespace couverture {

Dijkstra::Dijkstra(std::size_t node_count) : labels_(node_count, Label{kUnreachable, 0, 0}) {
  settled_.reserve(node_count);
}

namespace {

// The relaxation rule shared by seeds and arcs: a strictly shorter distance
// wins; an equal one wins when it comes from a smaller seed index. An equal
// distance can only meet an already settled node through a zero-weight arc;
// the node is then pushed again so that it passes the better index on.
// Takes the stamps by value so that the compiler keeps them in registers.
template <typename Label>
inline void reach(Label& label, NodeId v, Millis distance, std::uint32_t source,
                  std::uint32_t touched, std::uint32_t settled, RadixHeap& heap) {
  if (label.stamp < touched) {
    label = {distance, source, touched};
    heap.push(distance, v);
  } else if (distance < label.distance) {
    label.distance = distance;
    label.source = source;
    heap.push(distance, v);
  } else if (distance == label.distance && source < label.source) {
    label.source = source;
    if (label.stamp == settled) heap.push(distance, v);
  }
}

}  // namespace

std::uint64_t Dijkstra::start_run(std::size_t graph_node_count, std::span<const DijkstraSeed> seeds,
                                  Millis limit) {
  if (graph_node_count != labels_.size()) {
    throw std::invalid_argument("Dijkstra: graph has " + std::to_string(graph_node_count) +
                                " nodes, the search state " + std::to_string(labels_.size()));
  }
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

  // kUnreachable is a marker, never a distance.
  const std::uint64_t bound = limit < kUnreachable ? limit : kUnreachable - 1;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    const NodeId v = seeds[i].node;
    if (v >= labels_.size()) {
      throw std::invalid_argument("Dijkstra: seed " + std::to_string(i) + " names node " +
                                  std::to_string(v) + " of a graph of " +
                                  std::to_string(labels_.size()));
    }
    if (seeds[i].distance <= bound) {
      reach(labels_[v], v, seeds[i].distance, static_cast<std::uint32_t>(i), touched_stamp_,
            settled_stamp_, heap_);
    }
  }
  return bound;
}

// `arcs_of(u, visit)` calls visit(head, weight) for each arc leaving u.
template <typename ArcsOf>
void Dijkstra::search(std::uint64_t bound, ArcsOf arcs_of) {
  Label* const labels = labels_.data();
  const std::uint32_t touched = touched_stamp_;
  const std::uint32_t settled = settled_stamp_;
  RadixHeap& heap = heap_;
  while (!heap.empty()) {
    const RadixHeap::Entry top = heap.pop();
    const NodeId u = top.value;
    Label& label = labels[u];
    if (top.key != label.distance) continue;  // superseded by a shorter push
    if (label.stamp != settled) {
      label.stamp = settled;
      settled_.push_back(u);
    }
    const Millis du = label.distance;
    const std::uint32_t source = label.source;
    arcs_of(u, [&](NodeId v, Millis w) {
      const std::uint64_t candidate = std::uint64_t{du} + w;
      if (candidate > bound) return;
      reach(labels[v], v, static_cast<Millis>(candidate), source, touched, settled, heap);
    });
  }
}

void Dijkstra::run(const CsrGraph& graph, std::span<const DijkstraSeed> seeds, Millis limit) {
  const std::uint64_t bound = start_run(graph.node_count(), seeds, limit);
  const ArcId* const first_out = graph.first_out.data();
  const NodeId* const head = graph.head.data();
  const Millis* const weight = graph.weight.data();
  search(bound, [=](NodeId u, auto&& visit) {
    for (ArcId a = first_out[u], end = first_out[u + 1]; a < end; ++a) visit(head[a], weight[a]);
  });
}

}  // namespace couverture
