#include "couverture/engine/nearest_facility_times.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace couverture {

namespace {

// A position seen from the segment's smaller node, so that a facility and an
// origin on the same segment compare whichever way round they were snapped.
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

NearestFacilityTimes::NearestFacilityTimes(const RoadGraph& graph, double access_speed_mps)
    : graph_(&graph),
      reversed_(reverse_graph(graph.graph)),
      dijkstra_(graph.node_count()),
      access_speed_mps_(access_speed_mps) {
  if (!(access_speed_mps > 0.0)) {
    throw std::invalid_argument("NearestFacilityTimes: the access speed must be positive");
  }
}

std::vector<NearestFacility> NearestFacilityTimes::compute(
    std::span<const NetworkPosition> facilities, std::span<const NetworkPosition> origins,
    double cutoff_seconds) {
  const std::vector<Millis>& weight = graph_->graph.weight;
  const auto access_ms = [this](const NetworkPosition& p) {
    return p.distance_m / access_speed_mps_ * 1000.0;
  };

  // On the reversed graph, a seed's distance is the time from its node to
  // the facility: along the arc that leads into the facility's point, then
  // the walk from the road.
  seeds_.clear();
  seed_facility_.clear();
  by_segment_.clear();
  const auto add_seed = [this](NodeId node, double ms, std::uint32_t facility) {
    const double rounded = std::round(ms);
    if (rounded >= static_cast<double>(kUnreachable)) return;
    seeds_.push_back({node, static_cast<Millis>(rounded)});
    seed_facility_.push_back(facility);
  };
  for (std::uint32_t f = 0; f < facilities.size(); ++f) {
    const NetworkPosition& p = facilities[f];
    if (!p.valid()) continue;
    const double walk = access_ms(p);
    // A position at an end node is that node, whichever arcs the segment has.
    if (p.forward_arc != kInvalidId) {
      add_seed(p.from, p.fraction * weight[p.forward_arc] + walk, f);
    } else if (p.fraction == 0.0) {
      add_seed(p.from, walk, f);
    }
    if (p.backward_arc != kInvalidId) {
      add_seed(p.to, (1.0 - p.fraction) * weight[p.backward_arc] + walk, f);
    } else if (p.fraction == 1.0) {
      add_seed(p.to, walk, f);
    }
    const OnSegment s = normalised(p);
    by_segment_.push_back({s.low, s.high, f});
  }
  std::stable_sort(by_segment_.begin(), by_segment_.end(), segment_less<FacilityOnSegment>);

  const double cutoff_ms = cutoff_seconds * 1000.0;
  const Millis limit = cutoff_ms >= static_cast<double>(kUnreachable)
                           ? kUnreachable
                           : static_cast<Millis>(std::ceil(std::max(cutoff_ms, 0.0)));
  dijkstra_.run(reversed_, seeds_, limit);

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
    const auto via_node = [&](NodeId node, double ms_to_node) {
      if (!dijkstra_.reached(node)) return;
      offer(ms_to_node + dijkstra_.distance(node), seed_facility_[dijkstra_.source(node)]);
    };
    if (p.forward_arc != kInvalidId) {
      via_node(p.to, (1.0 - p.fraction) * weight[p.forward_arc]);
    } else if (p.fraction == 1.0) {
      via_node(p.to, 0.0);
    }
    if (p.backward_arc != kInvalidId) {
      via_node(p.from, p.fraction * weight[p.backward_arc]);
    } else if (p.fraction == 0.0) {
      via_node(p.from, 0.0);
    }

    // A facility further along the same segment is reached without passing
    // a node, which the search over nodes cannot see.
    const OnSegment o = normalised(p);
    const auto [first, last] =
        std::equal_range(by_segment_.begin(), by_segment_.end(),
                         FacilityOnSegment{o.low, o.high, 0}, segment_less<FacilityOnSegment>);
    for (auto it = first; it != last; ++it) {
      const NetworkPosition& fp = facilities[it->facility];
      const OnSegment f = normalised(fp);
      double along = std::numeric_limits<double>::infinity();
      if (f.t >= o.t && o.up != kInvalidId) along = (f.t - o.t) * weight[o.up];
      if (f.t <= o.t && o.down != kInvalidId) {
        along = std::min(along, (o.t - f.t) * weight[o.down]);
      }
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
