#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/road_graph.hpp"
#include "couverture/geodata/travel_direction.hpp"

namespace couverture {

// Travel times between every facility and every origin within a cutoff, as
// sparse rows (compressed sparse rows): facility f's row holds entries
// [row_begin[f], row_begin[f + 1]) of `origin` (sorted increasing) and
// `seconds`. An origin absent from a row is beyond the cutoff, or cannot be
// reached. Seconds include the access legs at both ends, like
// NearestFacilityTimes: the minimum over an origin's column is its nearest
// facility's time.
struct TravelTimeMatrix {
  std::size_t origin_count = 0;
  std::vector<std::uint64_t> row_begin{0};  // by facility, plus one
  std::vector<std::uint32_t> origin;        // by entry: index into the origins given
  std::vector<double> seconds;              // by entry

  [[nodiscard]] std::size_t facility_count() const { return row_begin.size() - 1; }
  [[nodiscard]] std::size_t entry_count() const { return origin.size(); }
  [[nodiscard]] std::span<const std::uint32_t> row_origins(std::size_t facility) const {
    return std::span(origin).subspan(row_begin[facility], row_size(facility));
  }
  [[nodiscard]] std::span<const double> row_seconds(std::size_t facility) const {
    return std::span(seconds).subspan(row_begin[facility], row_size(facility));
  }

 private:
  [[nodiscard]] std::size_t row_size(std::size_t facility) const {
    return static_cast<std::size_t>(row_begin[facility + 1] - row_begin[facility]);
  }
};

// Computes TravelTimeMatrix rows, one bounded single-source search per
// facility, facilities spread over the CPU cores (oneTBB). Each worker thread
// keeps its own search state (Dijkstra labels and heap, per-origin scratch)
// for the builder's lifetime: nothing is allocated per facility, and a
// second compute() reuses it. The workers' row buffers are released once
// compute() has gathered them into the matrix, so that the rows are not held
// twice while the caller uses the matrix.
//
// Direction and seeding follow NearestFacilityTimes exactly (to_facility: the
// reversed graph from links_into(facility), read through links_out_of(origin);
// from_facility: the forward graph from links_out_of(facility), read through
// links_into(origin); same-segment pairs straight along the segment), as does
// the rounding of seed offsets to the millisecond. The road graph must
// outlive the builder.
class TravelTimeMatrixBuilder {
 public:
  // Throws std::invalid_argument when the access speed is not positive.
  TravelTimeMatrixBuilder(const RoadGraph& graph, double access_speed_mps,
                          TravelDirection direction = TravelDirection::to_facility);
  TravelTimeMatrixBuilder(TravelTimeMatrixBuilder&&) noexcept;
  TravelTimeMatrixBuilder& operator=(TravelTimeMatrixBuilder&&) noexcept;
  ~TravelTimeMatrixBuilder();

  // Rows for every facility over every origin, keeping times <= the cutoff
  // (seconds; +inf keeps every reachable pair, a dense matrix). Invalid
  // positions have empty rows / appear in none.
  [[nodiscard]] TravelTimeMatrix compute(
      std::span<const NetworkPosition> facilities, std::span<const NetworkPosition> origins,
      double cutoff_seconds = std::numeric_limits<double>::infinity());

  // One facility's row as visit_rows hands it over: origins (unordered) and
  // their seconds, valid during the call only.
  using RowVisitor =
      std::function<void(std::size_t facility, std::span<const std::uint32_t> origins,
                         std::span<const double> seconds)>;

  // The rows of compute(), handed to `visit` one at a time on the worker
  // thread that searched them (so concurrently: `visit` must be
  // thread-safe) instead of being kept: a consumer that needs one row at a
  // time holds no matrix.
  void visit_rows(std::span<const NetworkPosition> facilities,
                  std::span<const NetworkPosition> origins, double cutoff_seconds,
                  const RowVisitor& visit);

  [[nodiscard]] TravelDirection direction() const { return direction_; }

 private:
  struct State;
  void search_rows(std::span<const NetworkPosition> facilities,
                   std::span<const NetworkPosition> origins, double cutoff_seconds,
                   const RowVisitor* visit);
  [[nodiscard]] TravelTimeMatrix gather_rows(std::size_t origin_count) const;
  const RoadGraph* graph_;
  TravelDirection direction_;
  double access_speed_mps_;
  std::unique_ptr<State> state_;
};

}  // namespace couverture
