#include "couverture/io/data_dictionary.hpp"

namespace couverture {

namespace {

const char* stored_type(OutputColumn::Type type) {
  switch (type) {
    case OutputColumn::Type::integer:
      return "INTEGER";
    case OutputColumn::Type::real:
      return "REAL";
    case OutputColumn::Type::text:
      return "TEXT";
  }
  return "TEXT";
}

}  // namespace

std::vector<DictionaryEntry> data_dictionary(std::span<const OutputLayer> layers) {
  std::vector<DictionaryEntry> entries;
  for (const OutputLayer& layer : layers) {
    for (const OutputColumn& column : layer.columns) {
      entries.push_back({layer.name, column.name, column.alias, stored_type(column.type),
                         column.unit,
                         column.description.empty() ? column.alias : column.description});
    }
  }
  return entries;
}

OutputLayer data_dictionary_layer(std::span<const OutputLayer> layers) {
  OutputLayer table;
  table.name = "data_dictionary";
  table.geometry_type = "none";
  table.description = "Every column of the output tables: label, type, unit and meaning";
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"layer", "Table"}, {"column", "Colonne"}, {"label", "Libellé"},
      {"type", "Type"},   {"unit", "Unité"},     {"description", "Description"}};
  for (const auto& [name, label] : columns) {
    table.columns.emplace_back(name, OutputColumn::Type::text, label);
  }
  for (const DictionaryEntry& entry : data_dictionary(layers)) {
    std::size_t c = 0;
    for (const std::string* value : {&entry.layer, &entry.column, &entry.label, &entry.type,
                                     &entry.unit, &entry.description}) {
      table.columns[c++].push_text(*value);
    }
  }
  return table;
}

}  // namespace couverture
