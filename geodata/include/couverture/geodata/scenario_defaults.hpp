#pragma once

// The defaults of the scenario's options that the engine's parameter
// structs also carry: written once here, used by io's Scenario (what a
// scenario that leaves the key out gets) and the engine's parameters (what
// a direct library call gets), and documented in docs/scenario.md (a test
// reads them there). Thresholds: travel_thresholds.hpp; the exact solver's
// size limit: site_solver.hpp; the ranges: scenario_bounds.hpp.

#include "couverture/algorithms/site_selection_exact.hpp"

namespace couverture {

// [analysis] and [demand]: the regular grid of demand points (residential
// land use uses half of it) and the square cells buildings are gathered
// into (the INSEE grid's 200 m).
inline constexpr double kDefaultDemandSpacingM = 400.0;
inline constexpr double kDefaultBuildingCellM = 200.0;

// [accessibility]: the 2SFCA catchment (and E2SFCA's outer limit), a
// quarter of an hour as in most French childcare diagnoses, and the decay
// rates of the exponential E2SFCA weights and of the gravity score (a
// weight of exp(-1) at 10 minutes).
inline constexpr double kDefaultCatchmentMinutes = 15.0;
inline constexpr double kDefaultExponentialBetaPerMinute = 0.1;
inline constexpr double kDefaultGravityBetaPerMinute = 0.1;

// [tension]: a zone is en tension when its nearest service is farther than
// this, or its E2SFCA coverage below this many places per 100 children.
inline constexpr double kDefaultTensionMaxMinutes = 15.0;
inline constexpr double kDefaultTensionMinPlacesPer100 = 10.0;

// [isochrones]: the travel-time surface's cells, and how far from a road a
// cell may lie and still get a time (1 km, the distance beyond which a run
// warns that a demand point is far from its road).
inline constexpr double kDefaultIsochroneCellM = 50.0;
inline constexpr double kDefaultMaxOffroadM = 1000.0;

// [siting]: a new site of 10 places (a micro-crèche), the coverage time of
// max_covering and equity_maximin, and the exact solver's time limit.
inline constexpr double kDefaultSiteCapacity = 10.0;
inline constexpr double kDefaultSitingCoverageMinutes = 10.0;
inline constexpr double kDefaultSitingTimeLimitS = kDefaultExactTimeLimitSeconds;

}  // namespace couverture
