#pragma once

#include <vector>

#include "couverture/geodata/number_text.hpp"
#include "couverture/io/geopackage_reader.hpp"
#include "couverture/io/output_layer.hpp"

namespace couverture::report {

// The sheets of the spreadsheet a planner opens beside the report: one per
// table of a Couverture GeoPackage (geometries left out; headers are the
// columns' labels, with their units, in the file's French, or the column
// names in English), then a sheet of parameters and one of data sources
// (input files, SHA-256, licences, versions). Values are copied as they are:
// numbers stay numbers. Throws DataError when `contents` is not a
// Couverture output.
[[nodiscard]] std::vector<OutputLayer> spreadsheet_sheets(const GeoPackageContents& contents,
                                                          Language language);

}  // namespace couverture::report
