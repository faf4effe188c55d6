#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "couverture/geodata/osm_records.hpp"
#include "deterministic_random.hpp"
#include "local_frame.hpp"

namespace couverture::synthetic {

// How a road winds between two junctions.
struct RoadShape {
  double step_m = 150.0;      // spacing of the intermediate nodes
  double amplitude_m = 40.0;  // lateral swing of the bends
  int bends = 1;              // number of half-waves of the swing
  double jitter_m = 8.0;      // small per-node irregularity
};

// A town's street grid before it is built.
struct TownLayout {
  Metres centre;
  int size = 3;  // size x size street nodes
  double spacing_m = 110.0;
  double angle_rad = 0.0;
  // Rows then columns; missing names are drawn from a pool of common ones.
  std::vector<std::string> street_names;
  std::vector<int> one_way_rows;  // alternate directions keep the grid strongly connected
};

struct TownGrid {
  TownLayout layout;
  std::vector<std::int64_t> node_ids;  // row-major

  [[nodiscard]] std::int64_t node(int row, int col) const {
    return node_ids[static_cast<std::size_t>(row * layout.size + col)];
  }
  // The point at fractional grid coordinates (row, col), before jitter.
  [[nodiscard]] Metres at(double row, double col) const;
};

// Accumulates road nodes and ways in a metric frame; node and way ids are
// positive and allocated in order, so the output depends only on the calls.
class TerritoryBuilder {
 public:
  TerritoryBuilder(LonLat origin, std::uint64_t seed) : frame_(origin), random_(seed) {}

  [[nodiscard]] const LocalFrame& frame() const { return frame_; }
  DeterministicRandom& random() { return random_; }
  [[nodiscard]] std::size_t node_count() const { return positions_.size(); }
  [[nodiscard]] std::size_t way_count() const { return ways_.size(); }
  [[nodiscard]] Metres position(std::int64_t node_id) const {
    return positions_[static_cast<std::size_t>(node_id - 1)];
  }

  std::int64_t add_node(Metres position);
  void add_way(std::vector<std::int64_t> node_ids, OsmTags tags);

  TownGrid add_town(const TownLayout& layout);
  // The grid's boundary node nearest `toward`: where a road leaves the town.
  [[nodiscard]] std::int64_t exit_node(const TownGrid& town, Metres toward) const;
  [[nodiscard]] std::int64_t nearest_node(std::span<const std::int64_t> node_ids,
                                          Metres toward) const;
  // A road from one existing node to another through intermediate nodes.
  void add_road(std::int64_t from, std::int64_t to, const RoadShape& shape, OsmTags tags);
  // A closed ring turning counterclockwise, as roundabouts do in France;
  // `tags` should carry junction=roundabout. Returns the ring's nodes.
  std::vector<std::int64_t> add_roundabout(Metres centre, double radius_m, int node_count,
                                           OsmTags tags);

  // Where a way from index `first_way` on crosses another way, both get a
  // new shared node there: level crossings rather than bridges, so that a
  // country lane meets the main road it crosses.
  void join_crossings(std::size_t first_way);

  [[nodiscard]] std::vector<OsmNodeRecord> nodes() const;
  std::vector<OsmWayRecord> take_ways() { return std::move(ways_); }

 private:
  LocalFrame frame_;
  DeterministicRandom random_;
  std::vector<Metres> positions_;
  std::vector<OsmWayRecord> ways_;
};

// A spot beside a street of block (block_row, block_col) of a town grid,
// set back a fifth of the spacing; spots 0-3 are the four sides.
Metres facility_spot(const TownGrid& town, int block_row, int block_col, int spot);
// The n-th distinct facility spot of a town, nearest the centre first.
Metres nth_facility_spot(const TownGrid& town, int n);

}  // namespace couverture::synthetic
