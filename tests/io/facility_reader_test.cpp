#include "couverture/io/facility_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

class FacilityReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("facilities"); }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  // Designated, not assigned field by field: GCC 12 at -O3 reports a false
  // -Wrestrict on the one-letter assignments otherwise.
  static FacilitySource csv_source(const fs::path& path, const std::string& crs = "EPSG:4326") {
    return {.path = path,
            .layer = "",
            .x_field = "x",
            .y_field = "y",
            .crs = crs,
            .id_field = "id",
            .name_field = "name",
            .type_field = "type",
            .capacity_field = "capacity"};
  }

  static void expect_error(const FacilitySource& source,
                           const std::vector<std::string>& fragments) {
    std::vector<std::string> warnings;
    try {
      read_facilities(source, warnings);
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

TEST_F(FacilityReaderTest, ReadsACsvInWgs84) {
  const auto path = write("f.csv",
                          "id,name,type,capacity,x,y\n"
                          "c1,Crèche Remiremont,eaje,30,6.5917,48.0172\n"
                          "c2,,alsh,,6.6,48.03\n");
  std::vector<std::string> warnings;
  const auto facilities = read_facilities(csv_source(path), warnings);
  ASSERT_EQ(facilities.size(), 2u);
  EXPECT_EQ(facilities[0].id, "c1");
  EXPECT_EQ(facilities[0].name, "Crèche Remiremont");
  EXPECT_EQ(facilities[0].service_type, "eaje");
  EXPECT_DOUBLE_EQ(facilities[0].capacity, 30);
  EXPECT_DOUBLE_EQ(facilities[0].position.lon, 6.5917);
  EXPECT_DOUBLE_EQ(facilities[0].position.lat, 48.0172);
  EXPECT_EQ(facilities[1].name, "c2");  // no name: the id stands in
  EXPECT_DOUBLE_EQ(facilities[1].capacity, 0);
  // A blank capacity is unknown, not zero places.
  EXPECT_TRUE(facilities[0].capacity_known);
  EXPECT_FALSE(facilities[1].capacity_known);
}

TEST_F(FacilityReaderTest, ReadsACsvInLambert93) {
  const auto path = write("f.csv", "id;name;type;capacity;x;y\nc1;A;eaje;10;970000;6780000\n");
  std::vector<std::string> warnings;
  const auto facilities = read_facilities(csv_source(path, "EPSG:2154"), warnings);
  ASSERT_EQ(facilities.size(), 1u);
  EXPECT_NEAR(facilities[0].position.lon, 6.57, 0.1);
  EXPECT_NEAR(facilities[0].position.lat, 48.0, 0.1);
}

TEST_F(FacilityReaderTest, ReadsAPointLayerAndPlacesPolygonsInside) {
  const auto path = write("f.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"p","name":"P","type":"eaje"},
     "geometry":{"type":"Point","coordinates":[6.59,48.01]}},
    {"type":"Feature","properties":{"id":"b","name":"B","type":"mjc"},
     "geometry":{"type":"Polygon","coordinates":[[[6.6,48.0],[6.61,48.0],[6.61,48.01],[6.6,48.01],[6.6,48.0]]]}}]})");
  FacilitySource source;
  source.path = path;
  source.id_field = "id";
  source.name_field = "name";
  source.type_field = "type";
  std::vector<std::string> warnings;
  const auto facilities = read_facilities(source, warnings);
  ASSERT_EQ(facilities.size(), 2u);
  EXPECT_DOUBLE_EQ(facilities[0].position.lon, 6.59);
  EXPECT_GT(facilities[1].position.lon, 6.6);
  EXPECT_LT(facilities[1].position.lon, 6.61);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("f.geojson"), std::string::npos) << warnings[0];
}

TEST_F(FacilityReaderTest, NonNumericCoordinateNamesTheLine) {
  const auto path =
      write("f.csv", "id,name,type,capacity,x,y\nc1,A,eaje,1,6.5,48\nc2,B,eaje,1,abc,48\n");
  expect_error(csv_source(path), {"f.csv", "line 3", "'x'", "abc"});
}

TEST_F(FacilityReaderTest, MissingCoordinateNamesTheLine) {
  const auto path = write("f.csv", "id,name,type,capacity,x,y\nc1,A,eaje,1,6.5,\n");
  expect_error(csv_source(path), {"f.csv", "line 2", "'y'"});
}

TEST_F(FacilityReaderTest, UnreadableCrsIsNamed) {
  const auto path = write("f.csv", "id,name,type,capacity,x,y\nc1,A,eaje,1,6.5,48\n");
  expect_error(csv_source(path, "EPSG:LAMBERT"), {"f.csv", "EPSG:LAMBERT", "facilities.crs"});
}

TEST_F(FacilityReaderTest, MissingFieldListsTheFields) {
  const auto path = write("f.csv", "ident,name,type,capacity,x,y\nc1,A,eaje,1,6.5,48\n");
  expect_error(csv_source(path), {"f.csv", "no field 'id'", "ident, name", "facilities.id_field"});
}

TEST_F(FacilityReaderTest, EmptyTypeNamesTheLine) {
  const auto path = write("f.csv", "id,name,type,capacity,x,y\nc1,A, ,1,6.5,48\n");
  expect_error(csv_source(path), {"f.csv", "line 2", "empty type", "'type'"});
}

TEST_F(FacilityReaderTest, DuplicateIdsAreAnError) {
  const auto path =
      write("f.csv", "id,name,type,capacity,x,y\nc1,A,eaje,1,6.5,48\nc1,B,alsh,1,6.6,48\n");
  expect_error(csv_source(path), {"f.csv", "line 3", "'c1'", "line 2"});
}

TEST_F(FacilityReaderTest, NonNumericCapacityNamesTheLine) {
  const auto path = write("f.csv", "id,name,type,capacity,x,y\nc1,A,eaje,twelve,6.5,48\n");
  expect_error(csv_source(path), {"f.csv", "line 2", "'capacity'", "twelve"});
}

TEST_F(FacilityReaderTest, TableWithoutCoordinateSettingsIsAnError) {
  const auto path = write("f.csv", "id,name,type,capacity,x,y\nc1,A,eaje,1,6.5,48\n");
  auto source = csv_source(path);
  source.x_field.clear();
  source.y_field.clear();
  expect_error(source, {"f.csv", "facilities.x_field"});
}

TEST_F(FacilityReaderTest, MissingFileIsNamed) {
  expect_error(csv_source(dir_ / "none.csv"), {"none.csv", "no such file"});
}

}  // namespace
}  // namespace couverture
