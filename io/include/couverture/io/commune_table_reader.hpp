#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace couverture {

// One numeric column of a table keyed by the commune's INSEE code: the
// places of a [supply] table, the count of a per-commune [demand.groups]
// table.
struct CommuneValueTable {
  std::filesystem::path path;  // a CSV (read as text) or any GDAL table
  std::string layer;           // empty = the only layer
  std::string code_field = "code_insee";
  std::string value_field;
  std::string scenario_key;  // named in errors, e.g. "supply.assistants_maternels"
};

// The value of each commune, keyed by the trimmed code. Throws DataError
// naming the file and the scenario key for a missing column (listing those
// there are), a blank, non-numeric or negative value (with its record), an
// empty or repeated code, or an empty table. A numeric code column (leading
// zeros lost) and GDAL's warnings go to `warnings`.
std::map<std::string, double> read_commune_values(const CommuneValueTable& table,
                                                  std::vector<std::string>& warnings);

}  // namespace couverture
