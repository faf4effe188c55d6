#pragma once

#include <optional>
#include <string_view>

#include "couverture/algorithms/name_table.hpp"

namespace couverture {

// Which E2SFCA rate the tension level (tension.min_places_per_100) is
// compared with: the facilities' own places (`service`), or with the places
// without an address of [supply] too (`global`, the CAF's taux de
// couverture global; only with [supply]).
enum class TensionRate { service, global };

// The scenario's spellings, also those of run_info and the summaries.
inline constexpr NameTable<TensionRate, 2> kTensionRateNames = {{
    {TensionRate::service, "service"},
    {TensionRate::global, "global"},
}};

[[nodiscard]] constexpr std::string_view to_string(TensionRate rate) {
  return name_in(kTensionRateNames, rate);
}
[[nodiscard]] constexpr std::optional<TensionRate> tension_rate_from(std::string_view name) {
  return value_in(kTensionRateNames, name);
}

}  // namespace couverture
