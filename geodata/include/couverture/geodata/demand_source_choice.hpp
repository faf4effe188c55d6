#pragma once

#include <optional>
#include <string_view>

#include "couverture/algorithms/name_table.hpp"

namespace couverture {

// Where the scenario asks the demand points to come from ([demand] source):
// `automatic` picks, per commune, the most precise source that has data in
// it; the others use that source only (communes it does not cover fall back
// to the regular grid). The engine's DemandSource says which one each
// commune got.
enum class DemandSourceChoice { automatic, insee_grid, buildings, landuse, grid };

// The scenario's spellings (shorter than DemandSource's output names
// "residential_landuse" and "regular_grid").
inline constexpr NameTable<DemandSourceChoice, 5> kDemandSourceChoiceNames = {{
    {DemandSourceChoice::automatic, "auto"},
    {DemandSourceChoice::insee_grid, "insee_grid"},
    {DemandSourceChoice::buildings, "buildings"},
    {DemandSourceChoice::landuse, "landuse"},
    {DemandSourceChoice::grid, "grid"},
}};

[[nodiscard]] constexpr std::string_view to_string(DemandSourceChoice choice) {
  return name_in(kDemandSourceChoiceNames, choice);
}
[[nodiscard]] constexpr std::optional<DemandSourceChoice> demand_source_choice_from(
    std::string_view name) {
  return value_in(kDemandSourceChoiceNames, name);
}

}  // namespace couverture
