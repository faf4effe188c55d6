#pragma once

#include <cstddef>
#include <filesystem>

namespace couverture::bench {

// What export_nearest_job wrote.
struct NearestJob {
  std::size_t nodes = 0;  // of the searched graph, the super source included
  std::size_t arcs = 0;
  std::size_t facilities = 0;
  std::size_t demand_points = 0;
  std::size_t seeds = 0;
  double ours_seconds = 0.0;  // NearestFacilityTimes::compute alone, best of 3
};

// The nearest-facility job of a scenario (to_facility, regular-grid demand
// as `couverture run` places it from a saved graph), written so that a peer
// solves it with one plain single-source search, on exactly our arcs:
// - edges.csv: the reversed road graph (id,source,target,cost,reverse_cost;
//   integer ms) plus a super source, node `nodes - 1`, with one arc to each
//   facility's seed node weighted by the seed's time (NearestFacilityTimes'
//   seeds: the on-road part and the walk, rounded to the ms);
// - demand.csv: per demand point, up to two links (node, on-road ms), the
//   walk to the road (ms) and the best time to a facility on its own segment
//   (ms, "inf" when none): time = min(link ms + distance(node), direct) + walk;
// - ours.csv: our seconds per demand point, for the agreement check.
NearestJob export_nearest_job(const std::filesystem::path& scenario_toml,
                              const std::filesystem::path& folder);

}  // namespace couverture::bench
