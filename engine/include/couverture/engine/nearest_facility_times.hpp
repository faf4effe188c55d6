#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "couverture/algorithms/chain_search.hpp"
#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/travel_direction.hpp"

namespace couverture {

struct NearestFacility {
  double seconds = std::numeric_limits<double>::infinity();  // +inf when unreachable
  std::uint32_t facility = kInvalidId;                       // index into the facilities given
};

// Travel time between each origin and its nearest facility, off-network
// access legs at both ends included, in one direction:
// - to_facility (inbound, the default): from the origin to the facility, one
//   many-source search on the reversed graph seeded from links_into(facility),
//   read at each origin through links_out_of(origin);
// - from_facility (outbound): from the facility to the origin, one
//   many-source search on the forward graph seeded from links_out_of(facility),
//   read through links_into(origin).
// The object keeps the search graph and state, so that each service type
// costs one search and no allocation.
//
// Times along a segment are the arc's time pro rata of the fraction; an
// origin and a facility on the same segment also connect straight along it
// (along_segment_ms). Seed offsets are rounded to the millisecond; ties go to
// the smaller facility index. The road graph must outlive the object.
class NearestFacilityTimes {
 public:
  NearestFacilityTimes(const RoadGraph& graph, double access_speed_mps,
                       TravelDirection direction = TravelDirection::to_facility);

  // Facilities or origins that are not valid() are ignored / unreachable.
  // Times above `cutoff_seconds` read as unreachable; a finite cutoff bounds
  // the search and makes it proportionally cheaper.
  [[nodiscard]] std::vector<NearestFacility> compute(
      std::span<const NetworkPosition> facilities, std::span<const NetworkPosition> origins,
      double cutoff_seconds = std::numeric_limits<double>::infinity());

  [[nodiscard]] TravelDirection direction() const { return direction_; }

 private:
  const RoadGraph* graph_;
  TravelDirection direction_;
  // The graph searched, its pass-through chains contracted (the search
  // settles only junctions; distances at every node stay exact): the
  // reversed road graph when families travel to the facility. Held by
  // pointer: the search keeps its address, which a move must not change.
  std::unique_ptr<const ChainContractedGraph> search_graph_;
  ChainDijkstra dijkstra_;
  double access_speed_mps_;
  std::vector<DijkstraSeed> seeds_;
  std::vector<std::uint32_t> seed_facility_;
  // Facilities keyed by their segment's (smaller, larger) node, sorted.
  struct FacilityOnSegment {
    NodeId low;
    NodeId high;
    std::uint32_t facility;
  };
  std::vector<FacilityOnSegment> by_segment_;
};

// The on-road time in ms from position `from` to position `to` straight along
// their common segment, without passing an end node: the arc's time pro rata
// of the fraction between them. +inf when they lie on different segments (in
// either description, from->to or to->from) or when the segment's one-way
// forbids that way. A search over nodes cannot see this path.
double along_segment_ms(const RoadGraph& graph, const NetworkPosition& from,
                        const NetworkPosition& to);

}  // namespace couverture
