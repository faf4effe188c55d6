#include "couverture/io/age_table_reader.hpp"

#include <optional>

#include "couverture/geodata/data_error.hpp"
#include "field_lookup.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;
using gs::trimmed;

constexpr const char* kKey = "demand.age_table";

}  // namespace

std::map<std::string, BandPopulation> read_age_table(const AgeTable& table,
                                                     std::vector<std::string>& warnings) {
  auto dataset = gs::open_vector(table.path, kKey);
  OGRLayer* layer =
      gs::select_layer(*dataset, table.path, table.layer, std::string(kKey) + ".layer");
  const std::string where = table.path.string();
  const gs::FieldLookup code =
      gs::table_column(*layer, table.code_field, where, std::string(kKey) + ".code_field");
  std::array<std::vector<gs::FieldLookup>, kAgeBandCount> band_columns;
  for (const AgeBand band : kAgeBands) {
    const std::string key = std::string(kKey) + ".bands." + std::string(field_name(band));
    for (const std::string& name : table.band_fields[index_of(band)]) {
      band_columns[index_of(band)].push_back(gs::table_column(*layer, name, where, key));
    }
  }

  gs::ErrorCollector errors;
  std::map<std::string, BandPopulation> populations;
  std::map<std::string, std::string> record_of_code;
  layer->ResetReading();
  for (auto& feature : *layer) {
    const std::string record = where + ", " + gs::record_name(*dataset, feature->GetFID());
    errors.throw_if_failed(record);
    const std::string value = trimmed(code.text(*feature).value_or(""));
    if (value.empty()) {
      throw DataError(record + ": no code in column '" + code.name() +
                      "'; fill it or remove the row");
    }
    const auto [first, inserted] = record_of_code.try_emplace(value, record);
    if (!inserted) {
      throw DataError(record + ": code " + value + " appears again (first at " + first->second +
                      "); keep one row per commune");
    }
    BandPopulation population{};
    for (const AgeBand band : kAgeBands) {
      for (const gs::FieldLookup& field : band_columns[index_of(band)]) {
        // number() throws "<record>: field 'x' is 'abc', not a number".
        const std::optional<double> people = field.number(*feature, record);
        if (!people) {
          throw DataError(record + ": column '" + field.name() + "' is empty for code " + value +
                          "; give a number of people (0 if none)");
        }
        if (*people < 0) {
          throw DataError(record + ": column '" + field.name() + "' is negative (" +
                          std::to_string(*people) + ") for code " + value +
                          "; give a number of people");
        }
        population[index_of(band)] += *people;
      }
    }
    populations.emplace(value, population);
  }
  gs::finish_code_table(errors, code, where, warnings);
  if (populations.empty()) {
    throw DataError(where + ": the age table has no rows; give one row per commune");
  }
  return populations;
}

}  // namespace couverture
