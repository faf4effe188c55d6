#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/algorithms/search_graph.hpp"

namespace couverture {

// A graph with its pass-through chains taken out of the search. A node is a
// pass-through when it only links two other nodes along one road: exactly
// the arcs a->v, v->b, b->v, v->a (two-way), or only a->v, v->b (one-way),
// with a, b and v distinct. On road graphs most nodes are (every shape point
// of a way): Porto's car graph keeps about a fifth of its nodes as core.
//
// The search runs on the core nodes, a chain standing for one arc each way it
// can be travelled (the sum of its arcs' integer weights); a node inside a
// chain gets its distance afterwards from the chain's two ends, exactly: the
// sums are integers, so every distance, and which seed is nearest, is what a
// search over the whole graph gives.
//
// Chains are in flat arrays: chain c holds positions [chain_first[c],
// chain_first[c + 1]), the first its start (a core node), the last its end (a
// core node, the start again for a loop), the others its pass-through nodes.
struct ChainContractedGraph {
  std::size_t node_count = 0;              // nodes of the original graph
  SearchGraph core;                        // over core ids
  std::vector<NodeId> core_of;             // by node: core id, kInvalidId inside a chain
  std::vector<NodeId> node_of_core;        // by core id: the node
  std::vector<std::uint32_t> chain_of;     // by node: its chain, kInvalidId for a core node
  std::vector<std::uint32_t> position_of;  // by node: its flat position in its chain
  std::vector<std::uint32_t> chain_first{0};
  std::vector<NodeId> chain_node;  // by flat position
  // By flat position: the time from the chain's start along it to here, and
  // from its end back to here; only meaningful when the chain can be
  // travelled that way (chain_forward / chain_backward).
  std::vector<Millis> from_start_ms;
  std::vector<Millis> from_end_ms;
  std::vector<std::uint8_t> chain_forward;   // by chain: start -> end travelable
  std::vector<std::uint8_t> chain_backward;  // by chain: end -> start travelable
  // By core id: the chains having it at one end (compressed rows).
  std::vector<std::uint32_t> first_chain_at;
  std::vector<std::uint32_t> chain_at;

  [[nodiscard]] std::size_t chain_count() const { return chain_first.size() - 1; }
  [[nodiscard]] std::size_t core_node_count() const { return node_of_core.size(); }
};

// Finds the pass-through chains of `graph` and builds the core search graph.
// A cycle made only of pass-through nodes keeps one of them as core. When a
// chain's time would not fit in 32 bits, nothing is contracted (every node
// core), so results never depend on it.
ChainContractedGraph contract_chains(const CsrGraph& graph);

// Dijkstra over a ChainContractedGraph answering for every node of the
// original graph, with the contract of Dijkstra (seeds and limit, ties
// between seeds to the smallest seed index): distance(), source() and
// reached() of any node equal those of Dijkstra::run on the original graph.
// The contracted graph must outlive the search.
class ChainDijkstra {
 public:
  explicit ChainDijkstra(const ChainContractedGraph& graph);

  // Seeds name nodes of the original graph. Throws std::invalid_argument
  // when a seed names no node.
  void run(std::span<const DijkstraSeed> seeds, Millis limit = kUnreachable);

  [[nodiscard]] Millis distance(NodeId v) const { return label(v).distance; }
  [[nodiscard]] std::uint32_t source(NodeId v) const { return label(v).source; }
  [[nodiscard]] bool reached(NodeId v) const { return distance(v) != kUnreachable; }
  [[nodiscard]] std::size_t node_count() const { return graph_->node_count; }
  // Core nodes settled by the last run (what the search paid for).
  [[nodiscard]] std::size_t core_settled_count() const { return core_.settled().size(); }

  // Calls visit(node, distance) once for every node reached by the last run,
  // in no particular order: the settled core nodes, then the pass-through
  // nodes of the chains touching them or holding a seed.
  template <typename Visit>
  void for_each_reached(Visit&& visit) {
    const ChainContractedGraph& g = *graph_;
    for (const NodeId u : core_.settled()) visit(g.node_of_core[u], core_.distance(u));
    for_each_touched_chain([&](std::uint32_t c) {
      // The ends and the chain's seeds once per chain, not once per node.
      const ChainEnds ends = chain_ends(c);
      for (std::uint32_t k = g.chain_first[c] + 1; k + 1 < g.chain_first[c + 1]; ++k) {
        const Label l = chain_label(c, k, ends);
        if (l.distance != kUnreachable) visit(g.chain_node[k], l.distance);
      }
    });
  }

  // Calls visit(node, distance) for each of `nodes`, pass-through nodes of
  // chain `chain` all, reached by the last run: distance() of each, the
  // chain's ends read once.
  template <typename Visit>
  void for_each_reached_in_chain(std::uint32_t chain, std::span<const NodeId> nodes,
                                 Visit&& visit) const {
    const ChainEnds ends = chain_ends(chain);
    for (const NodeId v : nodes) {
      const Label l = chain_label(chain, graph_->position_of[v], ends);
      if (l.distance != kUnreachable) visit(v, l.distance);
    }
  }

  // The core nodes the last run settled (core ids), in distance order.
  [[nodiscard]] std::span<const NodeId> settled_core() const { return core_.settled(); }
  [[nodiscard]] Millis core_distance(NodeId core_id) const { return core_.distance(core_id); }

  // Calls visit(chain) once for every chain that may hold a node the last
  // run reached: those with a settled end or a seed. A caller wanting only
  // some nodes reads distance() of those in these chains, not every node.
  template <typename Visit>
  void for_each_touched_chain(Visit&& visit) {
    const ChainContractedGraph& g = *graph_;
    const std::uint32_t stamp = next_stamp();
    const auto once = [&](std::uint32_t c) {
      if (chain_stamp_[c] == stamp) return;
      chain_stamp_[c] = stamp;
      visit(c);
    };
    for (const NodeId u : core_.settled()) {
      for (std::uint32_t k = g.first_chain_at[u]; k < g.first_chain_at[u + 1]; ++k) {
        once(g.chain_at[k]);
      }
    }
    for (const ChainSeed& seed : chain_seeds_) once(seed.chain);
  }

 private:
  struct Label {
    Millis distance = kUnreachable;
    std::uint32_t source = kInvalidId;
  };
  // A seed on a pass-through node.
  struct ChainSeed {
    std::uint32_t chain;
    std::uint32_t position;  // flat
    Millis distance;
    std::uint32_t seed;  // index into the seeds given
  };

  [[nodiscard]] Label label(NodeId v) const {
    return graph_->core_of[v] != kInvalidId ? core_label(graph_->core_of[v]) : interior_label(v);
  }
  // What a chain's nodes get their labels from: its ends' labels (when the
  // chain leads from them) and its seeds.
  struct ChainEnds {
    Label start;
    Label end;
    const ChainSeed* seeds_begin = nullptr;
    const ChainSeed* seeds_end = nullptr;
  };

  [[nodiscard]] Label core_label(NodeId core_id) const;
  [[nodiscard]] ChainEnds chain_ends(std::uint32_t chain) const;
  [[nodiscard]] Label chain_label(std::uint32_t chain, std::uint32_t position,
                                  const ChainEnds& ends) const;
  [[nodiscard]] Label interior_label(NodeId v) const {
    const std::uint32_t c = graph_->chain_of[v];
    return chain_label(c, graph_->position_of[v], chain_ends(c));
  }
  std::uint32_t next_stamp();

  const ChainContractedGraph* graph_;
  Dijkstra core_;
  Millis limit_ = kUnreachable;
  std::vector<DijkstraSeed> core_seeds_;
  std::vector<std::uint32_t> core_seed_origin_;  // by core seed: the seed it stands for
  std::vector<ChainSeed> chain_seeds_;           // sorted by chain
  std::vector<std::uint32_t> chain_stamp_;
  std::uint32_t stamp_ = 0;
};

}  // namespace couverture
