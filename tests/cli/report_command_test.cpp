#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "gpkg_file.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;
using testing::Gpkg;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool have(const char* program) {
  std::string output;
  return testing::run_command(std::string("command -v ") + program, output) == 0;
}

// `couverture report` and `couverture export` on the demo, its comparison
// (the territory before the Éloyes micro-crèche) and its siting: built once
// for the suite, since the three runs take a while.
class ReportCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new fs::path(testing::make_temp_dir("report"));
    std::string output;
    ASSERT_EQ(run("-q demo", output), 0) << output;
    ASSERT_EQ(run("-q compare couverture-demo/sans-eloyes.toml couverture-demo/scenario.toml -o "
                  "compare.gpkg",
                  output),
              0)
        << output;
    ASSERT_EQ(
        run("-q site couverture-demo/site-eaje.toml --evaluate \"Éloyes\" -o site.gpkg", output), 0)
        << output;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static int run(const std::string& arguments, std::string& output) {
    return testing::run_command("cd " + dir_->string() + " && " COUVERTURE_CLI " " + arguments,
                                output);
  }
  static fs::path path(const std::string& name) { return *dir_ / name; }
  static inline fs::path* dir_ = nullptr;
};

// The value of `column` in the rows of `table` matching every "col=value" of
// `key` (";"-separated), or the column's sum when `key` is "*".
std::optional<double> gpkg_value(GDALDataset& dataset, const std::string& table,
                                 const std::string& column, const std::string& key) {
  OGRLayer* layer = dataset.GetLayerByName(table.c_str());
  if (layer == nullptr) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> conditions;
  std::istringstream parts(key);
  for (std::string part; std::getline(parts, part, ';');) {
    const auto equals = part.find('=');
    if (equals != std::string::npos) {
      conditions.emplace_back(part.substr(0, equals), part.substr(equals + 1));
    }
  }
  double sum = 0.0;
  layer->ResetReading();
  for (auto& feature : *layer) {
    bool match = true;
    for (const auto& [name, value] : conditions) {
      match &= std::string(feature->GetFieldAsString(name.c_str())) == value;
    }
    if (!match) continue;
    const int index = feature->GetFieldIndex(column.c_str());
    if (index < 0 || feature->IsFieldNull(index)) return std::nullopt;
    if (key != "*") return feature->GetFieldAsDouble(index);
    sum += feature->GetFieldAsDouble(index);
  }
  if (key == "*") return sum;
  return std::nullopt;
}

std::string unescaped(std::string text) {
  for (const auto& [entity, plain] :
       std::vector<std::pair<std::string, std::string>>{{"&#39;", "'"},
                                                        {"&apos;", "'"},
                                                        {"&quot;", "\""},
                                                        {"&lt;", "<"},
                                                        {"&gt;", ">"},
                                                        {"&amp;", "&"}}) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at)) {
      text.replace(at, entity.size(), plain);
    }
  }
  return text;
}

// A printed number read back: French "28 940" (thin space), "0,69", "12 %",
// English "28,940", "0.69", "12%"; the number of decimals it shows.
std::pair<double, int> parse_printed(std::string text, bool french) {
  for (const std::string& drop :
       {std::string("\u202F"), std::string("\u00A0"), std::string("%"), std::string(" ")}) {
    for (auto at = text.find(drop); at != std::string::npos; at = text.find(drop, at)) {
      text.erase(at, drop.size());
    }
  }
  if (!french) text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  if (french) std::replace(text.begin(), text.end(), ',', '.');
  const auto dot = text.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
  return {std::stod(text), decimals};
}

struct Checked {
  std::size_t numbers = 0;
  std::set<std::string> tables;
};

// Every number of the report that names its source equals the GeoPackage's
// value, read here with GDAL, to the digits printed.
Checked check_numbers(const std::string& html, const std::map<std::string, fs::path>& files,
                      bool french) {
  std::map<std::string, std::unique_ptr<Gpkg>> opened;
  for (const auto& [name, file] : files) opened[name] = std::make_unique<Gpkg>(file);
  const std::regex element(
      "<(td|span) class=\"(?:n|num)\" data-f=\"([^\"]*)\" data-t=\"([^\"]*)\" data-c=\"([^\"]*)\" "
      "data-k=\"([^\"]*)\"(?: data-x=\"([^\"]*)\")?(?: data-over=\"([^\"]*)\")?>([^<]*)</");
  Checked checked;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), element);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const std::string file = m[2], table = m[3], column = m[4], key = unescaped(m[5]);
    const double factor = m[6].matched ? std::stod(m[6]) : 1.0;
    GDALDataset* dataset = opened.at(file)->dataset;
    EXPECT_NE(dataset, nullptr) << file;
    if (dataset == nullptr) continue;
    std::optional<double> expected = gpkg_value(*dataset, table, column, key);
    if (m[7].matched && expected) {
      const auto over = gpkg_value(*dataset, table, m[7], key);
      expected = over ? std::optional<double>(*expected / *over) : std::nullopt;
    }
    EXPECT_TRUE(expected.has_value()) << table << "." << column << " [" << key << "]";
    if (!expected) continue;
    const auto [printed, decimals] = parse_printed(m[8], french);
    EXPECT_NEAR(printed, *expected * factor, 0.5 * std::pow(10.0, -decimals) + 1e-9)
        << file << " " << table << "." << column << " [" << key << "] printed " << m[8];
    ++checked.numbers;
    checked.tables.insert(file + ":" + table);
  }
  return checked;
}

TEST_F(ReportCommand, EveryNumberOfTheReportIsTheGeoPackagesValue) {
  std::string output;
  ASSERT_EQ(
      run("report couverture-demo.gpkg --compare compare.gpkg --site site.gpkg -o fr.html", output),
      0)
      << output;
  const std::string html = read_all(path("fr.html"));
  const std::map<std::string, fs::path> files = {{"run", path("couverture-demo.gpkg")},
                                                 {"compare", path("compare.gpkg")},
                                                 {"site", path("site.gpkg")}};
  const Checked french = check_numbers(html, files, true);
  EXPECT_GT(french.numbers, 600u);
  for (const char* table :
       {"run:communes", "run:equity", "compare:communes_diff", "compare:equity_diff",
        "site:candidates", "site:siting_solutions", "site:communes_diff"}) {
    EXPECT_TRUE(french.tables.contains(table)) << table;
  }
  // French typography: decimal commas, no decimal point between digits.
  EXPECT_EQ(html.find("lang=\"fr\""), html.find("lang=\""));
  EXPECT_FALSE(std::regex_search(html, std::regex("class=\"(n|num)\"[^>]*>[0-9 ]+\\.[0-9]+<")))
      << "a decimal point";
  ASSERT_EQ(run("report couverture-demo.gpkg --compare compare.gpkg --site site.gpkg --lang en "
                "-o en.html",
                output),
            0)
      << output;
  const Checked english = check_numbers(read_all(path("en.html")), files, false);
  EXPECT_EQ(english.numbers, french.numbers);
}

TEST_F(ReportCommand, TheEloyesQuestionReadsAsAShortCompleteAnswer) {
  std::string output;
  ASSERT_EQ(run("report couverture-demo.gpkg --site site.gpkg -o eloyes.html", output), 0)
      << output;
  const std::string html = read_all(path("eloyes.html"));
  const auto question =
      html.find("Était-ce à Éloyes qu'il fallait ouvrir une micro-crèche de 10 places");
  ASSERT_NE(question, std::string::npos);
  const std::string answer = html.substr(question, html.find("</div>", question) - question);
  for (const char* words : {"Une micro-crèche de 10 places à Éloyes amène ",
                            " enfants de 0–2 ans de plus à 10", "se classe ", "meilleur"}) {
    EXPECT_NE(answer.find(words), std::string::npos) << words << "\n" << answer;
  }
  // The best other site is named, whether Éloyes ranks first or not.
  EXPECT_TRUE(answer.find("La meilleure alternative, ") != std::string::npos ||
              answer.find("Le meilleur site pour la couverture serait ") != std::string::npos)
      << answer;
  // Synthetic inputs and estimated ages cannot be missed.
  EXPECT_NE(html.find("class=\"warning\""), std::string::npos);
  EXPECT_NE(html.find("SYNTHÉTIQUES"), std::string::npos);
  EXPECT_NE(html.find("ESTIMÉES"), std::string::npos);
}

// A table a later version adds (issue 14's priority groups, say) shows up
// as it is, its numbers still those of the file.
TEST_F(ReportCommand, ATableOfALaterVersionIsShownAsItIs) {
  fs::copy_file(path("couverture-demo.gpkg"), path("later.gpkg"),
                fs::copy_options::overwrite_existing);
  {
    GDALDatasetUniquePtr dataset(static_cast<GDALDataset*>(GDALOpenEx(
        path("later.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr)));
    ASSERT_TRUE(dataset);
    OGRLayer* layer = dataset->CreateLayer("priority_groups", nullptr, wkbNone, nullptr);
    ASSERT_NE(layer, nullptr);
    OGRFieldDefn group("group_name", OFTString);
    OGRFieldDefn children("children", OFTReal);
    layer->CreateField(&group);
    layer->CreateField(&children);
    for (const auto& [name, count] :
         {std::pair<const char*, double>{"familles monoparentales", 41.25},
          {"minima sociaux", 17.5}}) {
      OGRFeature feature(layer->GetLayerDefn());
      feature.SetField("group_name", name);
      feature.SetField("children", count);
      ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
    }
  }
  std::string output;
  ASSERT_EQ(run("report later.gpkg -o later.html", output), 0) << output;
  const std::string html = read_all(path("later.html"));
  EXPECT_NE(html.find("priority_groups"), std::string::npos);
  EXPECT_NE(html.find("familles monoparentales"), std::string::npos);
  const Checked checked = check_numbers(html, {{"run", path("later.gpkg")}}, true);
  EXPECT_TRUE(checked.tables.contains("run:priority_groups"));
}

TEST_F(ReportCommand, TheSameGeoPackagesGiveAByteIdenticalReportWithNothingFetched) {
  std::string output;
  ASSERT_EQ(
      run("report couverture-demo.gpkg --compare compare.gpkg --site site.gpkg -o a.html", output),
      0)
      << output;
  ASSERT_EQ(
      run("report couverture-demo.gpkg --compare compare.gpkg --site site.gpkg -o b.html", output),
      0)
      << output;
  const std::string a = read_all(path("a.html"));
  EXPECT_EQ(a, read_all(path("b.html")));
  // Self-contained: no script, no link, no external resource.
  for (const char* outside : {"<script", "<link", "src=\"http", "href=\"http", "url("}) {
    EXPECT_EQ(a.find(outside), std::string::npos) << outside;
  }
}

TEST_F(ReportCommand, BadInputsAreNamedAndNothingIsClobbered) {
  std::string output;
  std::ofstream(path("notes.gpkg")) << "not a database";
  EXPECT_EQ(run("report notes.gpkg -o x.html", output), 1);
  EXPECT_NE(output.find("notes.gpkg: not a GeoPackage"), std::string::npos) << output;
  // A GeoPackage that is not a Couverture output.
  ASSERT_EQ(testing::run_command("ogr2ogr -f GPKG " + path("other.gpkg").string() + " " +
                                     path("couverture-demo/communes.gpkg").string(),
                                 output),
            0)
      << output;
  EXPECT_EQ(run("report other.gpkg -o x.html", output), 1);
  EXPECT_NE(output.find("other.gpkg: not a Couverture output"), std::string::npos) << output;
  // A Couverture output without the run's layers: the comparison itself.
  EXPECT_EQ(run("report compare.gpkg -o x.html", output), 1);
  EXPECT_NE(output.find("table 'communes' is missing"), std::string::npos) << output;
  EXPECT_NE(output.find("--compare"), std::string::npos) << output;
  // A comparison of another territory: one commune's code changed.
  fs::copy_file(path("compare.gpkg"), path("elsewhere.gpkg"));
  {
    GDALDatasetUniquePtr dataset(static_cast<GDALDataset*>(
        GDALOpenEx(path("elsewhere.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr,
                   nullptr, nullptr)));
    ASSERT_TRUE(dataset);
    dataset->ExecuteSQL("UPDATE communes_diff SET code = '99999' WHERE code = '88158'", nullptr,
                        nullptr);
  }
  EXPECT_EQ(run("report couverture-demo.gpkg --compare elsewhere.gpkg -o x.html", output), 1);
  EXPECT_NE(output.find("elsewhere.gpkg: its communes differ"), std::string::npos) << output;
  EXPECT_NE(output.find("99999"), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(path("x.html")));
  // An existing output is kept without --overwrite.
  std::ofstream(path("taken.html")) << "mine";
  EXPECT_EQ(run("report couverture-demo.gpkg -o taken.html", output), 1);
  EXPECT_NE(output.find("--overwrite"), std::string::npos) << output;
  EXPECT_EQ(read_all(path("taken.html")), "mine");
  EXPECT_EQ(run("report couverture-demo.gpkg -o taken.html --overwrite -q", output), 0) << output;
  EXPECT_NE(read_all(path("taken.html")), "mine");
  EXPECT_EQ(run("report couverture-demo.gpkg --lang de -o de.html", output), 2);
  EXPECT_NE(output.find("de"), std::string::npos) << output;
  EXPECT_EQ(run("export couverture-demo.gpkg -o taken.html --overwrite", output), 1);
  EXPECT_NE(output.find(".xlsx or .ods"), std::string::npos) << output;
}

// The share of pixels of a PNG region that are neither white nor the map's
// pale background, and the number of distinct colours there.
std::pair<double, std::size_t> ink(GDALDataset& image, int x0, int y0, int width, int height) {
  std::vector<std::uint8_t> rgb[3];
  for (int b = 0; b < 3; ++b) {
    rgb[b].resize(static_cast<std::size_t>(width * height));
    if (image.GetRasterBand(b + 1)->RasterIO(GF_Read, x0, y0, width, height, rgb[b].data(), width,
                                             height, GDT_Byte, 0, 0) != CE_None) {
      return {0.0, 0};
    }
  }
  std::size_t inked = 0;
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i < rgb[0].size(); ++i) {
    const int r = rgb[0][i], g = rgb[1][i], b = rgb[2][i];
    const bool blank = (r > 235 && g > 235 && b > 235);
    inked += blank ? 0 : 1;
    colours.insert(static_cast<std::uint32_t>(r << 16 | g << 8 | b));
  }
  return {static_cast<double>(inked) / static_cast<double>(rgb[0].size()), colours.size()};
}

TEST_F(ReportCommand, ChromiumDrawsEveryMapAndPlotAndPrintsAnA4Pdf) {
  if (!have("chromium")) GTEST_SKIP() << "chromium not installed (apt-get install chromium)";
  std::string output;
  ASSERT_EQ(run("report couverture-demo.gpkg --compare compare.gpkg --site site.gpkg -o page.html "
                "--pdf page.pdf",
                output),
            0)
      << output;
  const std::string html = read_all(path("page.html"));
  const std::string flags =
      "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync ";
  // No console message: a page without script logs one only on an error.
  fs::create_directories(path("profile-a"));
  ASSERT_EQ(
      testing::run_command("chromium " + flags + "--user-data-dir=" + path("profile-a").string() +
                               " --enable-logging=stderr --v=0 --dump-dom file://" +
                               path("page.html").string() + " > /dev/null",
                           output),
      0)
      << output;
  EXPECT_EQ(output.find("CONSOLE"), std::string::npos) << output;
  EXPECT_EQ(output.find("Uncaught"), std::string::npos) << output;

  // Every <svg> of the report, one per cell of a grid, screenshot at once.
  const std::regex svg("<svg[\\s\\S]*?</svg>");
  std::vector<std::string> figures;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), svg); it != std::sregex_iterator();
       ++it) {
    figures.push_back(it->str());
  }
  constexpr int kCell = 400, kColumns = 5;
  const int rows = static_cast<int>((figures.size() + kColumns - 1) / kColumns);
  {
    std::ofstream grid(path("grid.html"));
    grid << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0;"
            "background:#fff}div{position:absolute;width:"
         << kCell << "px;height:" << kCell << "px}svg{width:100%;height:100%}</style></head><body>";
    for (std::size_t i = 0; i < figures.size(); ++i) {
      grid << "<div style=\"left:" << (i % kColumns) * kCell << "px;top:" << (i / kColumns) * kCell
           << "px\">" << figures[i] << "</div>";
    }
    grid << "</body></html>";
  }
  fs::create_directories(path("profile-b"));
  ASSERT_EQ(testing::run_command(
                "chromium " + flags + "--user-data-dir=" + path("profile-b").string() +
                    " --hide-scrollbars --window-size=" + std::to_string(kColumns * kCell) + "," +
                    std::to_string(rows * kCell) + " --screenshot=" + path("grid.png").string() +
                    " file://" + path("grid.html").string(),
                output),
            0)
      << output;
  GDALDatasetUniquePtr image(
      GDALDataset::Open(path("grid.png").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  ASSERT_TRUE(image) << output;
  std::size_t maps = 0, plots = 0;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const bool map = figures[i].find("class=\"map\"") != std::string::npos;
    (map ? maps : plots) += 1;
    const auto [share, colours] = ink(*image, static_cast<int>(i % kColumns) * kCell,
                                      static_cast<int>(i / kColumns) * kCell, kCell, kCell);
    // A map fills its frame with communes; a plot draws axes and a curve.
    EXPECT_GT(share, map ? 0.08 : 0.03) << "figure " << i << " looks blank";
    EXPECT_GT(colours, map ? 12u : 3u) << "figure " << i;
  }
  // Six services: two maps each when places are known (EAJE, ALSH), one
  // otherwise, and a Lorenz plot each; the comparison and the siting draw
  // their difference maps.
  EXPECT_EQ(plots, 6u);
  EXPECT_GE(maps, 8u + 2u);

  if (!have("pdfinfo") || !have("pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  ASSERT_EQ(testing::run_command("pdfinfo " + path("page.pdf").string(), output), 0) << output;
  std::smatch pages;
  ASSERT_TRUE(std::regex_search(output, pages, std::regex("Pages:\\s+(\\d+)"))) << output;
  // A cover, at least one page per service, the comparison, the siting and
  // the methods; no more than four pages per section.
  const int count = std::stoi(pages[1]);
  EXPECT_GE(count, 1 + 6 + 3);
  EXPECT_LE(count, 4 * (1 + 6 + 3));
  EXPECT_NE(output.find("(A4)"), std::string::npos) << output;
  ASSERT_EQ(
      testing::run_command("pdftotext -enc UTF-8 " + path("page.pdf").string() + " -", output), 0);
  for (const char* commune :
       {"Remiremont", "Saint-Nabord", "Le Val-d'Ajol", "Saint-Étienne-lès-Remiremont", "Éloyes",
        "Saint-Amé", "Dommartin-lès-Remiremont", "Plombières-les-Bains", "Vecoux",
        "Girmont-Val-d'Ajol"}) {
    EXPECT_NE(output.find(commune), std::string::npos) << commune;
  }
  EXPECT_NE(output.find("Méthodes et données"), std::string::npos);
}

// The demo's GeoPackage opens as a QGIS project: layers grouped by service,
// all valid and styled, one service shown, a map with pixels on it.
TEST_F(ReportCommand, TheDemoGeoPackageOpensAsAQgisProject) {
  std::string output;
  if (testing::run_command("/usr/bin/python3 -c 'import qgis.core'", output) != 0) {
    GTEST_SKIP() << "PyQGIS not installed (scripts/install-qgis.sh)";
  }
  EXPECT_EQ(testing::run_command(
                "QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + dir_->string() +
                    " /usr/bin/python3 " COUVERTURE_SOURCE_DIR "/tests/io/check_qgis_project.py " +
                    path("couverture-demo.gpkg").string() + " " + path("project.png").string(),
                output),
            0)
      << output;
  EXPECT_TRUE(fs::exists(path("project.png")));
}

// The five attribute tables the issue names keep their French labels in a
// default style (QGIS 3.22 shows aliases from the style; GDAL 3.6 stores none).
TEST_F(ReportCommand, AttributeTablesCarryTheirFrenchLabels) {
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> expected = {
      {"couverture-demo.gpkg", {"run_info", "Valeur"}},
      {"couverture-demo.gpkg", {"equity", "Indice de Gini"}},
      {"couverture-demo.gpkg", {"lorenz", "Part cumulée de la population"}},
      {"site.gpkg", {"siting_solutions", "Valeur de l'objectif"}},
      {"compare.gpkg", {"equity_diff", "Référence"}}};
  for (const auto& [file, table_label] : expected) {
    Gpkg gpkg(path(file));
    ASSERT_NE(gpkg.dataset, nullptr) << file;
    const std::string sql =
        "SELECT styleQML, f_geometry_column FROM layer_styles WHERE "
        "useAsDefault = 1 AND f_table_schema = '' AND f_table_name = '" +
        table_label.first + "'";
    OGRLayer* rows = gpkg.dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    ASSERT_NE(rows, nullptr) << file;
    std::unique_ptr<OGRFeature> row{rows->GetNextFeature()};
    ASSERT_TRUE(row) << file << ": no default style for " << table_label.first;
    const std::string qml = row->GetFieldAsString(0);
    std::string label = table_label.second;
    for (auto at = label.find('\''); at != std::string::npos; at = label.find('\'', at + 6)) {
      label.replace(at, 1, "&apos;");
    }
    EXPECT_NE(qml.find("name=\"" + label + "\""), std::string::npos) << table_label.first << qml;
    row.reset();
    gpkg.dataset->ReleaseResultSet(rows);
  }
}

TEST_F(ReportCommand, ExportWritesSpreadsheetsWhoseNumbersAreTheGeoPackages) {
  for (const char* name : {"diagnostic.xlsx", "diagnostic.ods"}) {
    std::string output;
    ASSERT_EQ(run(std::string("export couverture-demo.gpkg -o ") + name, output), 0) << output;
    GDALDatasetUniquePtr sheet(static_cast<GDALDataset*>(GDALOpenEx(
        path(name).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    ASSERT_TRUE(sheet) << name;
    for (const char* expected : {"Communes", "Équipements", "Équité", "Courbes de Lorenz",
                                 "Informations du calcul", "Paramètres", "Sources des données"}) {
      EXPECT_NE(sheet->GetLayerByName(expected), nullptr) << name << ": " << expected;
    }
    Gpkg gpkg(path("couverture-demo.gpkg"));
    ASSERT_NE(gpkg.dataset, nullptr);
    // French headers with units, numbers as numbers, equal to the GeoPackage's.
    OGRLayer* communes = sheet->GetLayerByName("Communes");
    ASSERT_NE(communes, nullptr);
    const OGRFeatureDefn* definition = communes->GetLayerDefn();
    const int code = definition->GetFieldIndex("Code INSEE");
    const int population = definition->GetFieldIndex("Population");
    const int mean = definition->GetFieldIndex("Temps moyen vers eaje (min)");
    ASSERT_GE(code, 0) << name;
    ASSERT_GE(population, 0) << name;
    ASSERT_GE(mean, 0) << name;
    EXPECT_NE(definition->GetFieldDefn(population)->GetType(), OFTString) << name;
    EXPECT_EQ(definition->GetFieldDefn(mean)->GetType(), OFTReal) << name;
    std::size_t rows = 0;
    for (auto& row : *communes) {
      const std::string insee = row->GetFieldAsString(code);
      EXPECT_DOUBLE_EQ(row->GetFieldAsDouble(population),
                       *gpkg_value(*gpkg.dataset, "communes", "population", "code=" + insee));
      EXPECT_DOUBLE_EQ(row->GetFieldAsDouble(mean),
                       *gpkg_value(*gpkg.dataset, "communes", "eaje_mean_min", "code=" + insee));
      ++rows;
    }
    EXPECT_EQ(rows, 10u);
    OGRLayer* equity = sheet->GetLayerByName("Équité");
    const int gini = equity->GetLayerDefn()->GetFieldIndex("Indice de Gini");
    ASSERT_GE(gini, 0);
    for (auto& row : *equity) {
      const std::string type = row->GetFieldAsString("Type de service");
      EXPECT_NEAR(row->GetFieldAsDouble(gini),
                  *gpkg_value(*gpkg.dataset, "equity", "gini", "service_type=" + type), 1e-12);
    }
    OGRLayer* sources = sheet->GetLayerByName("Sources des données");
    bool sha = false;
    for (auto& row : *sources) sha |= std::string(row->GetFieldAsString(2)).size() == 64;
    EXPECT_TRUE(sha) << "the input files' SHA-256";
  }
  // LibreOffice, when installed, converts it too (GDAL's reading is the check otherwise).
  if (!have("soffice")) return;
  std::string output;
  EXPECT_EQ(testing::run_command(
                "cd " + dir_->string() + " && soffice --headless --convert-to csv diagnostic.xlsx",
                output),
            0)
      << output;
}

}  // namespace
}  // namespace couverture
