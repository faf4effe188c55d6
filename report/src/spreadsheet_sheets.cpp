#include "couverture/report/spreadsheet_sheets.hpp"

#include <map>
#include <set>

#include "couverture/geodata/data_error.hpp"
#include "report_tables.hpp"

namespace couverture::report {

namespace {

using namespace detail;

// Sheet names: French when known, at most 31 characters as XLSX allows.
std::string sheet_name(const std::string& table, Language language) {
  static const std::map<std::string, std::pair<const char*, const char*>> kNames = {
      {"communes", {"Communes", "Communes"}},
      {"facilities", {"Équipements", "Facilities"}},
      {"facility_access", {"Accès aux équipements", "Facility access"}},
      {"demand_points", {"Points de demande", "Demand points"}},
      {"isochrones", {"Isochrones", "Isochrones"}},
      {"service_isochrones", {"Isochrones par service", "Isochrones by service"}},
      {"zones_en_tension", {"Zones en tension", "Zones en tension"}},
      {"run_info", {"Informations du calcul", "Run information"}},
      {"equity", {"Équité", "Equity"}},
      {"lorenz", {"Courbes de Lorenz", "Lorenz curves"}},
      {"communes_diff", {"Écarts par commune", "Commune differences"}},
      {"demand_points_diff", {"Écarts par point", "Point differences"}},
      {"equity_diff", {"Écarts d'équité", "Equity differences"}},
      {"facilities_diff", {"Équipements modifiés", "Facilities changed"}},
      {"candidates", {"Sites candidats", "Candidate sites"}},
      {"chosen_sites", {"Sites choisis", "Chosen sites"}},
      {"siting_solutions", {"Solutions d'implantation", "Siting solutions"}},
      {"priority_groups", {"Publics prioritaires", "Priority groups"}},
  };
  const auto known = kNames.find(table);
  std::string name = known == kNames.end()
                         ? table
                         : (language == Language::fr ? known->second.first : known->second.second);
  // Cut on a UTF-8 character boundary.
  std::size_t length = 0, characters = 0;
  while (length < name.size() && characters < 31) {
    const unsigned char c = static_cast<unsigned char>(name[length]);
    length += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++characters;
  }
  return name.substr(0, length);
}

OutputColumn text_column(std::string name, std::vector<std::string> values) {
  OutputColumn column;
  column.name = std::move(name);
  column.type = OutputColumn::Type::text;
  for (const std::string& v : values) column.push_text(v);
  return column;
}

bool is_source_key(const std::string& key) {
  return key.ends_with("_file") || key.ends_with("_sha256") || key.starts_with("version_") ||
         key.starts_with("licence") || key == "note" || key.ends_with("_note");
}

}  // namespace

std::vector<OutputLayer> spreadsheet_sheets(const GeoPackageContents& contents, Language language) {
  const GeoTable* info = contents.find("run_info");
  if (info == nullptr || !table_value(*info, "version_couverture")) {
    throw DataError(contents.path.string() +
                    ": not a Couverture output (no run_info table naming a couverture version); "
                    "give a GeoPackage written by couverture run, compare or site");
  }
  const bool french = language == Language::fr;
  std::vector<OutputLayer> sheets;
  std::set<std::string> names;
  for (const GeoTable& table : contents.tables) {
    OutputLayer sheet;
    sheet.name = sheet_name(table.name, language);
    while (!names.insert(sheet.name).second) sheet.name += "_";
    sheet.geometry_type = "none";
    std::set<std::string> headers;
    for (const OutputColumn& column : table.columns) {
      OutputColumn copy = column;
      copy.name = french && !column.alias.empty() ? column.alias : column.name;
      if (!headers.insert(copy.name).second) {
        copy.name += " [" + column.name + "]";
        headers.insert(copy.name);
      }
      copy.alias.clear();
      sheet.columns.push_back(std::move(copy));
    }
    sheets.push_back(std::move(sheet));
  }
  std::vector<std::string> keys, values, file_roles, file_names, hashes;
  for (std::size_t row = 0; row < info->row_count(); ++row) {
    const std::string key = text_at(*info, "key", row);
    const std::string value = text_at(*info, "value", row);
    if (key.ends_with("_sha256")) continue;
    if (!is_source_key(key)) {
      keys.push_back(key);
      values.push_back(value);
      continue;
    }
    file_roles.push_back(key);
    file_names.push_back(value);
    hashes.push_back(
        key.ends_with("_file")
            ? table_value(*info, key.substr(0, key.size() - 5) + "_sha256").value_or("")
            : std::string());
  }
  OutputLayer parameters;
  parameters.name = french ? "Paramètres" : "Parameters";
  parameters.geometry_type = "none";
  parameters.columns = {text_column(french ? "Paramètre" : "Parameter", keys),
                        text_column(french ? "Valeur" : "Value", values)};
  OutputLayer origins;
  origins.name = french ? "Sources des données" : "Data sources";
  origins.geometry_type = "none";
  origins.columns = {
      text_column(french ? "Élément" : "Item", file_roles),
      text_column(french ? "Fichier, licence ou version" : "File, licence or version", file_names),
      text_column("SHA-256", hashes)};
  sheets.push_back(std::move(parameters));
  sheets.push_back(std::move(origins));
  return sheets;
}

}  // namespace couverture::report
