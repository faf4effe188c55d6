#include "couverture/io/spreadsheet_writer.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

std::vector<OutputLayer> sheets() {
  std::vector<OutputLayer> layers(1);
  layers[0].name = "Équité";
  layers[0].geometry_type = "none";
  layers[0].columns.push_back({"Type de service",
                               OutputColumn::Type::text,
                               {std::string("eaje"), std::string("alsh")},
                               ""});
  layers[0].columns.push_back(
      {"Indice de Gini", OutputColumn::Type::real, {0.25, std::nullopt}, ""});
  layers[0].columns.push_back(
      {"Communes", OutputColumn::Type::integer, {std::int64_t{10}, std::int64_t{3}}, ""});
  return layers;
}

TEST(SpreadsheetWriter, WritesNumbersAsNumbersInXlsxAndOds) {
  const auto dir = testing::make_temp_dir("spreadsheet");
  for (const char* name : {"out.xlsx", "out.ods"}) {
    write_spreadsheet(dir / name, sheets(), false);
    GDALDatasetUniquePtr file(static_cast<GDALDataset*>(GDALOpenEx(
        (dir / name).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    ASSERT_TRUE(file) << name;
    OGRLayer* sheet = file->GetLayerByName("Équité");
    ASSERT_NE(sheet, nullptr) << name;
    const OGRFeatureDefn* definition = sheet->GetLayerDefn();
    const int gini = definition->GetFieldIndex("Indice de Gini");
    const int communes = definition->GetFieldIndex("Communes");
    ASSERT_GE(gini, 0) << name;
    ASSERT_GE(communes, 0) << name;
    EXPECT_EQ(definition->GetFieldDefn(gini)->GetType(), OFTReal) << name;
    EXPECT_NE(definition->GetFieldDefn(communes)->GetType(), OFTString) << name;
    std::unique_ptr<OGRFeature> first(sheet->GetNextFeature());
    EXPECT_DOUBLE_EQ(first->GetFieldAsDouble(gini), 0.25);
    EXPECT_EQ(first->GetFieldAsInteger(communes), 10);
    std::unique_ptr<OGRFeature> second(sheet->GetNextFeature());
    EXPECT_FALSE(second->IsFieldSetAndNotNull(gini)) << name;
  }
  fs::remove_all(dir);
}

TEST(SpreadsheetWriter, RefusesAnUnknownTypeAndAnExistingFile) {
  const auto dir = testing::make_temp_dir("spreadsheet");
  EXPECT_THROW(write_spreadsheet(dir / "out.csv", sheets(), false), DataError);
  std::ofstream(dir / "taken.xlsx") << "mine";
  EXPECT_THROW(write_spreadsheet(dir / "taken.xlsx", sheets(), false), DataError);
  EXPECT_EQ(fs::file_size(dir / "taken.xlsx"), 4u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace couverture
