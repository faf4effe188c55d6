#include "couverture/io/geopackage_reader.hpp"

#include <gtest/gtest.h>
#include <proj.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/geopackage_writer.hpp"
#include "couverture/io/qml_style.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

std::vector<OutputLayer> sample() {
  std::vector<OutputLayer> layers(2);
  OutputLayer& points = layers[0];
  points.name = "facilities";
  points.geometry_type = "point";
  points.description = "Service locations";
  points.geometries.push_back(geos_point(6.5917, 48.0172));
  points.geometries.push_back(geos_point(6.60, 48.03));
  points.columns.push_back(
      {"name", OutputColumn::Type::text, {std::string("Crèche"), std::string("R&D <1>")}, "Nom"});
  points.columns.push_back(
      {"capacity", OutputColumn::Type::real, {40.5, std::nullopt}, "Capacité (places)"});
  points.columns.push_back(
      {"rank", OutputColumn::Type::integer, {std::int64_t{1}, std::int64_t{2}}, ""});
  points.style_qml = single_symbol_style_qml(GeometryKind::point, {1, 2, 3}, {0, 0, 0});
  OutputLayer& info = layers[1];
  info.name = "run_info";
  info.geometry_type = "none";
  info.columns.push_back(
      {"key", OutputColumn::Type::text, {std::string("a"), std::string("b")}, "Clé"});
  info.columns.push_back(
      {"value", OutputColumn::Type::text, {std::string("1"), std::string("deux")}, "Valeur"});
  return layers;
}

// Lambert-93 straight through PROJ, independently of GDAL.
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

TEST(GeopackageReader, ReadsBackValuesLabelsAndGeometriesInTheFilesCrs) {
  const auto dir = testing::make_temp_dir("gpkg-reader");
  write_geopackage(dir / "out.gpkg", sample(), "EPSG:2154", false);
  const GeoPackageContents contents = read_geopackage(dir / "out.gpkg");
  EXPECT_EQ(contents.crs, "EPSG:2154");
  ASSERT_EQ(contents.tables.size(), 2u);
  const GeoTable* facilities = contents.find("facilities");
  ASSERT_NE(facilities, nullptr);
  EXPECT_EQ(facilities->geometry_type, "point");
  EXPECT_EQ(facilities->description, "Service locations");
  EXPECT_EQ(facilities->row_count(), 2u);
  const OutputColumn* name = facilities->column("name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->alias, "Nom");
  EXPECT_EQ(std::get<std::string>(*name->at(1)), "R&D <1>");
  const OutputColumn* capacity = facilities->column("capacity");
  EXPECT_EQ(capacity->alias, "Capacité (places)");
  EXPECT_EQ(std::get<double>(*capacity->at(0)), 40.5);
  EXPECT_FALSE(capacity->at(1).has_value());
  EXPECT_EQ(std::get<std::int64_t>(*facilities->column("rank")->at(1)), 2);
  EXPECT_EQ(facilities->column("rank")->alias, "");
  double x = 0, y = 0;
  GEOSGeomGetX_r(geos_context(), facilities->geometries[0].get(), &x);
  GEOSGeomGetY_r(geos_context(), facilities->geometries[0].get(), &y);
  const auto [ex, ey] = lambert93(6.5917, 48.0172);
  EXPECT_NEAR(x, ex, 0.01);
  EXPECT_NEAR(y, ey, 0.01);
  const GeoTable* info = contents.find("run_info");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->geometry_type, "none");
  EXPECT_EQ(info->column("key")->alias, "Clé");
  EXPECT_EQ(table_value(*info, "b"), "deux");
  EXPECT_EQ(table_value(*info, "c"), std::nullopt);
  EXPECT_EQ(contents.find("layer_styles"), nullptr);
  // A table left out on request.
  const GeoPackageContents lighter = read_geopackage(dir / "out.gpkg", {"facilities"});
  EXPECT_EQ(lighter.find("facilities"), nullptr);
  EXPECT_NE(lighter.find("run_info"), nullptr);
  EXPECT_TRUE(contents.raster_tables.empty());
  fs::remove_all(dir);
}

TEST(GeopackageReader, StyleAliasesAreDecoded) {
  const auto aliases = style_aliases(
      "<qgis><aliases><alias field=\"a\" name=\"L&apos;accueil &amp; co\"/>"
      "<alias field=\"b\" name=\"&lt;5 min\"/></aliases></qgis>");
  ASSERT_EQ(aliases.size(), 2u);
  EXPECT_EQ(aliases[0], (std::pair<std::string, std::string>{"a", "L'accueil & co"}));
  EXPECT_EQ(aliases[1].second, "<5 min");
  EXPECT_TRUE(style_aliases("<qgis/>").empty());
}

TEST(GeopackageReader, AFileThatIsNotAGeoPackageIsNamed) {
  const auto dir = testing::make_temp_dir("gpkg-reader");
  std::ofstream(dir / "notes.gpkg") << "not a database";
  try {
    (void)read_geopackage(dir / "notes.gpkg");
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("notes.gpkg: not a GeoPackage"), std::string::npos)
        << error.what();
  }
  EXPECT_THROW((void)read_geopackage(dir / "absent.gpkg"), DataError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace couverture
