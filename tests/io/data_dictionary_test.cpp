#include "couverture/io/data_dictionary.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

TEST(DataDictionary, OneEntryPerColumnWithTypeUnitAndDescription) {
  std::vector<OutputLayer> layers(2);
  layers[0].name = "communes";
  OutputColumn minutes("eaje_mean_min", OutputColumn::Type::real, "Temps moyen vers EAJE (min)");
  minutes.unit = "min";
  minutes.description = "Population-weighted mean travel time";
  layers[0].columns.push_back(minutes);
  layers[0].columns.emplace_back("code", OutputColumn::Type::text, "Code INSEE");
  layers[1].name = "demand_points";
  layers[1].columns.emplace_back("masked", OutputColumn::Type::integer, "Effectifs masqués");

  const auto entries = data_dictionary(layers);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].layer, "communes");
  EXPECT_EQ(entries[0].column, "eaje_mean_min");
  EXPECT_EQ(entries[0].label, "Temps moyen vers EAJE (min)");
  EXPECT_EQ(entries[0].type, "REAL");
  EXPECT_EQ(entries[0].unit, "min");
  EXPECT_EQ(entries[0].description, "Population-weighted mean travel time");
  // Without a description, the label says it.
  EXPECT_EQ(entries[1].type, "TEXT");
  EXPECT_EQ(entries[1].description, "Code INSEE");
  EXPECT_EQ(entries[2].layer, "demand_points");
  EXPECT_EQ(entries[2].type, "INTEGER");

  const OutputLayer table = data_dictionary_layer(layers);
  EXPECT_EQ(table.name, "data_dictionary");
  EXPECT_EQ(table.geometry_type, "none");
  ASSERT_EQ(table.columns.size(), 6u);
  EXPECT_EQ(table.columns[1].name, "column");
  ASSERT_EQ(table.columns[1].size(), 3u);
  EXPECT_EQ(table.columns[1].text(2), "masked");
  EXPECT_EQ(table.columns[4].text(0), "min");
  EXPECT_EQ(table.columns[4].text(1), "");
}

}  // namespace
}  // namespace couverture
