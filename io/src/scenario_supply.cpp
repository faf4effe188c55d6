// [supply]: childcare places without an address, per commune (issue 14).

#include "scenario_tables.hpp"

namespace couverture::scenario_tables {

namespace {

SupplyTable read_one_table(const fs::path& file, const toml::table& table,
                           const std::string& prefix) {
  TableReader reader(file, table, prefix);
  SupplyTable source;
  source.path = reader.required_path("path", "the table of places per commune");
  source.layer = reader.text("layer").value_or("");
  source.code_field = reader.code_field(source.code_field);
  source.places_field = reader.required_text("places_field", "the column of places per commune");
  const auto year = reader.integer("year");
  if (!year) reader.reject_missing("year", "the year the figures describe, e.g. year = 2024");
  if (*year < 1900 || *year > 2200) {
    throw DataError(reader.where(*table.get("year"), "year") +
                    " must be a year, e.g. 2024 (the year the places were counted)");
  }
  source.year = *year;
  source.source =
      reader.required_text("source", "who published the figures, e.g. \"CAF des Vosges\"");
  reader.reject_unknown_keys();
  return source;
}

}  // namespace

std::optional<SupplySettings> read_supply_table(const fs::path& file, const toml::table* table) {
  if (table == nullptr) return std::nullopt;
  TableReader reader(file, *table, "supply.");
  SupplySettings settings;
  if (const auto type = reader.text("service_type")) {
    if (type->empty()) {
      throw DataError(reader.where(*table->get("service_type"), "service_type") +
                      " must name the facilities' type these places complete, e.g. \"eaje\"");
    }
    settings.service_type = *type;
  }
  settings.illustrative = reader.boolean("illustrative").value_or(false);
  bool any = false;
  for (SupplyKind kind : kSupplyKinds) {
    const std::string key(to_string(kind));
    if (const toml::table* sub = reader.subtable(key)) {
      settings.tables[index_of(kind)] = read_one_table(file, *sub, "supply." + key + ".");
      any = true;
    }
  }
  reader.reject_unknown_keys();
  if (!any) {
    throw DataError(reader.where_table() +
                    " gives no table of places: add [supply.assistants_maternels], "
                    "[supply.home_childcare] or [supply.school_2_year_olds] (see "
                    "docs/scenario.md)");
  }
  return settings;
}

toml::table supply_to_toml(const SupplySettings& supply, const PathWriter& relative) {
  toml::table table{{"service_type", supply.service_type}, {"illustrative", supply.illustrative}};
  for (SupplyKind kind : kSupplyKinds) {
    const auto& source = supply.tables[index_of(kind)];
    if (!source) continue;
    toml::table sub{{"path", relative(source->path)},
                    {"code_field", source->code_field},
                    {"places_field", source->places_field},
                    {"year", source->year},
                    {"source", source->source}};
    if (!source->layer.empty()) sub.insert("layer", source->layer);
    table.insert(to_string(kind), sub);
  }
  return table;
}

}  // namespace couverture::scenario_tables
