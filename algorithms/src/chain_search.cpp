#include "couverture/algorithms/chain_search.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace couverture {

namespace {

// Whether v only passes a road through: see ChainContractedGraph.
bool is_pass_through(const CsrGraph& out, const CsrGraph& in, NodeId v) {
  const ArcId out_begin = out.arcs_begin(v);
  const ArcId in_begin = in.arcs_begin(v);
  const std::size_t out_degree = out.arcs_end(v) - out_begin;
  const std::size_t in_degree = in.arcs_end(v) - in_begin;
  if (out_degree == 1 && in_degree == 1) {
    const NodeId head = out.head[out_begin];
    const NodeId tail = in.head[in_begin];
    return head != tail && head != v && tail != v;
  }
  if (out_degree == 2 && in_degree == 2) {
    const NodeId h0 = out.head[out_begin];
    const NodeId h1 = out.head[out_begin + 1];
    const NodeId t0 = in.head[in_begin];
    const NodeId t1 = in.head[in_begin + 1];
    if (h0 == h1 || h0 == v || h1 == v) return false;
    return (t0 == h0 && t1 == h1) || (t0 == h1 && t1 == h0);
  }
  return false;
}

// The weight of the arc u->v (pass-through nodes have at most one), or
// kUnreachable when there is none.
Millis arc_weight(const CsrGraph& graph, NodeId u, NodeId v) {
  for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
    if (graph.head[a] == v) return graph.weight[a];
  }
  return kUnreachable;
}

// The other neighbour of a pass-through node than `previous`.
NodeId next_along(const CsrGraph& out, const CsrGraph& in, NodeId v, NodeId previous) {
  for (ArcId a = out.arcs_begin(v); a < out.arcs_end(v); ++a) {
    if (out.head[a] != previous) return out.head[a];
  }
  for (ArcId a = in.arcs_begin(v); a < in.arcs_end(v); ++a) {
    if (in.head[a] != previous) return in.head[a];
  }
  return previous;
}

constexpr std::uint64_t kMaxSum = std::uint64_t{kUnreachable} - 1;

struct ChainBuilder {
  const CsrGraph& out;
  const CsrGraph& in;
  ChainContractedGraph& result;
  std::vector<std::uint8_t>& pass_through;
  bool overflow = false;

  // Walks the chain leaving core node s towards x, appending it.
  void walk(NodeId s, NodeId x) {
    const auto c = static_cast<std::uint32_t>(result.chain_count());
    std::vector<NodeId>& nodes = result.chain_node;
    const std::size_t first = nodes.size();
    nodes.push_back(s);
    NodeId previous = s;
    NodeId current = x;
    while (pass_through[current] && result.chain_of[current] == kInvalidId) {
      result.chain_of[current] = c;
      result.position_of[current] = static_cast<std::uint32_t>(nodes.size());
      nodes.push_back(current);
      const NodeId next = next_along(out, in, current, previous);
      previous = current;
      current = next;
    }
    nodes.push_back(current);
    const std::size_t last = nodes.size() - 1;
    // Pass-through nodes are all two-way or all one-way the same way.
    bool forward = true;
    bool backward = true;
    std::uint64_t along = 0;
    result.from_start_ms.push_back(0);
    for (std::size_t k = first; k < last; ++k) {
      const Millis w = arc_weight(out, nodes[k], nodes[k + 1]);
      forward = forward && w != kUnreachable;
      along = forward ? along + w : 0;
      overflow = overflow || along > kMaxSum;
      result.from_start_ms.push_back(forward ? static_cast<Millis>(std::min(along, kMaxSum)) : 0);
    }
    std::vector<Millis> back(last - first + 1, 0);
    along = 0;
    for (std::size_t k = last; k > first; --k) {
      const Millis w = arc_weight(out, nodes[k], nodes[k - 1]);
      backward = backward && w != kUnreachable;
      along = backward ? along + w : 0;
      overflow = overflow || along > kMaxSum;
      back[k - 1 - first] = backward ? static_cast<Millis>(std::min(along, kMaxSum)) : 0;
    }
    result.from_end_ms.insert(result.from_end_ms.end(), back.begin(), back.end());
    result.chain_forward.push_back(forward ? 1 : 0);
    result.chain_backward.push_back(backward ? 1 : 0);
    result.chain_first.push_back(static_cast<std::uint32_t>(nodes.size()));
  }

  void walk_from(NodeId s) {
    for (ArcId a = out.arcs_begin(s); a < out.arcs_end(s); ++a) {
      const NodeId x = out.head[a];
      if (pass_through[x] && result.chain_of[x] == kInvalidId) walk(s, x);
    }
  }
};

}  // namespace

ChainContractedGraph contract_chains(const CsrGraph& graph) {
  const std::size_t n = graph.node_count();
  const CsrGraph in = reverse_graph(graph);
  ChainContractedGraph result;
  result.node_count = n;
  std::vector<std::uint8_t> pass_through(n, 0);
  for (NodeId v = 0; v < n; ++v) pass_through[v] = is_pass_through(graph, in, v) ? 1 : 0;
  result.chain_of.assign(n, kInvalidId);
  result.position_of.assign(n, kInvalidId);

  // Every chain has a core end with an arc into it (a one-way chain its
  // start, a two-way chain both ends).
  ChainBuilder builder{graph, in, result, pass_through};
  for (NodeId s = 0; s < n; ++s) {
    if (!pass_through[s]) builder.walk_from(s);
  }
  // What is left are cycles of pass-through nodes: one node of each is core.
  for (NodeId s = 0; s < n; ++s) {
    if (pass_through[s] && result.chain_of[s] == kInvalidId) {
      pass_through[s] = 0;
      builder.walk_from(s);
    }
  }
  if (builder.overflow) {
    // A chain longer than 2^32 ms: contract nothing rather than round.
    result = ChainContractedGraph{};
    result.node_count = n;
    result.chain_of.assign(n, kInvalidId);
    result.position_of.assign(n, kInvalidId);
    pass_through.assign(n, 0);
  }

  result.core_of.assign(n, kInvalidId);
  for (NodeId v = 0; v < n; ++v) {
    if (pass_through[v]) continue;
    result.core_of[v] = static_cast<NodeId>(result.node_of_core.size());
    result.node_of_core.push_back(v);
  }
  const std::size_t m = result.node_of_core.size();
  std::vector<ArcTriple> arcs;
  for (NodeId u = 0; u < n; ++u) {
    if (pass_through[u]) continue;
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      const NodeId v = graph.head[a];
      if (!pass_through[v]) arcs.push_back({result.core_of[u], result.core_of[v], graph.weight[a]});
    }
  }
  result.first_chain_at.assign(m + 1, 0);
  for (std::uint32_t c = 0; c < result.chain_count(); ++c) {
    const std::uint32_t first = result.chain_first[c];
    const std::uint32_t last = result.chain_first[c + 1] - 1;
    const NodeId start = result.core_of[result.chain_node[first]];
    const NodeId end = result.core_of[result.chain_node[last]];
    if (start != end) {  // a loop back to its start never shortens a path
      if (result.chain_forward[c]) arcs.push_back({start, end, result.from_start_ms[last]});
      if (result.chain_backward[c]) arcs.push_back({end, start, result.from_end_ms[first]});
    }
    ++result.first_chain_at[start + 1];
    if (end != start) ++result.first_chain_at[end + 1];
  }
  for (std::size_t u = 0; u < m; ++u) result.first_chain_at[u + 1] += result.first_chain_at[u];
  result.chain_at.resize(result.first_chain_at[m]);
  std::vector<std::uint32_t> next(result.first_chain_at.begin(), result.first_chain_at.end() - 1);
  for (std::uint32_t c = 0; c < result.chain_count(); ++c) {
    const NodeId start = result.core_of[result.chain_node[result.chain_first[c]]];
    const NodeId end = result.core_of[result.chain_node[result.chain_first[c + 1] - 1]];
    result.chain_at[next[start]++] = c;
    if (end != start) result.chain_at[next[end]++] = c;
  }
  result.core = make_search_graph(build_csr_graph(m, arcs));
  return result;
}

ChainDijkstra::ChainDijkstra(const ChainContractedGraph& graph)
    : graph_(&graph), core_(graph.core_node_count()), chain_stamp_(graph.chain_count(), 0) {}

std::uint32_t ChainDijkstra::next_stamp() {
  if (++stamp_ == 0) {  // wrapped: forget every old stamp
    std::fill(chain_stamp_.begin(), chain_stamp_.end(), 0);
    stamp_ = 1;
  }
  return stamp_;
}

void ChainDijkstra::run(std::span<const DijkstraSeed> seeds, Millis limit) {
  const ChainContractedGraph& g = *graph_;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    if (seeds[i].node >= g.node_count) {
      throw std::invalid_argument("ChainDijkstra: seed " + std::to_string(i) + " names node " +
                                  std::to_string(seeds[i].node) + " of a graph of " +
                                  std::to_string(g.node_count));
    }
  }
  limit_ = limit;
  const std::uint64_t bound = limit < kUnreachable ? limit : kUnreachable - 1;
  core_seeds_.clear();
  core_seed_origin_.clear();
  chain_seeds_.clear();
  // Core seeds keep the seeds' order, so that the smaller core seed index
  // among equals stands for the smaller seed index.
  const auto add_core_seed = [&](NodeId node, std::uint64_t distance, std::size_t seed) {
    if (distance > bound) return;
    core_seeds_.push_back({g.core_of[node], static_cast<Millis>(distance)});
    core_seed_origin_.push_back(static_cast<std::uint32_t>(seed));
  };
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    const auto [v, d] = seeds[i];
    if (d > bound) continue;
    if (g.core_of[v] != kInvalidId) {
      add_core_seed(v, d, i);
      continue;
    }
    // A seed inside a chain reaches the chain's ends along it.
    const std::uint32_t c = g.chain_of[v];
    const std::uint32_t k = g.position_of[v];
    const std::uint32_t first = g.chain_first[c];
    const std::uint32_t last = g.chain_first[c + 1] - 1;
    if (g.chain_backward[c]) {
      add_core_seed(g.chain_node[first], std::uint64_t{d} + g.from_end_ms[first] - g.from_end_ms[k],
                    i);
    }
    if (g.chain_forward[c]) {
      add_core_seed(g.chain_node[last],
                    std::uint64_t{d} + g.from_start_ms[last] - g.from_start_ms[k], i);
    }
    chain_seeds_.push_back({c, k, d, static_cast<std::uint32_t>(i)});
  }
  std::stable_sort(chain_seeds_.begin(), chain_seeds_.end(),
                   [](const ChainSeed& a, const ChainSeed& b) { return a.chain < b.chain; });
  core_.run(g.core, core_seeds_, limit);
}

ChainDijkstra::Label ChainDijkstra::core_label(NodeId core_id) const {
  if (!core_.reached(core_id)) return {};
  return {core_.distance(core_id), core_seed_origin_[core_.source(core_id)]};
}

ChainDijkstra::ChainEnds ChainDijkstra::chain_ends(std::uint32_t c) const {
  const ChainContractedGraph& g = *graph_;
  ChainEnds ends;
  if (g.chain_forward[c]) ends.start = core_label(g.core_of[g.chain_node[g.chain_first[c]]]);
  if (g.chain_backward[c]) ends.end = core_label(g.core_of[g.chain_node[g.chain_first[c + 1] - 1]]);
  if (!chain_seeds_.empty()) {
    const auto lower = std::lower_bound(
        chain_seeds_.begin(), chain_seeds_.end(), c,
        [](const ChainSeed& seed, std::uint32_t chain) { return seed.chain < chain; });
    auto upper = lower;
    while (upper != chain_seeds_.end() && upper->chain == c) ++upper;
    ends.seeds_begin = chain_seeds_.data() + (lower - chain_seeds_.begin());
    ends.seeds_end = chain_seeds_.data() + (upper - chain_seeds_.begin());
  }
  return ends;
}

ChainDijkstra::Label ChainDijkstra::chain_label(std::uint32_t c, std::uint32_t k,
                                                const ChainEnds& ends) const {
  const ChainContractedGraph& g = *graph_;
  const std::uint64_t bound = limit_ < kUnreachable ? limit_ : kUnreachable - 1;
  Label best;
  // Lexicographic on (distance, seed index), as Dijkstra decides ties.
  const auto consider = [&](std::uint64_t distance, std::uint32_t source) {
    if (distance > bound) return;
    if (distance < best.distance || (distance == best.distance && source < best.source)) {
      best = {static_cast<Millis>(distance), source};
    }
  };
  // An end's label is unreached unless the chain leads from it.
  if (ends.start.distance != kUnreachable) {
    consider(std::uint64_t{ends.start.distance} + g.from_start_ms[k], ends.start.source);
  }
  if (ends.end.distance != kUnreachable) {
    consider(std::uint64_t{ends.end.distance} + g.from_end_ms[k], ends.end.source);
  }
  for (const ChainSeed* seed = ends.seeds_begin; seed != ends.seeds_end; ++seed) {
    if (seed->position <= k && g.chain_forward[c]) {
      consider(std::uint64_t{seed->distance} + g.from_start_ms[k] - g.from_start_ms[seed->position],
               seed->seed);
    }
    if (seed->position >= k && g.chain_backward[c]) {
      consider(std::uint64_t{seed->distance} + g.from_end_ms[k] - g.from_end_ms[seed->position],
               seed->seed);
    }
  }
  return best;
}

}  // namespace couverture
