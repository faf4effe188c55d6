#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "couverture/algorithms/name_table.hpp"

namespace couverture {

// What the siting use case optimises (the scenario's [siting] objective,
// `couverture site --objective`); engine/site_planning.hpp says how.
enum class SitePlanObjective { max_covering, p_median, equity_maximin, equity_gini, capacity };
inline constexpr std::size_t kSitePlanObjectiveCount = 5;
inline constexpr std::array<SitePlanObjective, kSitePlanObjectiveCount> kSitePlanObjectives = {
    SitePlanObjective::max_covering, SitePlanObjective::p_median, SitePlanObjective::equity_maximin,
    SitePlanObjective::equity_gini, SitePlanObjective::capacity};

// The scenario's spellings, also those of the outputs.
inline constexpr NameTable<SitePlanObjective, kSitePlanObjectiveCount> kSitePlanObjectiveNames = {{
    {SitePlanObjective::max_covering, "max_covering"},
    {SitePlanObjective::p_median, "p_median"},
    {SitePlanObjective::equity_maximin, "equity_maximin"},
    {SitePlanObjective::equity_gini, "equity_gini"},
    {SitePlanObjective::capacity, "capacity"},
}};

[[nodiscard]] constexpr std::string_view to_string(SitePlanObjective objective) {
  return name_in(kSitePlanObjectiveNames, objective);
}
// nullopt for an unknown name.
[[nodiscard]] constexpr std::optional<SitePlanObjective> site_plan_objective_from(
    std::string_view name) {
  return value_in(kSitePlanObjectiveNames, name);
}

}  // namespace couverture
