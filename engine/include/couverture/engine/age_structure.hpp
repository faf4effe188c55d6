#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/commune.hpp"

namespace couverture {

// What assign_age_bands did, by commune code (in the communes' order).
struct AgeStructureReport {
  // Bands estimated from the shares: no table, not in the table, or a table
  // row with nobody in it for a commune that has inhabitants.
  std::vector<std::string> estimated_communes;
  // Table rows whose total differed from the commune's population by more
  // than 1 % (every row is rescaled; these are also named in a warning).
  std::vector<std::string> rescaled_communes;
};

// Fills Commune::population_by_band and bands_estimated of every commune so
// that its bands add up to its population:
// - from `age_table` (people per band by commune code; may be null), the
//   row rescaled to the commune's population: the legal population is the
//   reference, the table only gives the age structure;
// - otherwise from `shares` (estimate_bands), bands_estimated = true.
// Appends to `warnings` one line per commune whose row was rescaled by more
// than 1 %, one naming the communes missing from the table, and one when
// there is no table at all. Throws std::invalid_argument when the shares are
// invalid, DataError when a table row holds a negative or non-finite count.
AgeStructureReport assign_age_bands(std::span<Commune> communes,
                                    const std::map<std::string, BandPopulation>* age_table,
                                    const BandShares& shares, std::vector<std::string>& warnings);

}  // namespace couverture
