#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture {

struct NearestFacility {
  double seconds = std::numeric_limits<double>::infinity();  // +inf when unreachable
  std::uint32_t facility = kInvalidId;                       // index into the facilities given
};

// Inbound travel time: how long a family at each origin takes to reach its
// nearest facility, off-network access legs at both ends included. One
// many-source search on the reversed graph answers every origin at once, and
// the object keeps the reversed graph and the search state so that each
// service type costs one search and no allocation.
//
// Times along a segment are the arc's time pro rata of the fraction. Seed
// offsets are rounded to the millisecond; ties go to the smaller facility
// index. The road graph must outlive the object.
class NearestFacilityTimes {
 public:
  NearestFacilityTimes(const RoadGraph& graph, double access_speed_mps);

  // Facilities or origins that are not valid() are ignored / unreachable.
  // Times above `cutoff_seconds` read as unreachable; a finite cutoff bounds
  // the search and makes it proportionally cheaper.
  [[nodiscard]] std::vector<NearestFacility> compute(
      std::span<const NetworkPosition> facilities, std::span<const NetworkPosition> origins,
      double cutoff_seconds = std::numeric_limits<double>::infinity());

 private:
  const RoadGraph* graph_;
  CsrGraph reversed_;
  Dijkstra dijkstra_;
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

}  // namespace couverture
