#pragma once

#include <optional>
#include <string_view>

#include "couverture/algorithms/name_table.hpp"

namespace couverture {

// How the siting use case makes its candidates when the scenario gives no
// file ([siting] generate).
enum class CandidateGenerator {
  commune_centres,  // each commune's most populated demand point
  demand_points,    // every demand point, thinned to grid_spacing_m
  grid,             // a regular grid over the communes, grid_spacing_m apart
};

inline constexpr NameTable<CandidateGenerator, 3> kCandidateGeneratorNames = {{
    {CandidateGenerator::commune_centres, "commune_centres"},
    {CandidateGenerator::demand_points, "demand_points"},
    {CandidateGenerator::grid, "grid"},
}};

[[nodiscard]] constexpr std::string_view to_string(CandidateGenerator generator) {
  return name_in(kCandidateGeneratorNames, generator);
}
[[nodiscard]] constexpr std::optional<CandidateGenerator> candidate_generator_from(
    std::string_view name) {
  return value_in(kCandidateGeneratorNames, name);
}

}  // namespace couverture
