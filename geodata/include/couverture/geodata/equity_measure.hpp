#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "couverture/algorithms/name_table.hpp"

namespace couverture {

// Which accessibility measure the equity indices describe (the scenario's
// [equity] measure).
enum class EquityMeasure { travel_time, e2sfca, gravity };

// The scenario's spellings, also those of run_info and the summaries.
inline constexpr NameTable<EquityMeasure, 3> kEquityMeasureNames = {{
    {EquityMeasure::travel_time, "travel_time"},
    {EquityMeasure::e2sfca, "e2sfca"},
    {EquityMeasure::gravity, "gravity"},
}};

[[nodiscard]] constexpr std::string_view to_string(EquityMeasure measure) {
  return name_in(kEquityMeasureNames, measure);
}
[[nodiscard]] constexpr std::optional<EquityMeasure> equity_measure_from(std::string_view name) {
  return value_in(kEquityMeasureNames, name);
}

}  // namespace couverture
