#include "couverture/report/spreadsheet_sheets.hpp"

#include <gtest/gtest.h>

#include "couverture/geodata/data_error.hpp"
#include "couverture/report/html_text.hpp"

namespace couverture::report {
namespace {

GeoTable key_values(std::vector<std::pair<std::string, std::string>> rows) {
  GeoTable table;
  table.name = "run_info";
  table.geometry_type = "none";
  OutputColumn key{"key", OutputColumn::Type::text, {}, "Clé"};
  OutputColumn value{"value", OutputColumn::Type::text, {}, "Valeur"};
  for (auto& [k, v] : rows) {
    key.push_text(k);
    value.push_text(v);
  }
  table.columns = {key, value};
  return table;
}

TEST(SpreadsheetSheets, OneSheetPerTableThenParametersAndSources) {
  GeoPackageContents contents;
  contents.path = "run.gpkg";
  GeoTable equity;
  equity.name = "equity";
  equity.geometry_type = "none";
  equity.columns.push_back({"gini", OutputColumn::Type::real, {0.25}, "Indice de Gini"});
  equity.columns.push_back({"theil", OutputColumn::Type::real, {0.1}, ""});
  contents.tables.push_back(std::move(equity));
  contents.tables.push_back(key_values({{"version_couverture", "0.1.0"},
                                        {"thresholds_minutes", "5, 10"},
                                        {"communes_file", "/data/communes.gpkg"},
                                        {"communes_sha256", std::string(64, 'a')}}));
  const auto sheets = spreadsheet_sheets(contents, Language::fr);
  ASSERT_EQ(sheets.size(), 4u);
  EXPECT_EQ(sheets[0].name, "Équité");
  EXPECT_EQ(sheets[0].columns[0].name, "Indice de Gini");  // the label
  EXPECT_EQ(sheets[0].columns[1].name, "theil");           // no label: the column
  EXPECT_EQ(std::get<double>(*sheets[0].columns[0].at(0)), 0.25);
  EXPECT_EQ(sheets[1].name, "Informations du calcul");
  EXPECT_EQ(sheets[2].name, "Paramètres");
  EXPECT_EQ(std::get<std::string>(*sheets[2].columns[0].at(0)), "thresholds_minutes");
  EXPECT_EQ(sheets[3].name, "Sources des données");
  // The file and its checksum on one row.
  bool found = false;
  for (std::size_t i = 0; i < sheets[3].columns[0].size(); ++i) {
    if (std::get<std::string>(*sheets[3].columns[0].at(i)) != "communes_file") continue;
    found = true;
    EXPECT_EQ(std::get<std::string>(*sheets[3].columns[2].at(i)), std::string(64, 'a'));
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(spreadsheet_sheets(contents, Language::en)[0].columns[0].name, "gini");
}

TEST(SpreadsheetSheets, AGeoPackageThatIsNotCouverturesIsRefused) {
  GeoPackageContents contents;
  contents.path = "other.gpkg";
  EXPECT_THROW((void)spreadsheet_sheets(contents, Language::fr), DataError);
}

TEST(HtmlText, EscapesWhatHtmlReads) {
  EXPECT_EQ(escape_html("L'accueil <R&D> \"x\""), "L&apos;accueil &lt;R&amp;D&gt; &quot;x&quot;");
}

}  // namespace
}  // namespace couverture::report
