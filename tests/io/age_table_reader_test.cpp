#include "couverture/io/age_table_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

class AgeTableReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("age_table"); }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  // Columns as INSEE's census tables split ages: 6-11 is two columns.
  static AgeTable table(const fs::path& path) {
    AgeTable result;
    result.path = path;
    result.code_field = "code_insee";
    result.band_fields[index_of(AgeBand::age_0_2)] = {"p0_2"};
    result.band_fields[index_of(AgeBand::age_3_5)] = {"p3_5"};
    result.band_fields[index_of(AgeBand::age_6_11)] = {"p6_10", "p11"};
    result.band_fields[index_of(AgeBand::age_12_17)] = {"p12_17"};
    result.band_fields[index_of(AgeBand::adults)] = {"p18_64", "p65p"};
    return result;
  }

  static void expect_error(const AgeTable& age_table, const std::vector<std::string>& fragments) {
    std::vector<std::string> warnings;
    try {
      read_age_table(age_table, warnings);
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

constexpr const char* kHeader = "code_insee,nom,p0_2,p3_5,p6_10,p11,p12_17,p18_64,p65p\n";

TEST_F(AgeTableReaderTest, SumsTheListedColumnsPerBandAndKeepsLeadingZeros) {
  const auto path = write("ages.csv", std::string(kHeader) +
                                          "01001,Abergement,10,12,30,5,40,400,100\n"
                                          " 88383 ,Remiremont,200.5,210,420,80,500,4000,1977.5\n");
  std::vector<std::string> warnings;
  const auto bands = read_age_table(table(path), warnings);
  ASSERT_EQ(bands.size(), 2u);
  ASSERT_TRUE(bands.contains("01001"));  // not 1001: codes are text
  ASSERT_TRUE(bands.contains("88383"));  // trimmed
  const BandPopulation& a = bands.at("01001");
  EXPECT_DOUBLE_EQ(a[index_of(AgeBand::age_0_2)], 10.0);
  EXPECT_DOUBLE_EQ(a[index_of(AgeBand::age_3_5)], 12.0);
  EXPECT_DOUBLE_EQ(a[index_of(AgeBand::age_6_11)], 35.0);  // 30 + 5
  EXPECT_DOUBLE_EQ(a[index_of(AgeBand::age_12_17)], 40.0);
  EXPECT_DOUBLE_EQ(a[index_of(AgeBand::adults)], 500.0);  // 400 + 100
  const BandPopulation& r = bands.at("88383");
  EXPECT_DOUBLE_EQ(r[index_of(AgeBand::age_0_2)], 200.5);
  EXPECT_DOUBLE_EQ(r[index_of(AgeBand::age_6_11)], 500.0);  // 420 + 80
  EXPECT_DOUBLE_EQ(r[index_of(AgeBand::adults)], 5977.5);   // 4000 + 1977.5
}

TEST_F(AgeTableReaderTest, ABandWithoutColumnsIsZero) {
  const auto path = write("ages.csv", std::string(kHeader) + "01001,A,10,12,30,5,40,400,100\n");
  AgeTable age_table = table(path);
  age_table.band_fields[index_of(AgeBand::adults)].clear();
  std::vector<std::string> warnings;
  const auto bands = read_age_table(age_table, warnings);
  EXPECT_DOUBLE_EQ(bands.at("01001")[index_of(AgeBand::adults)], 0.0);
  EXPECT_DOUBLE_EQ(bands.at("01001")[index_of(AgeBand::age_12_17)], 40.0);
}

TEST_F(AgeTableReaderTest, ReadsNumericColumnsOfOtherGdalTables) {
  // A GeoJSON without geometries: its numbers are numeric columns.
  const auto path = write(
      "ages.geojson",
      R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":)"
      R"({"code_insee":"88383","p0_2":3,"p3_5":4,"p6_10":5,"p11":1.5,"p12_17":6,"p18_64":7,"p65p":8}}]})");
  std::vector<std::string> warnings;
  const auto bands = read_age_table(table(path), warnings);
  ASSERT_EQ(bands.size(), 1u);
  EXPECT_DOUBLE_EQ(bands.at("88383")[index_of(AgeBand::age_6_11)], 6.5);  // 5 + 1.5
  EXPECT_DOUBLE_EQ(bands.at("88383")[index_of(AgeBand::adults)], 15.0);   // 7 + 8
  EXPECT_TRUE(warnings.empty());

  // A numeric code column is read too, with a warning about leading zeros.
  const auto numeric = write(
      "numeric.geojson",
      R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":)"
      R"({"code_insee":1001,"p0_2":3,"p3_5":4,"p6_10":5,"p11":1.5,"p12_17":6,"p18_64":7,"p65p":8}}]})");
  const auto numbered = read_age_table(table(numeric), warnings);
  EXPECT_TRUE(numbered.contains("1001"));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("leading zero"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("numeric.geojson"), std::string::npos) << warnings[0];
}

TEST_F(AgeTableReaderTest, MissingColumnNamesTheFileTheColumnAndTheColumnsThatExist) {
  const auto path = write("ages.csv", "code_insee,p0_2,p3_5\n01001,1,2\n");
  expect_error(table(path), {path.string(), "'p6_10'", "code_insee, p0_2, p3_5"});
  AgeTable wrong_code = table(write("codes.csv", std::string(kHeader)));
  wrong_code.code_field = "insee";
  expect_error(wrong_code, {"codes.csv", "'insee'", "code_insee, nom"});
}

TEST_F(AgeTableReaderTest, NonNumericNegativeOrBlankValuesNameFileLineAndColumn) {
  const std::string first = "01001,A,10,12,30,5,40,400,100\n";
  expect_error(table(write("text.csv", kHeader + first + "01002,B,10,12,abc,5,40,400,100\n")),
               {"text.csv", "line 3", "'p6_10'", "abc"});
  expect_error(table(write("neg.csv", kHeader + first + "01002,B,10,12,30,-5,40,400,100\n")),
               {"neg.csv", "line 3", "'p11'", "negative"});
  expect_error(table(write("blank.csv", kHeader + first + "01002,B,10,,30,5,40,400,100\n")),
               {"blank.csv", "line 3", "'p3_5'", "empty"});
}

TEST_F(AgeTableReaderTest, DuplicatedOrMissingCodeIsAnError) {
  const std::string row = "01001,A,10,12,30,5,40,400,100\n";
  expect_error(table(write("dup.csv", kHeader + row + row)),
               {"dup.csv", "line 3", "01001", "line 2"});
  expect_error(table(write("nocode.csv", kHeader + row + " ,B,10,12,30,5,40,400,100\n")),
               {"nocode.csv", "line 3", "no code"});
}

TEST_F(AgeTableReaderTest, EmptyOrMissingTableNamesTheFile) {
  expect_error(table(write("empty.csv", kHeader)), {"empty.csv", "no rows"});
  expect_error(table(dir_ / "absent.csv"), {"absent.csv", "no such file"});
}

}  // namespace
}  // namespace couverture
