#include "couverture/io/elevation_reader.hpp"

#include <cpl_vsi.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <numbers>

#include "couverture/geodata/data_error.hpp"
#include "dem_fixture.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// 5 × 4 pixels of 0.001° from (6.000 E, 48.004 N); the pixel in column c,
// row r holds 100 + 10·c + 3·r, a plane that bilinear interpolation
// reproduces exactly between pixel centres.
testing::DemRaster plane_in_degrees() { return testing::degree_plane_dem(5, 4, 10, 3); }

// The plane at a lon/lat: pixel centre c sits at lon 6.0005 + 0.001·c.
double plane_at(double lon, double lat) {
  const double c = (lon - 6.0) / 0.001 - 0.5;
  const double r = (48.004 - lat) / 0.001 - 0.5;
  return 100.0 + 10.0 * c + 3.0 * r;
}

class ElevationReader : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("elevation"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ElevationReader, InterpolatesBilinearlyBetweenPixelCentres) {
  const fs::path tif = dir_ / "plane.tif";
  testing::write_geotiff(tif, plane_in_degrees());
  const std::vector<LonLat> points = {{6.0005, 48.0035},  // centre of pixel (0, 0): 100
                                      {6.0023, 48.0021},  // between centres
                                      {6.0041, 48.0012},  // between centres, near the bottom right
                                      {6.0002, 48.0039},  // in the outer half pixel: the edge value
                                      {5.9990, 48.0020},  // west of the raster
                                      {6.0020, 48.0100}};  // north of the raster
  const PointElevations result = read_node_elevations(tif, points);
  ASSERT_EQ(result.elevation_m.size(), points.size());
  EXPECT_NEAR(result.elevation_m[0], 100.0, 1e-6);
  EXPECT_NEAR(result.elevation_m[1], plane_at(6.0023, 48.0021), 1e-6);
  // c = 1.8, r = 1.4: 100 + 18 + 4.2 = 122.2.
  EXPECT_NEAR(result.elevation_m[1], 122.2, 1e-6);
  EXPECT_NEAR(result.elevation_m[2], plane_at(6.0041, 48.0012), 1e-6);
  EXPECT_NEAR(result.elevation_m[3], 100.0, 1e-6);  // clamped to the centre of pixel (0, 0)
  EXPECT_TRUE(std::isnan(result.elevation_m[4]));
  EXPECT_TRUE(std::isnan(result.elevation_m[5]));
  EXPECT_EQ(result.missing, 2u);
}

TEST_F(ElevationReader, NodataNeighboursMakeThePointUnknown) {
  testing::DemRaster dem = plane_in_degrees();
  dem.nodata = -32768.0;
  dem.elevation_m[2 * 5 + 3] = -32768.0f;  // column 3, row 2
  const fs::path tif = dir_ / "void.tif";
  testing::write_geotiff(tif, dem);
  // The first point lies between centres (2, 1) and (3, 2): it touches the
  // void. The second is between columns 0 and 1, far from it.
  const std::vector<LonLat> points = {{6.0031, 48.0019}, {6.0011, 48.0019}};
  const PointElevations result = read_node_elevations(tif, points);
  EXPECT_TRUE(std::isnan(result.elevation_m[0]));
  EXPECT_NEAR(result.elevation_m[1], plane_at(6.0011, 48.0019), 1e-6);
  EXPECT_EQ(result.missing, 1u);
}

TEST_F(ElevationReader, ReprojectsToTheRasterCrs) {
  // A plane in Web Mercator (EPSG:3857): z = 500 + 0.02·(X − X0) − 0.01·(Y0 − Y)
  // over 10 × 10 pixels of 100 m. X and Y of a lon/lat are computed here
  // with the spherical Mercator formulas, independently of PROJ.
  constexpr double kRadius = 6378137.0;
  const auto mercator = [](double lon, double lat) {
    const double to_radians = std::numbers::pi / 180.0;
    return std::pair{kRadius * lon * to_radians,
                     kRadius * std::log(std::tan(std::numbers::pi / 4 + lat * to_radians / 2))};
  };
  const auto [x0, y0] = mercator(6.6, 48.0);
  testing::DemRaster dem;
  dem.epsg = 3857;
  dem.left = x0;
  dem.top = y0;
  dem.pixel_size = 100.0;
  dem.columns = 10;
  dem.rows = 10;
  const auto plane = [&](double x, double y) { return 500.0 + 0.02 * (x - x0) - 0.01 * (y0 - y); };
  for (int r = 0; r < dem.rows; ++r) {
    for (int c = 0; c < dem.columns; ++c) {
      dem.elevation_m.push_back(
          static_cast<float>(plane(x0 + 100.0 * (c + 0.5), y0 - 100.0 * (r + 0.5))));
    }
  }
  const fs::path tif = dir_ / "mercator.tif";
  testing::write_geotiff(tif, dem);
  const std::vector<LonLat> points = {{6.6030, 47.9970}, {6.6071, 47.9950}};
  const PointElevations result = read_node_elevations(tif, points);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto [x, y] = mercator(points[i].lon, points[i].lat);
    // float storage: about 1e-4 m of rounding.
    EXPECT_NEAR(result.elevation_m[i], plane(x, y), 1e-3) << i;
  }
  EXPECT_EQ(result.missing, 0u);
}

TEST_F(ElevationReader, ReadsARasterInsideAZip) {
  const fs::path tif = dir_ / "plane.tif";
  testing::write_geotiff(tif, plane_in_degrees());
  std::ifstream in(tif, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const fs::path zip = dir_ / "dem.zip";
  VSILFILE* member = VSIFOpenL(("/vsizip/" + zip.string() + "/plane.tif").c_str(), "wb");
  ASSERT_NE(member, nullptr);
  ASSERT_EQ(VSIFWriteL(bytes.data(), 1, bytes.size(), member), bytes.size());
  VSIFCloseL(member);
  const std::vector<LonLat> points = {{6.0023, 48.0021}};
  const PointElevations result = read_node_elevations(zip, points);
  EXPECT_NEAR(result.elevation_m[0], 122.2, 1e-6);
}

TEST_F(ElevationReader, MissingAndUnreadableFilesAreDataErrors) {
  const std::vector<LonLat> points = {{6.0, 48.0}};
  EXPECT_THROW(read_node_elevations(dir_ / "nope.tif", points), DataError);
  const fs::path text = dir_ / "notes.tif";
  std::ofstream(text) << "not a raster\n";
  try {
    read_node_elevations(text, points);
    ADD_FAILURE() << "no error";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("notes.tif"), std::string::npos) << error.what();
  }
}

TEST(ElevationReaderSrtm, ReadsTheAndorraTile) {
  COUVERTURE_REQUIRE_SHARED(tile, "dem/N42E001.hgt.zip");
  // Andorra la Vella's centre lies around 1 020–1 080 m; the summit of Coma
  // Pedrosa, 2 942 m, is about 2 900 m on a 90 m SRTM grid. Toulouse (43.6 N)
  // is off the tile.
  const std::vector<LonLat> points = {{1.5218, 42.5063}, {1.4436, 42.5917}, {1.44, 43.6}};
  const PointElevations result = read_node_elevations(tile, points);
  EXPECT_NEAR(result.elevation_m[0], 1050.0, 60.0);
  EXPECT_NEAR(result.elevation_m[1], 2900.0, 60.0);
  EXPECT_TRUE(std::isnan(result.elevation_m[2]));
  EXPECT_EQ(result.missing, 1u);
}

}  // namespace
}  // namespace couverture
