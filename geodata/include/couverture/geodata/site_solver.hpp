#pragma once

#include <optional>
#include <string_view>

#include "couverture/algorithms/name_table.hpp"

namespace couverture {

// Which solvers the siting use case runs (the scenario's [siting] solver,
// `couverture site --solver`).
enum class SiteSolver {
  automatic,  // exact when demand points × candidates <= the exact size limit; greedy always
  exact,      // exact (CBC), and the greedy too, so their gap is known
  greedy,     // greedy + swaps only
};

// The exact-solver size policy of `automatic` (documented in
// docs/scenario.md, [siting] exact_size_limit): instances (demand points ×
// candidates) above the limit go to the greedy solver only. The exact
// p-median model grows with every (point, faster candidate) pair and CBC's
// root LP is slow past a few thousand points, so p_median is held to the
// tighter of the limit and kPMedianExactSizeCap.
inline constexpr double kDefaultExactSizeLimit = 2e6;
inline constexpr double kPMedianExactSizeCap = 2e5;

inline constexpr NameTable<SiteSolver, 3> kSiteSolverNames = {{
    {SiteSolver::automatic, "auto"},
    {SiteSolver::exact, "exact"},
    {SiteSolver::greedy, "greedy"},
}};

[[nodiscard]] constexpr std::string_view to_string(SiteSolver solver) {
  return name_in(kSiteSolverNames, solver);
}
// nullopt for an unknown name.
[[nodiscard]] constexpr std::optional<SiteSolver> site_solver_from(std::string_view name) {
  return value_in(kSiteSolverNames, name);
}

}  // namespace couverture
