#include "couverture/io/commune_table_reader.hpp"

#include <optional>

#include "couverture/geodata/data_error.hpp"
#include "field_lookup.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace gs = gdal_support;

std::map<std::string, double> read_commune_values(const CommuneValueTable& table,
                                                  std::vector<std::string>& warnings) {
  const std::string& key = table.scenario_key;
  auto dataset = gs::open_vector(table.path, key);
  OGRLayer* layer = gs::select_layer(*dataset, table.path, table.layer, key + ".layer");
  const std::string where = table.path.string();
  const gs::FieldLookup code =
      gs::table_column(*layer, table.code_field, where, key + ".code_field");
  const gs::FieldLookup value = gs::table_column(*layer, table.value_field, where, key);

  gs::ErrorCollector errors;
  std::map<std::string, double> values;
  std::map<std::string, std::string> record_of_code;
  layer->ResetReading();
  for (auto& feature : *layer) {
    const std::string record = where + ", " + gs::record_name(*dataset, feature->GetFID());
    errors.throw_if_failed(record);
    const std::string commune = gs::trimmed(code.text(*feature).value_or(""));
    if (commune.empty()) {
      throw DataError(record + ": no code in column '" + code.name() +
                      "'; fill it or remove the row");
    }
    const auto [first, inserted] = record_of_code.try_emplace(commune, record);
    if (!inserted) {
      throw DataError(record + ": code " + commune + " appears again (first at " + first->second +
                      "); keep one row per commune");
    }
    const std::optional<double> number = value.number(*feature, record);
    if (!number || *number < 0.0) {
      throw DataError(record + ": column '" + value.name() + "' is " +
                      (number ? "negative" : "empty") + " for code " + commune +
                      "; give a number (0 if none)");
    }
    values.emplace(commune, *number);
  }
  gs::finish_code_table(errors, code, where, warnings);
  if (values.empty()) {
    throw DataError(where + ": the table has no rows; give one row per commune (" + key + ")");
  }
  return values;
}

}  // namespace couverture
