#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "couverture/algorithms/name_table.hpp"

namespace couverture {

// A sparse supply -> origin travel-time matrix in compressed rows: site s
// reaches origins origin[row_begin[s] .. row_begin[s+1]) in minutes[...].
// Origins absent from a row are out of reach. The arrays are borrowed (the
// engine's TravelTimeMatrix converted to minutes): they must outlive the view.
struct SparseTravelTimes {
  std::span<const std::uint64_t> row_begin;  // site_count + 1 entries
  std::span<const std::uint32_t> origin;
  std::span<const double> minutes;
  std::size_t origin_count = 0;

  [[nodiscard]] std::size_t site_count() const {
    return row_begin.empty() ? 0 : row_begin.size() - 1;
  }
  // Throws std::invalid_argument unless: row_begin is non-empty, starts at 0,
  // never decreases and ends at origin.size(); minutes has one entry per
  // origin entry, none NaN or negative (+inf is allowed: out of reach); every
  // origin id < origin_count, at most once per row (a repeated pair would be
  // counted twice by every score). Linear in the entries plus origin_count.
  void validate() const;
};

enum class DecayKind { step, gaussian, exponential };

// The scenario's [accessibility] decay spellings ("steps": zones).
inline constexpr NameTable<DecayKind, 3> kDecayKindNames = {{
    {DecayKind::step, "steps"},
    {DecayKind::gaussian, "gaussian"},
    {DecayKind::exponential, "exponential"},
}};
[[nodiscard]] constexpr std::string_view to_string(DecayKind kind) {
  return name_in(kDecayKindNames, kind);
}
[[nodiscard]] constexpr std::optional<DecayKind> decay_kind_from(std::string_view name) {
  return value_in(kDecayKindNames, name);
}

// Weight of a trip of t minutes, 0 beyond catchment_minutes (inclusive limit:
// t <= catchment counts).
//  step: zones (upper bound, weight), increasing bounds, a trip falling in the
//    first zone whose bound it does not exceed; empty zones = weight 1 up to
//    the catchment (plain 2SFCA).
//  gaussian (Dai 2010): w = (exp(-t²/(2 d0²)) - exp(-1/2)) / (1 - exp(-1/2)),
//    d0 = catchment, 1 at t=0, 0 at d0.
//  exponential: w = exp(-beta t).
// Negative times weigh like 0 (validated matrices have none).
// The factories below set the catchment and beta: a scenario's defaults
// live in geodata (scenario_defaults.hpp), not in this kernel.
struct DistanceDecay {
  DecayKind kind = DecayKind::step;
  double catchment_minutes = 0.0;  // validate() refuses it until set
  std::vector<std::pair<double, double>> zones;
  double beta_per_minute = 0.0;

  [[nodiscard]] double weight(double minutes) const;

  static DistanceDecay plain(double catchment);  // 2SFCA
  static DistanceDecay luo_qi_steps(
      double catchment);  // thirds weighted 1, 0.68, 0.22 (Luo & Qi 2009)
  static DistanceDecay gaussian(double catchment);
  static DistanceDecay exponential(double catchment, double beta);

  // Throws std::invalid_argument: catchment <= 0 (or not finite); for step,
  // zone bounds not strictly increasing from above 0, weights outside [0, 1],
  // last bound != catchment; for exponential, beta < 0 (or not finite).
  // Fields the kind does not use are not checked.
  void validate() const;
};

}  // namespace couverture
