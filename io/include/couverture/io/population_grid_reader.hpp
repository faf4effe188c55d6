#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "couverture/geodata/population_sources.hpp"

namespace couverture {

// Reads an INSEE Filosofi 200 m population grid ("carreaux") from any GDAL
// vector source (GeoPackage, Shapefile...), cells in any CRS with a known
// definition (EPSG:2154 or EPSG:3035 typically). The columns used, looked up
// case-insensitively, are `Ind` (everyone) and `Ind_0_3`, `Ind_4_5`,
// `Ind_6_10`, `Ind_11_17`; INSEE imputes them, so they are often fractional
// and are kept as doubles.
//
// Each cell's centre is its centroid (computed in the layer's CRS) moved to
// WGS84 lon/lat. INSEE's bands are split into ours assuming people spread
// evenly over the years of a band:
//   0-2   = 3/4 Ind_0_3            (ages 0, 1, 2 of 0..3)
//   3-5   = 1/4 Ind_0_3 + Ind_4_5  (age 3, then 4, 5)
//   6-11  = Ind_6_10 + 1/7 Ind_11_17  (6..10, then age 11 of 11..17)
//   12-17 = 6/7 Ind_11_17          (12..17)
//   adults = Ind - (Ind_0_3 + Ind_4_5 + Ind_6_10 + Ind_11_17)
// Adults below 0 (imputation rounding) are set to 0, and the number of such
// cells is reported in `warnings`. A cell's total is the sum of its bands.
//
// Throws DataError naming the file for a missing column (listing those
// present), a blank, non-numeric or negative value, a feature without
// geometry, a layer without CRS (with the fix) or an empty layer. `layer`
// empty = the only layer.
//
// `extra_columns` (e.g. "Men", "Men_pauv" for [demand.groups]) are read too,
// into each cell's `extra` in that order, with the same checks; a missing
// one names `extra_key` (the scenario key that asked for it).
std::vector<PopulationCell> read_population_grid(const std::filesystem::path& path,
                                                 const std::string& layer,
                                                 std::vector<std::string>& warnings,
                                                 const std::vector<std::string>& extra_columns = {},
                                                 const std::string& extra_key = "demand.groups");

}  // namespace couverture
