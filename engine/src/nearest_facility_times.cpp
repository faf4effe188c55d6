#include "couverture/engine/nearest_facility_times.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <utility>

#include "couverture/engine/position_links.hpp"

namespace couverture {

namespace {

// A position seen from the segment's smaller node, so that two positions on
// the same segment compare whichever way round they were snapped.
struct OnSegment {
  NodeId low;
  NodeId high;
  ArcId up;    // low->high
  ArcId down;  // high->low
  double t;    // fraction from `low`
};

OnSegment normalised(const NetworkPosition& p) {
  if (p.from <= p.to) return {p.from, p.to, p.forward_arc, p.backward_arc, p.fraction};
  return {p.to, p.from, p.backward_arc, p.forward_arc, 1.0 - p.fraction};
}

template <typename Keyed>
bool segment_less(const Keyed& a, const Keyed& b) {
  return std::pair(a.low, a.high) < std::pair(b.low, b.high);
}

}  // namespace

double along_segment_ms(const RoadGraph& graph, const NetworkPosition& from,
                        const NetworkPosition& to) {
  constexpr double kNone = std::numeric_limits<double>::infinity();
  if (!from.valid() || !to.valid()) return kNone;
  const OnSegment a = normalised(from);
  const OnSegment b = normalised(to);
  if (a.low != b.low || a.high != b.high) return kNone;
  const std::vector<Millis>& weight = graph.graph.weight;
  double ms = kNone;
  if (b.t >= a.t && a.up != kInvalidId) ms = (b.t - a.t) * weight[a.up];
  if (b.t <= a.t && a.down != kInvalidId) ms = std::min(ms, (a.t - b.t) * weight[a.down]);
  return ms;
}

NearestFacilityTimes::NearestFacilityTimes(const RoadGraph& graph, double access_speed_mps,
                                           TravelDirection direction)
    : graph_(&graph),
      direction_(direction),
      search_graph_(std::make_unique<const ChainContractedGraph>(contract_chains(
          direction == TravelDirection::to_facility ? reverse_graph(graph.graph) : graph.graph))),
      dijkstra_(*search_graph_),
      access_speed_mps_(access_speed_mps) {
  if (!(access_speed_mps > 0.0)) {
    throw std::invalid_argument("NearestFacilityTimes: the access speed must be positive");
  }
}

std::vector<NearestFacility> NearestFacilityTimes::compute(
    std::span<const NetworkPosition> facilities, std::span<const NetworkPosition> origins,
    double cutoff_seconds) {
  const bool inbound = direction_ == TravelDirection::to_facility;
  const auto access_ms = [this](const NetworkPosition& p) {
    return p.distance_m / access_speed_mps_ * 1000.0;
  };

  // Inbound, on the reversed graph, a seed's distance is the time from its
  // node to the facility: along the arc that leads into the facility's point,
  // then the walk from the road. Outbound it is the walk to the road, then
  // the time from the facility's point to the node.
  seeds_.clear();
  seed_facility_.clear();
  by_segment_.clear();
  for (std::uint32_t f = 0; f < facilities.size(); ++f) {
    const NetworkPosition& p = facilities[f];
    if (!p.valid()) continue;
    const double walk = access_ms(p);
    const PositionLinks links = inbound ? links_into(*graph_, p) : links_out_of(*graph_, p);
    for (const PositionLink& link : links) {
      const double rounded = std::round(link.ms + walk);
      if (rounded >= static_cast<double>(kUnreachable)) continue;
      seeds_.push_back({link.node, static_cast<Millis>(rounded)});
      seed_facility_.push_back(f);
    }
    const OnSegment s = normalised(p);
    by_segment_.push_back({s.low, s.high, f});
  }
  std::stable_sort(by_segment_.begin(), by_segment_.end(), segment_less<FacilityOnSegment>);

  const double cutoff_ms = cutoff_seconds * 1000.0;
  const Millis limit = cutoff_ms >= static_cast<double>(kUnreachable)
                           ? kUnreachable
                           : static_cast<Millis>(std::ceil(std::max(cutoff_ms, 0.0)));
  dijkstra_.run(seeds_, limit);

  std::vector<NearestFacility> result(origins.size());
  for (std::size_t i = 0; i < origins.size(); ++i) {
    const NetworkPosition& p = origins[i];
    if (!p.valid()) continue;
    double best = std::numeric_limits<double>::infinity();
    std::uint32_t best_facility = kInvalidId;
    const auto offer = [&](double ms, std::uint32_t facility) {
      if (ms < best || (ms == best && facility < best_facility)) {
        best = ms;
        best_facility = facility;
      }
    };
    // Inbound the origin leaves its point towards a node; outbound the
    // search arrives at a node and goes on to the origin's point.
    const PositionLinks links = inbound ? links_out_of(*graph_, p) : links_into(*graph_, p);
    for (const PositionLink& link : links) {
      if (!dijkstra_.reached(link.node)) continue;
      offer(link.ms + dijkstra_.distance(link.node), seed_facility_[dijkstra_.source(link.node)]);
    }

    // A facility further along the same segment is reached without passing
    // a node, which the search over nodes cannot see.
    const OnSegment o = normalised(p);
    const auto [first, last] =
        std::equal_range(by_segment_.begin(), by_segment_.end(),
                         FacilityOnSegment{o.low, o.high, 0}, segment_less<FacilityOnSegment>);
    for (auto it = first; it != last; ++it) {
      const NetworkPosition& fp = facilities[it->facility];
      const double along =
          inbound ? along_segment_ms(*graph_, p, fp) : along_segment_ms(*graph_, fp, p);
      offer(along + access_ms(fp), it->facility);
    }

    const double total_ms = best + access_ms(p);
    if (best_facility != kInvalidId && total_ms <= cutoff_ms) {
      result[i] = {total_ms / 1000.0, best_facility};
    }
  }
  return result;
}

}  // namespace couverture
