#include "couverture/io/geopackage_writer.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <proj.h>

#include <fstream>
#include <sstream>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/qml_style.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// Remiremont town hall, roughly.
constexpr double kLon = 6.5917;
constexpr double kLat = 48.0172;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> folder_entries(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

OutputLayer sample_points() {
  OutputLayer layer;
  layer.name = "facilities";
  layer.geometry_type = "point";
  layer.description = "Service locations";
  layer.geometries.push_back(geos_point(kLon, kLat));
  layer.geometries.push_back(geos_point(6.60, 48.03));
  layer.columns.push_back(
      {"id", OutputColumn::Type::text, {std::string("A"), std::string("B")}, ""});
  layer.columns.push_back(
      {"minutes", OutputColumn::Type::real, {12.5, std::nullopt}, "Temps moyen (min)"});
  layer.columns.push_back(
      {"places", OutputColumn::Type::integer, {std::int64_t{10}, std::int64_t{20}}, ""});
  const std::vector<StyleCategory> categories = {{"A", "Crèche A", {31, 120, 180, 255}},
                                                 {"B", "Crèche B", {227, 26, 28, 255}}};
  layer.style_qml = categorized_style_qml("id", GeometryKind::point, categories, "id");
  return layer;
}

OutputLayer sample_polygons() {
  OutputLayer layer;
  layer.name = "communes";
  layer.geometry_type = "multipolygon";
  layer.geometries.push_back(
      geos_from_wkt("POLYGON((6.55 48.0, 6.65 48.0, 6.65 48.05, 6.55 48.05, 6.55 48.0))"));
  layer.columns.push_back({"code", OutputColumn::Type::text, {std::string("88383")}, "Code INSEE"});
  layer.columns.push_back({"minutes", OutputColumn::Type::real, {7.5}, "Temps moyen (min)"});
  const std::vector<double> breaks = {0, 5, 10, 15, 20};
  const std::vector<std::string> labels = {"0–5 min", "5–10 min", "10–15 min", "15–20 min"};
  layer.style_qml = graduated_style_qml("minutes", GeometryKind::polygon, breaks, green_to_red(4),
                                        labels, "code");
  return layer;
}

OutputLayer sample_table() {
  OutputLayer layer;
  layer.name = "summary";
  layer.geometry_type = "none";
  layer.columns.push_back({"key", OutputColumn::Type::text, {std::string("population")}, ""});
  layer.columns.push_back({"value", OutputColumn::Type::real, {28940.0}, ""});
  return layer;
}

std::vector<OutputLayer> sample_layers() {
  std::vector<OutputLayer> layers;
  layers.push_back(sample_points());
  layers.push_back(sample_polygons());
  layers.push_back(sample_table());
  return layers;
}

GDALDatasetUniquePtr open_read_only(const fs::path& path) {
  GDALAllRegister();
  return GDALDatasetUniquePtr(
      GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

// Lambert-93 of a WGS84 point straight through PROJ, not through the writer's OGR path.
std::pair<double, double> lambert93(double lon, double lat) {
  PJ_CONTEXT* context = proj_context_create();
  PJ* raw = proj_create_crs_to_crs(context, "EPSG:4326", "EPSG:2154", nullptr);
  PJ* transform = proj_normalize_for_visualization(context, raw);
  const PJ_COORD out = proj_trans(transform, PJ_FWD, proj_coord(lon, lat, 0, 0));
  proj_destroy(transform);
  proj_destroy(raw);
  proj_context_destroy(context);
  return {out.xy.x, out.xy.y};
}

TEST(GeopackageWriter, WritesLayersValuesCrsAliasesAndStyles) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  const auto layers = sample_layers();
  write_geopackage(dir / "out.gpkg", layers, "EPSG:2154", false);
  EXPECT_EQ(folder_entries(dir), std::vector<std::string>{"out.gpkg"});

  auto dataset = open_read_only(dir / "out.gpkg");
  ASSERT_TRUE(dataset);
  OGRLayer* points = dataset->GetLayerByName("facilities");
  ASSERT_NE(points, nullptr);
  ASSERT_NE(points->GetSpatialRef(), nullptr);
  EXPECT_STREQ(points->GetSpatialRef()->GetAuthorityCode(nullptr), "2154");
  EXPECT_EQ(points->GetFeatureCount(), 2);
  EXPECT_STREQ(points->GetGeometryColumn(), "geom");
  const OGRFeatureDefn* definition = points->GetLayerDefn();
  const int minutes = definition->GetFieldIndex("minutes");
  ASSERT_GE(minutes, 0);
  // Aliases: GDAL 3.6 neither writes nor reads them for GPKG; checked below.
  EXPECT_EQ(definition->GetFieldDefn(definition->GetFieldIndex("places"))->GetType(), OFTInteger64);

  std::unique_ptr<OGRFeature> first(points->GetNextFeature());
  ASSERT_TRUE(first);
  EXPECT_STREQ(first->GetFieldAsString("id"), "A");
  EXPECT_DOUBLE_EQ(first->GetFieldAsDouble("minutes"), 12.5);
  EXPECT_EQ(first->GetFieldAsInteger64("places"), 10);
  const auto* point = first->GetGeometryRef()->toPoint();
  const auto [x, y] = lambert93(kLon, kLat);
  EXPECT_NEAR(point->getX(), x, 0.01);
  EXPECT_NEAR(point->getY(), y, 0.01);
  // Sanity: Remiremont lies around x 970 km, y 6 780 km in Lambert-93.
  EXPECT_NEAR(point->getX(), 970000, 20000);
  EXPECT_NEAR(point->getY(), 6780000, 20000);
  std::unique_ptr<OGRFeature> second(points->GetNextFeature());
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->IsFieldNull(minutes));

  OGRLayer* communes = dataset->GetLayerByName("communes");
  ASSERT_NE(communes, nullptr);
  EXPECT_EQ(wkbFlatten(communes->GetGeomType()), wkbMultiPolygon);
  std::unique_ptr<OGRFeature> commune(communes->GetNextFeature());
  ASSERT_TRUE(commune);
  EXPECT_STREQ(commune->GetFieldAsString("code"), "88383");
  EXPECT_EQ(wkbFlatten(commune->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);

  OGRLayer* contents = dataset->ExecuteSQL(
      "SELECT data_type, description FROM gpkg_contents WHERE table_name = 'summary'", nullptr,
      nullptr);
  ASSERT_NE(contents, nullptr);
  std::unique_ptr<OGRFeature> row(contents->GetNextFeature());
  ASSERT_TRUE(row);
  EXPECT_STREQ(row->GetFieldAsString(0), "attributes");
  row.reset();
  dataset->ReleaseResultSet(contents);

  OGRLayer* styles = dataset->ExecuteSQL(
      "SELECT f_table_name, f_table_schema, f_geometry_column, useAsDefault, styleQML "
      "FROM layer_styles ORDER BY f_table_name",
      nullptr, nullptr);
  ASSERT_NE(styles, nullptr);
  std::vector<std::string> styled;
  while (std::unique_ptr<OGRFeature> style{styles->GetNextFeature()}) {
    styled.emplace_back(style->GetFieldAsString(0));
    EXPECT_FALSE(style->IsFieldNull(1)) << "QGIS ignores a NULL f_table_schema";
    EXPECT_STREQ(style->GetFieldAsString(1), "");
    EXPECT_STREQ(style->GetFieldAsString(2), "geom");
    EXPECT_EQ(style->GetFieldAsInteger(3), 1);
    const std::string qml = style->GetFieldAsString(4);
    EXPECT_NE(qml.find("<alias field=\"minutes\" name=\"Temps moyen (min)\"/>"), std::string::npos)
        << qml;
  }
  dataset->ReleaseResultSet(styles);
  EXPECT_EQ(styled, (std::vector<std::string>{"communes", "facilities"}));
  dataset.reset();
  fs::remove_all(dir);
}

OutputLayer labelled_table() {
  OutputLayer layer;
  layer.name = "equity";
  layer.geometry_type = "none";
  layer.columns.push_back({"gini", OutputColumn::Type::real, {0.25}, "Indice de Gini"});
  layer.columns.push_back({"note", OutputColumn::Type::text, {std::string("x")}, ""});
  return layer;
}

// An attribute table has no renderer, but its French labels travel in a
// style of their own (the issue: run_info, equity, lorenz... lost them).
TEST(GeopackageWriter, AnAttributeTableKeepsItsLabelsInAStyle) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  std::vector<OutputLayer> layers;
  layers.push_back(labelled_table());
  write_geopackage(dir / "out.gpkg", layers, "EPSG:2154", false);
  auto dataset = open_read_only(dir / "out.gpkg");
  ASSERT_TRUE(dataset);
  OGRLayer* styles = dataset->ExecuteSQL(
      "SELECT f_table_name, f_table_schema, f_geometry_column, useAsDefault, styleQML "
      "FROM layer_styles",
      nullptr, nullptr);
  ASSERT_NE(styles, nullptr);
  std::unique_ptr<OGRFeature> style{styles->GetNextFeature()};
  ASSERT_TRUE(style);
  EXPECT_STREQ(style->GetFieldAsString(0), "equity");
  EXPECT_STREQ(style->GetFieldAsString(1), "");
  EXPECT_STREQ(style->GetFieldAsString(2), "");
  EXPECT_EQ(style->GetFieldAsInteger(3), 1);
  const std::string qml = style->GetFieldAsString(4);
  EXPECT_NE(qml.find("<alias field=\"gini\" name=\"Indice de Gini\"/>"), std::string::npos) << qml;
  EXPECT_EQ(qml.find("renderer-v2"), std::string::npos) << qml;
  style.reset();
  dataset->ReleaseResultSet(styles);
  dataset.reset();
  std::string output;
  if (testing::run_command("/usr/bin/python3 -c 'import qgis.core'", output) == 0) {
    const std::string script =
        std::string(COUVERTURE_SOURCE_DIR) + "/tests/io/check_qgis_aliases.py";
    const int code = testing::run_command(
        "QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + dir.string() + " /usr/bin/python3 " +
            script + " " + (dir / "out.gpkg").string() + " equity 'gini=Indice de Gini'",
        output);
    EXPECT_EQ(code, 0) << output;
  }
  fs::remove_all(dir);
}

TEST(GeopackageWriter, PassesGdalsValidator) {
  const fs::path validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";
  if (!fs::exists(validator) || !fs::exists("/usr/bin/python3")) {
    GTEST_SKIP() << "GDAL's validate_gpkg.py is not installed";
  }
  const auto dir = testing::make_temp_dir("gpkg-writer");
  write_geopackage(dir / "out.gpkg", sample_layers(), "EPSG:2154", false);
  std::string output;
  const int code = testing::run_command(
      "/usr/bin/python3 " + validator.string() + " " + (dir / "out.gpkg").string(), output);
  EXPECT_EQ(code, 0) << output;
  fs::remove_all(dir);
}

// Opens the file in real QGIS (PyQGIS, headless) when it is installed.
TEST(GeopackageWriter, QgisLoadsTheLayersWithTheirStyles) {
  std::string output;
  if (testing::run_command("/usr/bin/python3 -c 'import qgis.core'", output) != 0) {
    GTEST_SKIP() << "PyQGIS not installed (scripts/install-qgis.sh)";
  }
  const auto dir = testing::make_temp_dir("gpkg-qgis");
  write_geopackage(dir / "out.gpkg", sample_layers(), "EPSG:2154", false);
  const std::string script = std::string(COUVERTURE_SOURCE_DIR) + "/tests/io/check_qgis_styles.py";
  const int code = testing::run_command(
      "QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + dir.string() + " /usr/bin/python3 " + script +
          " " + (dir / "out.gpkg").string() + " " + dir.string() +
          " facilities=categorizedSymbol communes=graduatedSymbol",
      output);
  EXPECT_EQ(code, 0) << output;
  EXPECT_TRUE(fs::exists(dir / "communes.png")) << output;
  fs::remove_all(dir);
}

TEST(GeopackageWriter, RefusesAnExistingFileWithoutOverwrite) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  std::ofstream(dir / "out.gpkg") << "previous";
  EXPECT_THROW(write_geopackage(dir / "out.gpkg", sample_layers(), "EPSG:2154", false), DataError);
  EXPECT_EQ(read_all(dir / "out.gpkg"), "previous");
  EXPECT_EQ(folder_entries(dir), std::vector<std::string>{"out.gpkg"});
  fs::remove_all(dir);
}

TEST(GeopackageWriter, OverwriteReplacesAValidFile) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  write_geopackage(dir / "out.gpkg", sample_layers(), "EPSG:2154", false);
  std::vector<OutputLayer> one;
  one.push_back(sample_table());
  write_geopackage(dir / "out.gpkg", one, "EPSG:2154", true);
  auto dataset = open_read_only(dir / "out.gpkg");
  ASSERT_TRUE(dataset);
  EXPECT_EQ(dataset->GetLayerCount(), 1);
  dataset.reset();
  EXPECT_EQ(folder_entries(dir), std::vector<std::string>{"out.gpkg"});
  fs::remove_all(dir);
}

TEST(GeopackageWriter, FailureMidWriteLeavesThePreviousFileAndNoTemporary) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  write_geopackage(dir / "out.gpkg", sample_layers(), "EPSG:2154", false);
  const std::string previous = read_all(dir / "out.gpkg");

  auto layers = sample_layers();
  // A point cannot go into a polygon layer: fails on the second layer.
  layers[1].geometries[0] = geos_point(6.6, 48.0);
  try {
    write_geopackage(dir / "out.gpkg", layers, "EPSG:2154", true);
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("out.gpkg"), std::string::npos) << message;
    EXPECT_NE(message.find("layer 'communes'"), std::string::npos) << message;
    EXPECT_NE(message.find("feature 1"), std::string::npos) << message;
  }
  EXPECT_EQ(read_all(dir / "out.gpkg"), previous);
  EXPECT_EQ(folder_entries(dir), std::vector<std::string>{"out.gpkg"});
  fs::remove_all(dir);
}

TEST(GeopackageWriter, UnknownCrsIsNamed) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  try {
    write_geopackage(dir / "out.gpkg", sample_layers(), "EPSG:999999", false);
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("EPSG:999999"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(folder_entries(dir).empty());
  fs::remove_all(dir);
}

TEST(GeopackageWriter, MismatchedColumnLengthIsNamed) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  auto layers = sample_layers();
  layers[0].columns[1] = {"minutes", OutputColumn::Type::real, {12.5}, "Temps moyen (min)"};
  try {
    write_geopackage(dir / "out.gpkg", layers, "EPSG:2154", false);
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("layer 'facilities'"), std::string::npos) << message;
    EXPECT_NE(message.find("column 'minutes'"), std::string::npos) << message;
  }
  fs::remove_all(dir);
}

// SQLite holds at most 2,000 columns per table (SQLITE_MAX_COLUMN): fid,
// geometry and 1,998 attributes are written; one more is refused before the
// file is created, in one line naming the layer (SQLite's own error quotes
// the whole CREATE TABLE).
TEST(GeopackageWriter, ColumnsBeyondSqlitesLimitAreRefusedBeforeWriting) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  std::vector<OutputLayer> layers;
  layers.push_back(sample_polygons());
  OutputLayer& wide = layers[0];
  wide.columns.clear();
  for (int c = 0; c < 1998; ++c) {
    std::string name(1, 'c');  // appended: GCC 12 warns falsely on "c" + std::to_string
    name.append(std::to_string(c));
    wide.columns.push_back({name, OutputColumn::Type::real, {1.0 * c}, ""});
  }
  write_geopackage(dir / "fits.gpkg", layers, "EPSG:2154", false);
  const auto fits = open_read_only(dir / "fits.gpkg");
  EXPECT_EQ(fits->GetLayer(0)->GetLayerDefn()->GetFieldCount(), 1998);

  wide.columns.push_back({"one_more", OutputColumn::Type::real, {1.0}, ""});
  try {
    write_geopackage(dir / "wide.gpkg", layers, "EPSG:2154", false);
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("wide.gpkg, layer 'communes': 2001 columns"), std::string::npos)
        << message;
    EXPECT_LT(message.size(), 300U) << message;
  }
  EXPECT_FALSE(fs::exists(dir / "wide.gpkg"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace couverture

namespace couverture {
namespace {

// "r12" (appended: GCC 12 warns falsely on "r" + std::to_string at -O3).
std::string row_label(std::size_t i) {
  std::string label(1, 'r');
  label.append(std::to_string(i));
  return label;
}

// Rows cross transaction boundaries (kFeaturesPerTransaction) at a count
// that is not a multiple of the batch: every row is written once, in order,
// with its NULLs, on both sides of each commit.
TEST(GeopackageWriter, WritesEveryRowAcrossTransactionBatches) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  const std::size_t batch = kFeaturesPerTransaction;
  const std::size_t rows = 2 * batch + 3;
  OutputLayer table;
  table.name = "many";
  table.geometry_type = "none";
  OutputColumn index("i", OutputColumn::Type::integer);
  OutputColumn half("half", OutputColumn::Type::real);
  OutputColumn label("label", OutputColumn::Type::text);
  for (std::size_t i = 0; i < rows; ++i) {
    index.push_integer(static_cast<std::int64_t>(i));
    if (i % 2 == 0) {
      half.push_real(static_cast<double>(i) / 2.0);
    } else {
      half.push_null();
    }
    label.push_text(row_label(i));
  }
  table.columns = {index, half, label};
  OutputLayer points;
  points.name = "points";
  points.geometry_type = "point";
  OutputColumn id("id", OutputColumn::Type::integer);
  for (std::size_t i = 0; i < batch + 1; ++i) {
    points.geometries.push_back(geos_point(kLon + 1e-6 * static_cast<double>(i), kLat));
    id.push_integer(static_cast<std::int64_t>(i));
  }
  points.columns = {id};
  std::vector<OutputLayer> layers;
  layers.push_back(std::move(table));
  layers.push_back(std::move(points));
  write_geopackage(dir / "out.gpkg", layers, "EPSG:2154", false);

  auto dataset = open_read_only(dir / "out.gpkg");
  ASSERT_TRUE(dataset);
  OGRLayer* many = dataset->GetLayerByName("many");
  ASSERT_NE(many, nullptr);
  EXPECT_EQ(many->GetFeatureCount(), static_cast<GIntBig>(rows));
  for (std::size_t i : {std::size_t{0}, batch - 1, batch, batch + 1, 2 * batch, rows - 1}) {
    std::unique_ptr<OGRFeature> feature(many->GetFeature(static_cast<GIntBig>(i + 1)));
    ASSERT_TRUE(feature) << i;
    EXPECT_EQ(feature->GetFieldAsInteger64("i"), static_cast<GIntBig>(i));
    EXPECT_EQ(feature->IsFieldNull(feature->GetFieldIndex("half")), i % 2 == 1) << i;
    if (i % 2 == 0) {
      EXPECT_DOUBLE_EQ(feature->GetFieldAsDouble("half"), static_cast<double>(i) / 2);
    }
    EXPECT_EQ(std::string(feature->GetFieldAsString("label")), row_label(i));
  }
  OGRLayer* written = dataset->GetLayerByName("points");
  ASSERT_NE(written, nullptr);
  EXPECT_EQ(written->GetFeatureCount(), static_cast<GIntBig>(batch + 1));
  std::unique_ptr<OGRFeature> last(written->GetFeature(static_cast<GIntBig>(batch + 1)));
  ASSERT_TRUE(last);
  EXPECT_EQ(last->GetFieldAsInteger64("id"), static_cast<GIntBig>(batch));
  ASSERT_NE(last->GetGeometryRef(), nullptr);
  dataset.reset();
  fs::remove_all(dir);
}

// The compact forms of the largest table (points as coordinates, text as
// indices into labels, integers in 4 bytes) write what the plain forms (a
// GEOS point each, a text arena) write, and widened integers stay exact: the
// same geometry bytes and values, read back through GDAL; the points land
// where PROJ puts them on its own.
TEST(GeopackageWriter, CompactPointsLabelsAndIntegersWriteWhatPlainOnesWrite) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  const std::vector<LonLat> where = {{kLon, kLat}, {6.60, 48.03}, {6.7, 47.99}};
  const std::vector<std::optional<std::string>> nearest = {"B", std::nullopt, "A"};
  const std::vector<std::int64_t> counts = {0, 3, 2147483647};
  const std::vector<std::int64_t> big_values = {-1, 2147483648LL, -(std::int64_t{1} << 40)};
  OutputLayer compact;
  compact.name = "compact";
  compact.geometry_type = "point";
  compact.points = where;
  OutputColumn labelled("nearest", OutputColumn::Type::text);
  labelled.use_labels({"A", "B"});
  labelled.push_label(1);
  labelled.push_null();
  labelled.push_label(0);
  OutputColumn narrow("count", OutputColumn::Type::integer);
  for (std::int64_t count : counts) narrow.push_integer(count);
  OutputColumn widened("big", OutputColumn::Type::integer);  // 4 bytes, then 8 from row 1
  for (std::int64_t big : big_values) widened.push_integer(big);
  compact.columns = {labelled, narrow, widened};
  OutputLayer plain;
  plain.name = "plain";
  plain.geometry_type = "point";
  for (const LonLat& p : where) plain.geometries.push_back(geos_point(p.lon, p.lat));
  OutputColumn arena("nearest", OutputColumn::Type::text);
  for (const auto& id : nearest) id ? arena.push_text(*id) : arena.push_null();
  OutputColumn same_counts("count", OutputColumn::Type::integer);
  for (std::int64_t count : counts) same_counts.push_integer(count);
  plain.columns = {arena, same_counts};
  std::vector<OutputLayer> layers;
  layers.push_back(std::move(compact));
  layers.push_back(std::move(plain));
  write_geopackage(dir / "out.gpkg", layers, "EPSG:2154", false);

  auto dataset = open_read_only(dir / "out.gpkg");
  ASSERT_TRUE(dataset);
  OGRLayer* a = dataset->GetLayerByName("compact");
  OGRLayer* b = dataset->GetLayerByName("plain");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(a->GetFeatureCount(), 3);
  EXPECT_EQ(wkbFlatten(a->GetGeomType()), wkbPoint);
  for (std::size_t i = 0; i < where.size(); ++i) {
    std::unique_ptr<OGRFeature> fa(a->GetNextFeature());
    std::unique_ptr<OGRFeature> fb(b->GetNextFeature());
    ASSERT_TRUE(fa && fb) << i;
    const OGRPoint* pa = fa->GetGeometryRef()->toPoint();
    const auto [x, y] = lambert93(where[i].lon, where[i].lat);
    EXPECT_NEAR(pa->getX(), x, 0.01) << i;
    EXPECT_NEAR(pa->getY(), y, 0.01) << i;
    std::vector<unsigned char> wkb_a(pa->WkbSize()), wkb_b(fb->GetGeometryRef()->WkbSize());
    pa->exportToWkb(wkbNDR, wkb_a.data());
    fb->GetGeometryRef()->exportToWkb(wkbNDR, wkb_b.data());
    EXPECT_EQ(wkb_a, wkb_b) << i;
    EXPECT_EQ(fa->IsFieldNull(0), !nearest[i].has_value()) << i;
    if (nearest[i]) {
      EXPECT_EQ(std::string(fa->GetFieldAsString(0)), *nearest[i]) << i;
    }
    EXPECT_EQ(std::string(fa->GetFieldAsString(0)), fb->GetFieldAsString(0)) << i;
    EXPECT_EQ(fa->GetFieldAsInteger64(1), counts[i]) << i;
    EXPECT_EQ(fb->GetFieldAsInteger64(1), counts[i]) << i;
    EXPECT_EQ(fa->GetFieldAsInteger64(2), big_values[i]) << i;
  }
  dataset.reset();
  fs::remove_all(dir);
}

TEST(GeopackageWriter, PointsAsCoordinatesOnlyInAPointLayerOfTheirOwn) {
  const auto dir = testing::make_temp_dir("gpkg-writer");
  for (const std::string type : {"polygon", "point"}) {
    std::vector<OutputLayer> layers(1);
    layers[0].name = "mixed";
    layers[0].geometry_type = type;
    layers[0].points = {{kLon, kLat}};
    if (type == "point") layers[0].geometries.push_back(geos_point(kLon, kLat));
    try {
      write_geopackage(dir / "out.gpkg", layers, "EPSG:2154", false);
      FAIL() << "expected a DataError for a " << type << " layer";
    } catch (const DataError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find("layer 'mixed'"), std::string::npos) << message;
      EXPECT_NE(message.find("point layer"), std::string::npos) << message;
    }
  }
  EXPECT_FALSE(fs::exists(dir / "out.gpkg"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace couverture
