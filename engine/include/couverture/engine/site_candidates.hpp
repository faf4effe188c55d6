#pragma once

// Where a new service could go: candidate sites, read from a file (as
// facilities) or generated from the communes and their demand points.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"
#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/facility.hpp"
#include "couverture/geodata/lon_lat.hpp"

namespace couverture {

struct SiteCandidate {
  std::string id;
  std::string name;
  LonLat position;
  // Index of the commune it stands in; kInvalidId outside every commune (a
  // site across the border is allowed: families cross borders).
  std::uint32_t commune = kInvalidId;
};

// One candidate per commune with demand points: its most populated point
// (the first of equals), where most families live. Id "centre-<code>", name
// the commune's name.
std::vector<SiteCandidate> commune_centre_candidates(std::span<const Commune> communes,
                                                     const CoverageResult& coverage);

// The demand points, most populated first (the first of equals), each kept
// unless a kept one lies closer than spacing_m (geodesic), so that no two
// candidates are closer than that. Id "point-<demand index>", name the
// commune's name. Throws std::invalid_argument when spacing_m is negative.
std::vector<SiteCandidate> demand_point_candidates(std::span<const Commune> communes,
                                                   const CoverageResult& coverage,
                                                   double spacing_m);

// A regular grid about spacing_m apart over all the communes (one frame, so
// the grid runs on across borders), its nodes inside each commune, or the
// commune's point on surface when none falls inside (a commune narrower than
// a cell). Id "grid-<n>" in commune order, name the commune's name. Throws
// std::invalid_argument when the spacing is not positive.
std::vector<SiteCandidate> grid_candidates(std::span<const Commune> communes, double spacing_m);

// Candidates from a file read as facilities (id, name, position; type and
// capacity ignored), each located in the commune that contains it
// (kInvalidId when none does).
std::vector<SiteCandidate> candidates_from_facilities(std::span<const Commune> communes,
                                                      std::span<const Facility> facilities);

}  // namespace couverture
