// Production Dijkstra vs Boost.Graph on the same graphs, side by side.
//
// Names: Dijkstra/<kernel>/<graph>/<query>, kernel = production (Dijkstra on
// a SearchGraph built once) | boost
// (compressed_sparse_row_graph + dijkstra_shortest_paths_no_color_map),
// query = full (one-to-all) | 20min (bounded at 20 minutes). Each iteration
// is one query from the next of 16 fixed pseudo-random sources, the same for
// both kernels. Counter `ns_per_settled` divides the thread's CPU time by the
// nodes with a distance within the bound (identical for both kernels: checked
// at setup).
//
// Graphs: synthetic grids 100x100 and 300x300 (1000x1000 with
// COUVERTURE_BENCH_LARGE=1), and the Porto car graph when
// ../shared/data/osm/porto.osm.pbf is present (not registered otherwise):
// "porto_osm_order" with nodes numbered by ascending OSM id, "porto_hilbert"
// renumbered by reorder_for_locality (both kernels search the same graph).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "couverture/algorithms/chain_search.hpp"
#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/algorithms/search_graph.hpp"
#include "couverture/geodata/node_order.hpp"
#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/osm_road_reader.hpp"

namespace couverture {
namespace {

constexpr Millis kTwentyMinutes = 20 * 60 * 1000;
constexpr std::size_t kSourceCount = 16;

struct BoostArc {
  Millis weight;
};
using BoostGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                      BoostArc, boost::no_property, std::uint32_t>;

// Everything one benchmark graph needs, built once and shared by both kernels.
struct BenchGraph {
  CsrGraph csr;
  SearchGraph search;  // the production kernel's form, built once
  // Pass-through chains contracted: what the engine's searches run on.
  std::unique_ptr<ChainContractedGraph> chains;
  std::unique_ptr<BoostGraph> boost_graph;
  std::vector<NodeId> sources;
  std::map<Millis, std::vector<std::size_t>> settled_counts;  // by limit, per source
};

CsrGraph grid_graph(std::uint32_t side) {
  // Two-way 4-neighbour grid; travel times 1-20 s, like urban segments.
  std::mt19937 random(side);
  std::uniform_int_distribution<Millis> weight(1000, 20000);
  std::vector<ArcTriple> arcs;
  arcs.reserve(4 * static_cast<std::size_t>(side) * side);
  for (std::uint32_t r = 0; r < side; ++r) {
    for (std::uint32_t c = 0; c < side; ++c) {
      const NodeId u = r * side + c;
      if (c + 1 < side) {
        arcs.push_back({u, u + 1, weight(random)});
        arcs.push_back({u + 1, u, weight(random)});
      }
      if (r + 1 < side) {
        arcs.push_back({u, u + side, weight(random)});
        arcs.push_back({u + side, u, weight(random)});
      }
    }
  }
  return build_csr_graph(static_cast<std::size_t>(side) * side, arcs);
}

std::unique_ptr<BoostGraph> to_boost(const CsrGraph& csr) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::vector<BoostArc> properties;
  edges.reserve(csr.arc_count());
  properties.reserve(csr.arc_count());
  for (NodeId u = 0; u < csr.node_count(); ++u) {
    for (ArcId a = csr.arcs_begin(u); a < csr.arcs_end(u); ++a) {
      edges.emplace_back(u, csr.head[a]);
      properties.push_back({csr.weight[a]});
    }
  }
  return std::make_unique<BoostGraph>(boost::edges_are_sorted, edges.begin(), edges.end(),
                                      properties.begin(), csr.node_count());
}

struct BoostStop {};

// Boost has no distance bound: the visitor ends the search by throwing when
// the next vertex lies beyond it (the documented idiom).
class BoundedVisitor : public boost::default_dijkstra_visitor {
 public:
  BoundedVisitor(const Millis* distance, Millis limit) : distance_(distance), limit_(limit) {}
  template <typename Vertex, typename Graph>
  void examine_vertex(Vertex u, const Graph&) const {
    if (distance_[u] > limit_) throw BoostStop{};
  }

 private:
  const Millis* distance_;
  Millis limit_;
};

void boost_run(const BoostGraph& graph, NodeId source, std::vector<Millis>& distance,
               Millis limit) {
  try {
    boost::dijkstra_shortest_paths_no_color_map(
        graph, source,
        boost::distance_map(distance.data())
            .weight_map(boost::get(&BoostArc::weight, graph))
            .predecessor_map(boost::dummy_property_map())
            .visitor(BoundedVisitor(distance.data(), limit)));
  } catch (const BoostStop&) {
  }
}

// Both kernels must agree on every node within the bound before being timed.
void check_and_count(BenchGraph& g, Millis limit) {
  Dijkstra dijkstra(g.csr.node_count());
  std::vector<Millis> boost_distance(g.csr.node_count());
  std::vector<std::size_t>& counts = g.settled_counts[limit];
  for (NodeId source : g.sources) {
    const DijkstraSeed seed{source, 0};
    boost_run(*g.boost_graph, source, boost_distance, limit);
    // Both graph forms of the production kernel.
    for (const bool search_form : {false, true}) {
      if (search_form) {
        dijkstra.run(g.search, {&seed, 1}, limit);
      } else {
        dijkstra.run(g.csr, {&seed, 1}, limit);
      }
      for (NodeId v = 0; v < g.csr.node_count(); ++v) {
        const Millis expected = boost_distance[v] <= limit ? boost_distance[v] : kUnreachable;
        if (dijkstra.distance(v) != expected) {
          throw std::logic_error("production and Boost distances differ at node " +
                                 std::to_string(v));
        }
      }
    }
    counts.push_back(dijkstra.settled().size());
    ChainDijkstra chains(*g.chains);
    chains.run({&seed, 1}, limit);
    for (NodeId v = 0; v < g.csr.node_count(); ++v) {
      const Millis expected = boost_distance[v] <= limit ? boost_distance[v] : kUnreachable;
      if (chains.distance(v) != expected) {
        throw std::logic_error("chain search and Boost distances differ at node " +
                               std::to_string(v));
      }
    }
  }
}

// The Porto car graph, parsed once for both node orders.
const RoadGraph& porto_roads() {
  static const RoadGraph roads = read_road_graph(
      std::filesystem::path(COUVERTURE_SHARED_DATA) / "osm/porto.osm.pbf", TravelProfile::car());
  return roads;
}

BenchGraph& bench_graph(const std::string& name) {
  static std::map<std::string, std::unique_ptr<BenchGraph>> cache;
  std::unique_ptr<BenchGraph>& slot = cache[name];
  if (slot) return *slot;
  auto g = std::make_unique<BenchGraph>();
  std::mt19937 random(42);
  if (name.starts_with("porto")) {
    // The same graph in two node orders, searched from the same 16 OSM
    // nodes: ascending OSM id (the reader's order before it called
    // reorder_for_locality), and renumbered along a Hilbert curve.
    RoadGraph roads = porto_roads();
    std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(roads.node_count() - 1));
    std::vector<NodeId> reader_sources;
    for (std::size_t i = 0; i < kSourceCount; ++i) reader_sources.push_back(node(random));
    std::vector<NodeId> new_id;
    if (name == "porto_hilbert") {
      new_id = reorder_for_locality(roads);
    } else {
      std::vector<NodeId> by_osm_id(roads.node_count());
      std::iota(by_osm_id.begin(), by_osm_id.end(), NodeId{0});
      std::sort(by_osm_id.begin(), by_osm_id.end(),
                [&](NodeId a, NodeId b) { return roads.node_osm_id[a] < roads.node_osm_id[b]; });
      new_id.resize(roads.node_count());
      for (NodeId rank = 0; rank < by_osm_id.size(); ++rank) new_id[by_osm_id[rank]] = rank;
      renumber_nodes(roads, new_id);
    }
    g->csr = std::move(roads.graph);
    for (const NodeId source : reader_sources) g->sources.push_back(new_id[source]);
  } else {
    g->csr = grid_graph(static_cast<std::uint32_t>(std::stoul(name.substr(4))));
    std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(g->csr.node_count() - 1));
    for (std::size_t i = 0; i < kSourceCount; ++i) g->sources.push_back(node(random));
  }
  g->search = make_search_graph(g->csr);
  g->chains = std::make_unique<ChainContractedGraph>(contract_chains(g->csr));
  g->boost_graph = to_boost(g->csr);
  check_and_count(*g, kUnreachable);
  check_and_count(*g, kTwentyMinutes);
  slot = std::move(g);
  return *slot;
}

// CPU time of this thread: what a query costs even when other processes
// share the cores (wall time then stretches, CPU time does not).
double thread_cpu_ns() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
}

void report(benchmark::State& state, const BenchGraph& g, std::size_t settled, double cpu_ns) {
  state.counters["settled_per_query"] =
      benchmark::Counter(static_cast<double>(settled), benchmark::Counter::kAvgIterations);
  state.counters["ns_per_settled"] = settled == 0 ? 0.0 : cpu_ns / static_cast<double>(settled);
  state.counters["nodes"] = static_cast<double>(g.csr.node_count());
}

void production(benchmark::State& state, const std::string& graph_name, Millis limit) {
  BenchGraph& g = bench_graph(graph_name);
  const std::vector<std::size_t>& counts = g.settled_counts.at(limit);
  Dijkstra dijkstra(g.csr.node_count());
  std::size_t i = 0;
  std::size_t settled = 0;
  const double start_ns = thread_cpu_ns();
  for (auto _ : state) {
    const DijkstraSeed seed{g.sources[i], 0};
    dijkstra.run(g.search, {&seed, 1}, limit);
    benchmark::DoNotOptimize(dijkstra.settled().data());
    settled += counts[i];
    i = (i + 1) % kSourceCount;
  }
  report(state, g, settled, thread_cpu_ns() - start_ns);
}

// The engine's search: the core search, then every node's distance read
// (for_each_reached), so that a query yields the same whole tree.
void chains(benchmark::State& state, const std::string& graph_name, Millis limit) {
  BenchGraph& g = bench_graph(graph_name);
  const std::vector<std::size_t>& counts = g.settled_counts.at(limit);
  ChainDijkstra search(*g.chains);
  std::size_t i = 0;
  std::size_t settled = 0;
  std::uint64_t checksum = 0;
  const double start_ns = thread_cpu_ns();
  for (auto _ : state) {
    const DijkstraSeed seed{g.sources[i], 0};
    search.run({&seed, 1}, limit);
    search.for_each_reached([&checksum](NodeId, Millis d) { checksum += d; });
    benchmark::DoNotOptimize(checksum);
    settled += counts[i];
    i = (i + 1) % kSourceCount;
  }
  report(state, g, settled, thread_cpu_ns() - start_ns);
  state.counters["core_nodes"] = static_cast<double>(g.chains->core_node_count());
}

void boost_baseline(benchmark::State& state, const std::string& graph_name, Millis limit) {
  BenchGraph& g = bench_graph(graph_name);
  const std::vector<std::size_t>& counts = g.settled_counts.at(limit);
  std::vector<Millis> distance(g.csr.node_count());
  std::size_t i = 0;
  std::size_t settled = 0;
  const double start_ns = thread_cpu_ns();
  for (auto _ : state) {
    boost_run(*g.boost_graph, g.sources[i], distance, limit);
    benchmark::DoNotOptimize(distance.data());
    settled += counts[i];
    i = (i + 1) % kSourceCount;
  }
  report(state, g, settled, thread_cpu_ns() - start_ns);
}

bool register_all() {
  std::vector<std::string> graphs = {"grid100", "grid300"};
  const char* large = std::getenv("COUVERTURE_BENCH_LARGE");
  if (large != nullptr && std::string(large) == "1") graphs.emplace_back("grid1000");
  if (std::filesystem::exists(std::filesystem::path(COUVERTURE_SHARED_DATA) /
                              "osm/porto.osm.pbf")) {
    graphs.emplace_back("porto_osm_order");
    graphs.emplace_back("porto_hilbert");
  }
  for (const std::string& graph : graphs) {
    for (const auto& [query, limit] :
         {std::pair<std::string, Millis>{"full", kUnreachable}, {"20min", kTwentyMinutes}}) {
      benchmark::RegisterBenchmark(("Dijkstra/production/" + graph + "/" + query).c_str(),
                                   production, graph, limit)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(("Dijkstra/boost/" + graph + "/" + query).c_str(),
                                   boost_baseline, graph, limit)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(("Dijkstra/chains/" + graph + "/" + query).c_str(), chains,
                                   graph, limit)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  return true;
}

const bool registered = register_all();

}  // namespace
}  // namespace couverture
