#include "couverture/engine/travel_time_matrix.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "couverture/algorithms/chain_search.hpp"
#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/engine/position_links.hpp"

namespace couverture {

namespace {

// One worker thread's search state, kept across facilities and calls.
struct Worker {
  explicit Worker(const ChainContractedGraph& graph) : dijkstra(graph) {}

  ChainDijkstra dijkstra;
  std::vector<DijkstraSeed> seeds;
  // Per origin: the best on-road time of the current facility (ms, walk at
  // the facility's end included), valid where stamp == current stamp.
  std::vector<double> best_ms;
  std::vector<std::uint32_t> stamp;
  std::uint32_t current = 0;
  std::vector<std::uint32_t> touched;
  // This thread's rows, back to back; gathered in facility order at the end.
  std::vector<std::uint32_t> origin;
  std::vector<double> seconds;

  void start_facility(std::size_t origin_count) {
    if (best_ms.size() != origin_count) {
      best_ms.assign(origin_count, 0.0);
      stamp.assign(origin_count, 0);
      current = 0;
    }
    if (++current == 0) {  // the stamp wrapped: forget every old one
      std::fill(stamp.begin(), stamp.end(), 0);
      current = 1;
    }
    touched.clear();
    seeds.clear();
  }

  void offer(std::uint32_t o, double ms) {
    if (stamp[o] != current) {
      stamp[o] = current;
      best_ms[o] = ms;
      touched.push_back(o);
    } else if (ms < best_ms[o]) {
      best_ms[o] = ms;
    }
  }
};

// Where a facility's row lies in its worker's buffers.
struct RowPlace {
  const Worker* worker = nullptr;
  std::size_t begin = 0;
  std::size_t size = 0;
};

struct SegmentKey {
  NodeId low;
  NodeId high;
  std::uint32_t origin;
};

SegmentKey segment_key(const NetworkPosition& p, std::uint32_t origin) {
  return {std::min(p.from, p.to), std::max(p.from, p.to), origin};
}

bool segment_less(const SegmentKey& a, const SegmentKey& b) {
  return std::pair(a.low, a.high) < std::pair(b.low, b.high);
}

}  // namespace

struct TravelTimeMatrixBuilder::State {
  State(const RoadGraph& graph, TravelDirection direction)
      : search(contract_chains(
            direction == TravelDirection::to_facility ? reverse_graph(graph.graph) : graph.graph)),
        workers([this] { return Worker(search); }) {}

  // The graph searched, its pass-through chains contracted: the reversed
  // road graph when families travel to the facility.
  ChainContractedGraph search;
  tbb::enumerable_thread_specific<Worker> workers;
  // The origins' links to nodes, grouped by node (CSR): a settled node hands
  // its distance to the origins linked to it.
  std::vector<std::uint32_t> first_link;  // by node, plus one
  std::vector<std::uint32_t> link_origin;
  std::vector<double> link_ms;
  // By chain: its pass-through nodes linked to an origin (compressed rows).
  std::vector<std::uint32_t> first_linked;
  std::vector<NodeId> linked_node;
  std::vector<SegmentKey> origins_by_segment;  // sorted by segment
  std::vector<RowPlace> rows;

  // Indexes the origins for the searches: by node, by chain, by segment.
  void index_origins(const RoadGraph& graph, std::span<const NetworkPosition> origins,
                     bool inbound);

 private:
  void index_links(const RoadGraph& graph, std::span<const NetworkPosition> origins, bool inbound);
  void index_chain_links(std::size_t node_count);
  void index_segments(std::span<const NetworkPosition> origins);
};

void TravelTimeMatrixBuilder::State::index_origins(const RoadGraph& graph,
                                                   std::span<const NetworkPosition> origins,
                                                   bool inbound) {
  index_links(graph, origins, inbound);
  index_chain_links(graph.node_count());
  index_segments(origins);
}

// The origins' links by node (counting sort). Inbound an origin leaves its
// point towards a node; outbound the search arrives at a node and goes on
// to the origin's point.
void TravelTimeMatrixBuilder::State::index_links(const RoadGraph& graph,
                                                 std::span<const NetworkPosition> origins,
                                                 bool inbound) {
  const auto origin_links = [&](const NetworkPosition& p) {
    return inbound ? links_out_of(graph, p) : links_into(graph, p);
  };
  const std::size_t n = graph.node_count();
  first_link.assign(n + 1, 0);
  for (const NetworkPosition& p : origins) {
    for (const PositionLink& link : origin_links(p)) ++first_link[link.node + 1];
  }
  for (std::size_t v = 0; v < n; ++v) first_link[v + 1] += first_link[v];
  link_origin.resize(first_link[n]);
  link_ms.resize(first_link[n]);
  std::vector<std::uint32_t> next(first_link.begin(), first_link.end() - 1);
  for (std::uint32_t o = 0; o < origins.size(); ++o) {
    for (const PositionLink& link : origin_links(origins[o])) {
      const std::uint32_t slot = next[link.node]++;
      link_origin[slot] = o;
      link_ms[slot] = link.ms;
    }
  }
}

// By chain, its pass-through nodes that an origin links to.
void TravelTimeMatrixBuilder::State::index_chain_links(std::size_t node_count) {
  const auto linked_in_chain = [&](NodeId v) {
    return first_link[v] != first_link[v + 1] && search.chain_of[v] != kInvalidId;
  };
  first_linked.assign(search.chain_count() + 1, 0);
  for (NodeId v = 0; v < node_count; ++v) {
    if (linked_in_chain(v)) ++first_linked[search.chain_of[v] + 1];
  }
  for (std::size_t c = 0; c < search.chain_count(); ++c) first_linked[c + 1] += first_linked[c];
  linked_node.resize(first_linked.back());
  std::vector<std::uint32_t> next(first_linked.begin(), first_linked.end() - 1);
  for (NodeId v = 0; v < node_count; ++v) {
    if (linked_in_chain(v)) linked_node[next[search.chain_of[v]]++] = v;
  }
}

// The origins by road segment: a facility on the same segment reaches them
// along it, without passing a node.
void TravelTimeMatrixBuilder::State::index_segments(std::span<const NetworkPosition> origins) {
  origins_by_segment.clear();
  for (std::uint32_t o = 0; o < origins.size(); ++o) {
    if (origins[o].valid()) origins_by_segment.push_back(segment_key(origins[o], o));
  }
  std::stable_sort(origins_by_segment.begin(), origins_by_segment.end(), segment_less);
}

TravelTimeMatrixBuilder::TravelTimeMatrixBuilder(const RoadGraph& graph, double access_speed_mps,
                                                 TravelDirection direction)
    : graph_(&graph),
      direction_(direction),
      access_speed_mps_(access_speed_mps),
      state_(std::make_unique<State>(graph, direction)) {
  if (!(access_speed_mps > 0.0)) {
    throw std::invalid_argument("TravelTimeMatrixBuilder: the access speed must be positive");
  }
}

TravelTimeMatrixBuilder::TravelTimeMatrixBuilder(TravelTimeMatrixBuilder&&) noexcept = default;
TravelTimeMatrixBuilder& TravelTimeMatrixBuilder::operator=(TravelTimeMatrixBuilder&&) noexcept =
    default;
TravelTimeMatrixBuilder::~TravelTimeMatrixBuilder() = default;

TravelTimeMatrix TravelTimeMatrixBuilder::compute(std::span<const NetworkPosition> facilities,
                                                  std::span<const NetworkPosition> origins,
                                                  double cutoff_seconds) {
  search_rows(facilities, origins, cutoff_seconds, nullptr);
  TravelTimeMatrix matrix = gather_rows(origins.size());
  // The rows now live in the matrix: the workers' copies go (12 bytes an
  // entry, tens of millions of entries at 10⁶ demand points) rather than
  // being kept for the next call while the caller works on the matrix.
  for (Worker& worker : state_->workers) {
    std::vector<std::uint32_t>().swap(worker.origin);
    std::vector<double>().swap(worker.seconds);
  }
  state_->rows.clear();
  return matrix;
}

void TravelTimeMatrixBuilder::visit_rows(std::span<const NetworkPosition> facilities,
                                         std::span<const NetworkPosition> origins,
                                         double cutoff_seconds, const RowVisitor& visit) {
  search_rows(facilities, origins, cutoff_seconds, &visit);
}

namespace {

// One call's searches: what every facility's search reads, and the row it
// leaves in its worker's buffers (or hands to the visitor).
struct FacilitySearch {
  const RoadGraph& graph;
  const ChainContractedGraph& chains;
  std::span<const NetworkPosition> origins;
  bool inbound;
  double access_speed_mps;
  double cutoff_ms;
  Millis limit;
  // The origins' indexes (TravelTimeMatrixBuilder::State).
  std::span<const std::uint32_t> first_link;
  std::span<const std::uint32_t> link_origin;
  std::span<const double> link_ms;
  std::span<const std::uint32_t> first_linked;
  std::span<const NodeId> linked_node;
  std::span<const SegmentKey> origins_by_segment;

  [[nodiscard]] double access_ms(const NetworkPosition& p) const {
    return p.distance_m / access_speed_mps * 1000.0;
  }

  // The search from facility `p` (the walk to its road included), offering
  // every origin it reaches to the worker.
  void search(const NetworkPosition& p, double walk, Worker& worker) const {
    const PositionLinks links = inbound ? links_into(graph, p) : links_out_of(graph, p);
    for (const PositionLink& link : links) {
      // Rounded as NearestFacilityTimes rounds, so that both agree exactly.
      const double rounded = std::round(link.ms + walk);
      if (rounded >= static_cast<double>(kUnreachable)) continue;
      worker.seeds.push_back({link.node, static_cast<Millis>(rounded)});
    }
    worker.dijkstra.run(worker.seeds, limit);
    // Only nodes linked to an origin matter: the settled junctions, and in
    // the chains the search touched, their linked pass-through nodes.
    const auto offer_links = [&](NodeId v, Millis reached_ms) {
      const double distance = reached_ms;
      for (std::uint32_t k = first_link[v]; k < first_link[v + 1]; ++k) {
        worker.offer(link_origin[k], link_ms[k] + distance);
      }
    };
    for (const NodeId u : worker.dijkstra.settled_core()) {
      offer_links(chains.node_of_core[u], worker.dijkstra.core_distance(u));
    }
    worker.dijkstra.for_each_touched_chain([&](std::uint32_t c) {
      const std::uint32_t first = first_linked[c];
      const std::uint32_t count = first_linked[c + 1] - first;
      if (count == 0) return;  // no origin along this chain
      worker.dijkstra.for_each_reached_in_chain(c, linked_node.subspan(first, count), offer_links);
    });
  }

  // The origins on the facility's own segment, reached along it.
  void offer_same_segment(const NetworkPosition& p, double walk, Worker& worker) const {
    const auto [first, last] = std::equal_range(
        origins_by_segment.begin(), origins_by_segment.end(), segment_key(p, 0), segment_less);
    for (auto it = first; it != last; ++it) {
      const NetworkPosition& o = origins[it->origin];
      const double along = inbound ? along_segment_ms(graph, o, p) : along_segment_ms(graph, p, o);
      if (std::isfinite(along)) worker.offer(it->origin, along + walk);
    }
  }

  // Appends the facility's row (origins within the cutoff, the walk at
  // their end added) to the worker's buffers; with a visitor, hands it over
  // and forgets it. A kept row lists its origins in increasing order; a
  // visited one as they came (the visitor does not need the order).
  void emit_row(std::size_t f, Worker& worker, RowPlace& row,
                const TravelTimeMatrixBuilder::RowVisitor* visit) const {
    if (visit == nullptr) std::sort(worker.touched.begin(), worker.touched.end());
    row.worker = &worker;
    row.begin = worker.origin.size();
    for (const std::uint32_t o : worker.touched) {
      const double total_ms = worker.best_ms[o] + access_ms(origins[o]);
      if (total_ms > cutoff_ms) continue;
      worker.origin.push_back(o);
      worker.seconds.push_back(total_ms / 1000.0);
    }
    row.size = worker.origin.size() - row.begin;
    if (visit == nullptr) return;
    (*visit)(f, std::span(worker.origin).subspan(row.begin, row.size),
             std::span(worker.seconds).subspan(row.begin, row.size));
    worker.origin.resize(row.begin);
    worker.seconds.resize(row.begin);
    row = RowPlace{};
  }
};

// The search limit in ms: the cutoff rounded up, or unbounded.
Millis search_limit(double cutoff_ms) {
  return cutoff_ms >= static_cast<double>(kUnreachable)
             ? kUnreachable
             : static_cast<Millis>(std::ceil(std::max(cutoff_ms, 0.0)));
}

}  // namespace

void TravelTimeMatrixBuilder::search_rows(std::span<const NetworkPosition> facilities,
                                          std::span<const NetworkPosition> origins,
                                          double cutoff_seconds, const RowVisitor* visit) {
  // Up to two links per origin, counted in 32 bits.
  if (origins.size() >= kInvalidId / 2) {
    throw std::invalid_argument("TravelTimeMatrixBuilder: more origins than 32-bit ids hold");
  }
  State& state = *state_;
  const bool inbound = direction_ == TravelDirection::to_facility;
  state.index_origins(*graph_, origins, inbound);
  const double cutoff_ms = cutoff_seconds * 1000.0;
  const FacilitySearch searcher{*graph_,
                                state.search,
                                origins,
                                inbound,
                                access_speed_mps_,
                                cutoff_ms,
                                search_limit(cutoff_ms),
                                state.first_link,
                                state.link_origin,
                                state.link_ms,
                                state.first_linked,
                                state.linked_node,
                                state.origins_by_segment};
  for (Worker& worker : state.workers) {
    worker.origin.clear();
    worker.seconds.clear();
  }
  state.rows.assign(facilities.size(), RowPlace{});
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, facilities.size()),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      Worker& worker = state.workers.local();
                      for (std::size_t f = range.begin(); f != range.end(); ++f) {
                        const NetworkPosition& p = facilities[f];
                        if (!p.valid()) continue;
                        worker.start_facility(origins.size());
                        const double walk = searcher.access_ms(p);
                        searcher.search(p, walk, worker);
                        searcher.offer_same_segment(p, walk, worker);
                        searcher.emit_row(f, worker, state.rows[f], visit);
                      }
                    });
}

TravelTimeMatrix TravelTimeMatrixBuilder::gather_rows(std::size_t origin_count) const {
  const State& state = *state_;
  TravelTimeMatrix matrix;
  matrix.origin_count = origin_count;
  const std::size_t facility_count = state.rows.size();
  matrix.row_begin.reserve(facility_count + 1);
  std::size_t total = 0;
  for (const RowPlace& row : state.rows) total += row.size;
  matrix.origin.reserve(total);
  matrix.seconds.reserve(total);
  for (const RowPlace& row : state.rows) {
    if (row.size > 0) {
      const auto begin = static_cast<std::ptrdiff_t>(row.begin);
      const auto end = static_cast<std::ptrdiff_t>(row.begin + row.size);
      matrix.origin.insert(matrix.origin.end(), row.worker->origin.begin() + begin,
                           row.worker->origin.begin() + end);
      matrix.seconds.insert(matrix.seconds.end(), row.worker->seconds.begin() + begin,
                            row.worker->seconds.begin() + end);
    }
    matrix.row_begin.push_back(matrix.origin.size());
  }
  return matrix;
}

}  // namespace couverture
