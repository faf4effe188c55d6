#include "couverture/algorithms/dijkstra.hpp"

#include <stdexcept>
#include <string>

namespace couverture {

namespace {

// Marks a queue entry that re-opens an already settled node (see search):
// popping it relaxes the node's arcs again but does not list it twice.
constexpr NodeId kReopened = NodeId{1} << 31;

// Checked before anything is allocated.
std::size_t supported_node_count(std::size_t node_count) {
  if (node_count >= kReopened) {
    throw std::invalid_argument("Dijkstra: " + std::to_string(node_count) +
                                " nodes, at most 2^31 - 1 supported");
  }
  return node_count;
}

}  // namespace

Dijkstra::Dijkstra(std::size_t node_count)
    : distance_(supported_node_count(node_count), kUnreachable) {
  settled_.reserve(node_count);
}

template <typename Queue>
std::uint64_t Dijkstra::start_run(std::size_t graph_node_count, std::span<const DijkstraSeed> seeds,
                                  Millis limit, Queue& queue) {
  if (graph_node_count != distance_.size()) {
    throw std::invalid_argument("Dijkstra: graph has " + std::to_string(graph_node_count) +
                                " nodes, the search state " + std::to_string(distance_.size()));
  }
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    if (seeds[i].node >= distance_.size()) {
      throw std::invalid_argument("Dijkstra: seed " + std::to_string(i) + " names node " +
                                  std::to_string(seeds[i].node) + " of a graph of " +
                                  std::to_string(distance_.size()));
    }
  }
  // Every label the previous run wrote belongs to a settled node.
  for (const NodeId v : settled_) {
    if (many_seeds_) {
      sourced_[v].distance = kUnreachable;
    } else {
      distance_[v] = kUnreachable;
    }
  }
  settled_.clear();
  queue.clear();
  many_seeds_ = seeds.size() > 1;
  if (many_seeds_ && sourced_.empty()) {
    sourced_.assign(distance_.size(), SourcedLabel{kUnreachable, kInvalidId});
  }
  // kUnreachable is a marker, never a distance.
  const std::uint64_t bound = limit < kUnreachable ? limit : kUnreachable - 1;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    const auto [v, d] = seeds[i];
    if (d > bound) continue;
    if (!many_seeds_) {
      distance_[v] = d;
      queue.push(d, v);
    } else if (d < sourced_[v].distance) {
      // An equal distance keeps the earlier, smaller seed index.
      sourced_[v] = {d, static_cast<std::uint32_t>(i)};
      queue.push(d, v);
    }
  }
  return bound;
}

// `arcs_of(u, visit)` calls visit(head, weight) for each arc leaving u.
//
// Single seed: a node is pushed again only with a strictly shorter distance,
// so exactly one of its entries carries its final distance; the others are
// stale and skipped.
//
// Many seeds: a strictly shorter distance wins; an equal one wins when it
// comes from a smaller seed index. Through an arc of positive weight the node
// is not settled yet and its pending entry passes the better index on. Only a
// zero-weight arc can meet a node already settled at the same distance: it is
// then pushed again, flagged kReopened, to pass the better index on without
// being listed twice.
template <typename Queue, typename ArcsOf>
void Dijkstra::search(std::uint64_t bound, Queue& queue, ArcsOf arcs_of) {
  if (!many_seeds_) {
    Millis* const distance = distance_.data();
    while (!queue.empty()) {
      const auto top = queue.pop();
      const NodeId u = top.value;
      const Millis du = distance[u];
      if (top.key != du) continue;  // superseded by a shorter push
      settled_.push_back(u);
      arcs_of(u, [&](NodeId v, Millis w) {
        const std::uint64_t candidate = std::uint64_t{du} + w;
        if (candidate <= bound && candidate < distance[v]) {
          distance[v] = static_cast<Millis>(candidate);
          queue.push(static_cast<Millis>(candidate), v);
        }
      });
    }
    return;
  }
  SourcedLabel* const labels = sourced_.data();
  while (!queue.empty()) {
    const auto top = queue.pop();
    const NodeId u = top.value & ~kReopened;
    const SourcedLabel label = labels[u];
    if (top.key != label.distance) continue;
    if ((top.value & kReopened) == 0) settled_.push_back(u);
    arcs_of(u, [&](NodeId v, Millis w) {
      const std::uint64_t candidate = std::uint64_t{label.distance} + w;
      if (candidate > bound) return;
      SourcedLabel& head = labels[v];
      if (candidate < head.distance) {
        head = {static_cast<Millis>(candidate), label.source};
        queue.push(static_cast<Millis>(candidate), v);
      } else if (candidate == head.distance && label.source < head.source) {
        head.source = label.source;
        if (w == 0) queue.push(static_cast<Millis>(candidate), v | kReopened);
      }
    });
  }
}

void Dijkstra::run(const SearchGraph& graph, std::span<const DijkstraSeed> seeds, Millis limit) {
  if (bucket_queue_.span() != graph.long_arc_weight) {
    bucket_queue_ = BucketQueue(graph.long_arc_weight);
  }
  const std::uint64_t bound = start_run(graph.node_count(), seeds, limit, bucket_queue_);
  const ArcId* const first_out = graph.first_out.data();
  const SearchArc* const arcs = graph.arcs.data();
  search(bound, bucket_queue_, [=](NodeId u, auto&& visit) {
    for (ArcId a = first_out[u], end = first_out[u + 1]; a < end; ++a) {
      visit(arcs[a].head, arcs[a].weight);
    }
  });
}

void Dijkstra::run(const CsrGraph& graph, std::span<const DijkstraSeed> seeds, Millis limit) {
  const std::uint64_t bound = start_run(graph.node_count(), seeds, limit, radix_heap_);
  const ArcId* const first_out = graph.first_out.data();
  const NodeId* const head = graph.head.data();
  const Millis* const weight = graph.weight.data();
  search(bound, radix_heap_, [=](NodeId u, auto&& visit) {
    for (ArcId a = first_out[u], end = first_out[u + 1]; a < end; ++a) visit(head[a], weight[a]);
  });
}

}  // namespace couverture
