#include "couverture/io/population_grid_reader.hpp"

#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// One Filosofi cell: its lower-left corner (metres) and its counts in the
// order of the columns written.
struct GridRow {
  double x = 0.0;
  double y = 0.0;
  std::vector<double> values;
};

const std::vector<std::string> kFilosofiColumns = {"Idcar_200m", "Ind",      "Ind_0_3",
                                                   "Ind_4_5",    "Ind_6_10", "Ind_11_17"};

// Writes 200 m square cells to a GeoPackage with GDAL's C API; `epsg` 0
// writes a layer without CRS. The first column is text (the cell id).
void write_grid(const fs::path& path, int epsg, const std::vector<std::string>& columns,
                const std::vector<GridRow>& rows) {
  GDALAllRegister();
  GDALDriverH driver = GDALGetDriverByName("GPKG");
  ASSERT_NE(driver, nullptr);
  GDALDatasetH dataset = GDALCreate(driver, path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  ASSERT_NE(dataset, nullptr);
  OGRSpatialReferenceH srs = nullptr;
  if (epsg != 0) {
    srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, epsg);
  }
  OGRLayerH layer = GDALDatasetCreateLayer(dataset, "carreaux", srs, wkbPolygon, nullptr);
  ASSERT_NE(layer, nullptr);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    OGRFieldDefnH field = OGR_Fld_Create(columns[i].c_str(), i == 0 ? OFTString : OFTReal);
    OGR_L_CreateField(layer, field, TRUE);
    OGR_Fld_Destroy(field);
  }
  int id = 0;
  for (const GridRow& row : rows) {
    OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
    OGR_F_SetFieldString(feature, 0, ("cell" + std::to_string(id++)).c_str());
    for (std::size_t i = 0; i < row.values.size(); ++i) {
      OGR_F_SetFieldDouble(feature, static_cast<int>(i + 1), row.values[i]);
    }
    const std::string wkt = "POLYGON((" + std::to_string(row.x) + " " + std::to_string(row.y) +
                            "," + std::to_string(row.x + 200) + " " + std::to_string(row.y) + "," +
                            std::to_string(row.x + 200) + " " + std::to_string(row.y + 200) + "," +
                            std::to_string(row.x) + " " + std::to_string(row.y + 200) + "," +
                            std::to_string(row.x) + " " + std::to_string(row.y) + "))";
    OGRGeometryH geometry = nullptr;
    char* text = const_cast<char*>(wkt.c_str());
    ASSERT_EQ(OGR_G_CreateFromWkt(&text, nullptr, &geometry), OGRERR_NONE);
    OGR_F_SetGeometryDirectly(feature, geometry);
    ASSERT_EQ(OGR_L_CreateFeature(layer, feature), OGRERR_NONE);
    OGR_F_Destroy(feature);
  }
  GDALClose(dataset);
  if (srs != nullptr) OSRDestroySpatialReference(srs);
}

// (x, y) in `epsg` moved to WGS84 lon/lat by OSR directly.
LonLat to_wgs84(int epsg, double x, double y) {
  OGRSpatialReferenceH from = OSRNewSpatialReference(nullptr);
  OGRSpatialReferenceH to = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(from, epsg);
  OSRImportFromEPSG(to, 4326);
  OSRSetAxisMappingStrategy(from, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(to, OAMS_TRADITIONAL_GIS_ORDER);
  OGRCoordinateTransformationH transformation = OCTNewCoordinateTransformation(from, to);
  OCTTransform(transformation, 1, &x, &y, nullptr);
  OCTDestroyCoordinateTransformation(transformation);
  OSRDestroySpatialReference(from);
  OSRDestroySpatialReference(to);
  return {x, y};
}

class PopulationGridReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("population_grid"); }
  void TearDown() override { fs::remove_all(dir_); }

  static void expect_error(const fs::path& path, const std::vector<std::string>& fragments) {
    std::vector<std::string> warnings;
    try {
      read_population_grid(path, "", warnings);
      ADD_FAILURE() << "expected a DataError";
    } catch (const DataError& error) {
      const std::string message = error.what();
      for (const auto& fragment : fragments) {
        EXPECT_NE(message.find(fragment), std::string::npos)
            << "'" << fragment << "' not in: " << message;
      }
    }
  }

  fs::path dir_;
};

// Near Remiremont in Lambert-93.
constexpr double kX = 972000.0;
constexpr double kY = 6776000.0;

TEST_F(PopulationGridReaderTest, SplitsInseeBandsIntoOursAndCentresCellsInWgs84) {
  const auto path = dir_ / "grid.gpkg";
  // Columns: Ind, Ind_0_3, Ind_4_5, Ind_6_10, Ind_11_17.
  write_grid(path, 2154, kFilosofiColumns,
             {{kX, kY, {100, 8, 3, 10, 14}},
              {kX + 200, kY, {10.5, 0.4, 0.2, 1.4, 2.1}},
              {kX, kY + 200, {0, 0, 0, 0, 0}}});
  std::vector<std::string> warnings;
  const auto cells = read_population_grid(path, "", warnings);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_TRUE(warnings.empty());

  const BandPopulation& a = cells[0].by_band;
  EXPECT_NEAR(a[index_of(AgeBand::age_0_2)], 6.0, 1e-12);     // 3/4 * 8
  EXPECT_NEAR(a[index_of(AgeBand::age_3_5)], 5.0, 1e-12);     // 1/4 * 8 + 3
  EXPECT_NEAR(a[index_of(AgeBand::age_6_11)], 12.0, 1e-12);   // 10 + 14/7
  EXPECT_NEAR(a[index_of(AgeBand::age_12_17)], 12.0, 1e-12);  // 6/7 * 14
  EXPECT_NEAR(a[index_of(AgeBand::adults)], 65.0, 1e-12);     // 100 - (8+3+10+14)
  EXPECT_NEAR(cells[0].total, 100.0, 1e-12);

  const BandPopulation& b = cells[1].by_band;
  EXPECT_NEAR(b[index_of(AgeBand::age_0_2)], 0.3, 1e-12);    // 3/4 * 0.4
  EXPECT_NEAR(b[index_of(AgeBand::age_3_5)], 0.3, 1e-12);    // 0.1 + 0.2
  EXPECT_NEAR(b[index_of(AgeBand::age_6_11)], 1.7, 1e-12);   // 1.4 + 2.1/7
  EXPECT_NEAR(b[index_of(AgeBand::age_12_17)], 1.8, 1e-12);  // 6/7 * 2.1
  EXPECT_NEAR(b[index_of(AgeBand::adults)], 6.4, 1e-12);     // 10.5 - 4.1
  EXPECT_NEAR(cells[1].total, 10.5, 1e-12);
  EXPECT_DOUBLE_EQ(cells[2].total, 0.0);

  // Centres: the square's middle, transformed by OSR independently.
  const double corners[3][2] = {{kX, kY}, {kX + 200, kY}, {kX, kY + 200}};
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const LonLat expected = to_wgs84(2154, corners[i][0] + 100, corners[i][1] + 100);
    EXPECT_NEAR(cells[i].centre.lon, expected.lon, 1e-9) << i;
    EXPECT_NEAR(cells[i].centre.lat, expected.lat, 1e-9) << i;
  }
  // Lon first: Remiremont is near 6.6 E, 48.0 N.
  EXPECT_NEAR(cells[0].centre.lon, 6.6, 0.2);
  EXPECT_NEAR(cells[0].centre.lat, 48.0, 0.2);
  // The next cell east is 200 m away.
  EXPECT_NEAR(geodesic_distance_m(cells[0].centre, cells[1].centre), 200.0, 0.5);
}

TEST_F(PopulationGridReaderTest, FindsColumnsWhateverTheirCaseInAnyCrs) {
  const auto path = dir_ / "lower.gpkg";
  // EPSG:3035 (ETRS89-LAEA), as INSEE's European-grid files.
  write_grid(path, 3035, {"idcar", "ind", "IND_0_3", "ind_4_5", "ind_6_10", "ind_11_17"},
             {{4100000, 2800000, {20, 4, 2, 6, 7}}});
  std::vector<std::string> warnings;
  const auto cells = read_population_grid(path, "carreaux", warnings);
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_NEAR(cells[0].by_band[index_of(AgeBand::age_0_2)], 3.0, 1e-12);   // 3/4 * 4
  EXPECT_NEAR(cells[0].by_band[index_of(AgeBand::age_6_11)], 7.0, 1e-12);  // 6 + 7/7
  EXPECT_NEAR(cells[0].by_band[index_of(AgeBand::adults)], 1.0, 1e-12);    // 20 - 19
  const LonLat expected = to_wgs84(3035, 4100100, 2800100);
  EXPECT_NEAR(cells[0].centre.lon, expected.lon, 1e-9);
  EXPECT_NEAR(cells[0].centre.lat, expected.lat, 1e-9);
}

TEST_F(PopulationGridReaderTest, NegativeAdultsAreClampedAndCounted) {
  const auto path = dir_ / "imputed.gpkg";
  // Children add up to 6 > Ind = 5 in the first two cells.
  write_grid(path, 2154, kFilosofiColumns,
             {{kX, kY, {5, 2, 1, 2, 1}},
              {kX + 200, kY, {5.5, 2, 1, 2, 1}},
              {kX + 400, kY, {7, 2, 1, 2, 1}}});
  std::vector<std::string> warnings;
  const auto cells = read_population_grid(path, "", warnings);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_DOUBLE_EQ(cells[0].by_band[index_of(AgeBand::adults)], 0.0);
  EXPECT_NEAR(cells[0].total, 6.0, 1e-12);  // the bands' sum, not Ind
  EXPECT_DOUBLE_EQ(cells[1].by_band[index_of(AgeBand::adults)], 0.0);
  EXPECT_NEAR(cells[2].by_band[index_of(AgeBand::adults)], 1.0, 1e-12);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("2 cell(s)"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("imputed.gpkg"), std::string::npos) << warnings[0];
}

TEST_F(PopulationGridReaderTest, MissingColumnNamesFileColumnAndColumnsPresent) {
  const auto path = dir_ / "partial.gpkg";
  write_grid(path, 2154, {"Idcar_200m", "Ind", "Ind_0_3", "Ind_6_10", "Ind_11_17"},
             {{kX, kY, {10, 1, 1, 1}}});
  expect_error(path, {path.string(), "'Ind_4_5'", "Idcar_200m, Ind, Ind_0_3, Ind_6_10"});
}

TEST_F(PopulationGridReaderTest, LayerWithoutCrsNamesFileAndFix) {
  const auto path = dir_ / "nocrs.gpkg";
  write_grid(path, 0, kFilosofiColumns, {{kX, kY, {10, 1, 1, 1, 1}}});
  expect_error(path, {path.string(), "no CRS", "ogr2ogr -a_srs EPSG:2154"});
}

TEST_F(PopulationGridReaderTest, EmptyLayerNegativeValueOrMissingFileIsAnError) {
  const auto empty = dir_ / "empty.gpkg";
  write_grid(empty, 2154, kFilosofiColumns, {});
  expect_error(empty, {empty.string(), "no grid cells"});
  const auto negative = dir_ / "negative.gpkg";
  write_grid(negative, 2154, kFilosofiColumns, {{kX, kY, {10, 1, -1, 1, 1}}});
  expect_error(negative, {negative.string(), "feature 1", "'Ind_4_5'", "negative"});
  expect_error(dir_ / "absent.gpkg", {"absent.gpkg", "no such file"});
}

// [demand.groups] columns: read in the order asked, whatever their case,
// checked like the age columns.
TEST_F(PopulationGridReaderTest, ReadsTheGroupColumnsAskedFor) {
  const auto path = dir_ / "filosofi.gpkg";
  std::vector<std::string> columns = kFilosofiColumns;
  for (const char* name : {"Men", "Men_pauv", "Men_fmp", "Log_soc"}) columns.emplace_back(name);
  write_grid(
      path, 2154, columns,
      {{kX, kY, {100, 8, 6, 10, 14, 40, 12, 5, 9}}, {kX + 200, kY, {50, 4, 3, 5, 7, 20, 0, 1, 0}}});
  std::vector<std::string> warnings;
  const auto cells =
      read_population_grid(path, "", warnings, {"men", "Log_soc", "Men_pauv"}, "demand.groups");
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[0].extra, (std::vector<double>{40, 9, 12}));
  EXPECT_EQ(cells[1].extra, (std::vector<double>{20, 0, 0}));
  // Without the columns asked, nothing extra.
  EXPECT_TRUE(read_population_grid(path, "", warnings).front().extra.empty());
  try {
    read_population_grid(path, "", warnings, {"Men", "Men_5ind"}, "demand.groups.large_families");
    ADD_FAILURE() << "expected a DataError";
  } catch (const DataError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("'Men_5ind'"), std::string::npos) << message;
    EXPECT_NE(message.find("demand.groups.large_families"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace couverture
