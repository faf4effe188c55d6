#pragma once

#include <map>
#include <string>
#include <vector>

#include "couverture/geodata/age_band.hpp"
#include "couverture/io/scenario.hpp"

namespace couverture {

// Reads the population of each commune by age band from a table (a CSV read
// with every column as text, so codes such as "01001" keep their leading
// zero, or any GDAL table), keyed by the trimmed commune code. Each band is
// the sum of the columns `table.band_fields` lists for it (a band with no
// column is 0), e.g. 6-11 = P21_POP0610 + P21_POP11 from an INSEE table.
// Throws DataError naming the file for a missing column (with the columns
// that exist), a blank, non-numeric or negative value (with its line or
// record and column), an empty or duplicated code, or an empty table. A
// numeric code column (leading zeros lost) is reported in `warnings`, as are
// GDAL's warnings.
std::map<std::string, BandPopulation> read_age_table(const AgeTable& table,
                                                     std::vector<std::string>& warnings);

}  // namespace couverture
