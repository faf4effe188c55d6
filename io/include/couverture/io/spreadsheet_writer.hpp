#pragma once

#include <filesystem>
#include <span>

#include "couverture/io/output_layer.hpp"

namespace couverture {

// Writes `sheets` (attribute tables: geometries ignored) as the sheets of a
// spreadsheet through GDAL's XLSX or ODS driver, chosen by the extension of
// `target` (.xlsx or .ods): each sheet named after its layer, a header row of
// column names, real and integer columns as numeric cells. Written beside
// the target and renamed when complete; an existing target is refused
// unless `overwrite`. Throws DataError naming the file and the fix.
void write_spreadsheet(const std::filesystem::path& target, std::span<const OutputLayer> sheets,
                       bool overwrite);

}  // namespace couverture
