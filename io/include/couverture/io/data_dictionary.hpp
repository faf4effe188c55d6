#pragma once

#include <span>
#include <string>
#include <vector>

#include "couverture/io/output_layer.hpp"

namespace couverture {

// One column of one output table, as a data dictionary describes it. The
// entries come from the columns themselves (OutputColumn: name, alias, type,
// unit, description, set where the tables are declared), so the dictionary,
// the GeoPackage columns and their QGIS labels cannot disagree.
struct DictionaryEntry {
  std::string layer;
  std::string column;
  std::string label;        // the QGIS alias (French)
  std::string type;         // "INTEGER", "REAL" or "TEXT", as stored in the GeoPackage
  std::string unit;         // empty when none
  std::string description;  // the column's, else its label
};

// Every column of `layers`, in table then column order.
std::vector<DictionaryEntry> data_dictionary(std::span<const OutputLayer> layers);

// The same as an attribute table named "data_dictionary" (columns layer,
// column, label, type, unit, description), for a report or a GeoPackage
// that carries its own documentation. The run does not write it (yet).
OutputLayer data_dictionary_layer(std::span<const OutputLayer> layers);

}  // namespace couverture
