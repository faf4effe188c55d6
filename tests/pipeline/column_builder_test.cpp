#include "couverture/pipeline/column_builder.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace couverture::pipeline {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(ColumnBuilder, RealPoliciesRoundAndNullAsTheLayersAlwaysDid) {
  const std::vector<double> values = {7.126, -1.234, 2.5, kNaN, kInf, 12.36};
  ColumnBuilder table(values.size());
  const auto value = [&](std::size_t r) { return values[r]; };
  table.real({"h", "H"}, Real::hundredths, value)
      .real({"e", "E"}, Real::exact, value)
      .real({"t", "T"}, Real::tenths, value)
      .real({"g", "G"}, Real::as_given, value);
  const std::vector<OutputColumn> columns = table.take();
  ASSERT_EQ(columns.size(), 4u);
  for (const OutputColumn& c : columns) {
    ASSERT_EQ(c.size(), values.size());
    EXPECT_EQ(c.type, OutputColumn::Type::real);
  }
  const OutputColumn& h = columns[0];
  EXPECT_DOUBLE_EQ(h.real(0), 7.13);
  EXPECT_DOUBLE_EQ(h.real(1), -1.23);
  EXPECT_DOUBLE_EQ(h.real(2), 2.5);
  EXPECT_TRUE(h.is_null(3));  // undefined
  EXPECT_TRUE(h.is_null(4));  // unreachable
  const OutputColumn& e = columns[1];
  EXPECT_DOUBLE_EQ(e.real(0), 7.126);
  EXPECT_TRUE(e.is_null(3));
  EXPECT_TRUE(e.is_null(4));
  // Tenths and as-given write what they are given, infinite included.
  const OutputColumn& t = columns[2];
  EXPECT_DOUBLE_EQ(t.real(0), 7.1);
  EXPECT_DOUBLE_EQ(t.real(5), 12.4);
  EXPECT_FALSE(t.is_null(4));
  EXPECT_TRUE(std::isinf(t.real(4)));
  const OutputColumn& g = columns[3];
  EXPECT_DOUBLE_EQ(g.real(0), 7.126);
  EXPECT_FALSE(g.is_null(4));
}

TEST(ColumnBuilder, AnOptionalNulloptIsNullWhateverThePolicy) {
  ColumnBuilder table(3);
  const auto odd_null = [](std::size_t r) -> std::optional<double> {
    if (r % 2 == 1) return std::nullopt;
    return 0.125 * static_cast<double>(r + 1);
  };
  table.real({"a", "A"}, Real::as_given, odd_null).real({"b", "B"}, Real::hundredths, odd_null);
  const auto columns = table.take();
  EXPECT_DOUBLE_EQ(columns[0].real(0), 0.125);
  EXPECT_TRUE(columns[0].is_null(1));
  EXPECT_DOUBLE_EQ(columns[0].real(2), 0.375);
  EXPECT_DOUBLE_EQ(columns[1].real(2), 0.38);  // 37.5 rounds away from zero
  EXPECT_TRUE(columns[1].is_null(1));
}

TEST(ColumnBuilder, IntegersFromFlagsCountsAndOptionals) {
  const std::vector<std::uint8_t> flags = {1, 0, 1};
  ColumnBuilder table(3);
  table.integer({"flag", "Drapeau", "0/1"}, [&](std::size_t r) { return flags[r]; })
      .integer({"bool", "B"}, [](std::size_t r) { return r == 1; })
      .integer({"count", "C"}, [](std::size_t r) { return r * 1000000000000; })
      .integer({"maybe", "M"}, [](std::size_t r) -> std::optional<std::int64_t> {
        if (r == 0) return std::nullopt;
        return -static_cast<std::int64_t>(r);
      });
  const auto columns = table.take();
  ASSERT_EQ(columns.size(), 4u);
  EXPECT_EQ(columns[0].type, OutputColumn::Type::integer);
  EXPECT_EQ(columns[0].integer(0), 1);
  EXPECT_EQ(columns[0].integer(1), 0);
  EXPECT_EQ(columns[1].integer(1), 1);
  EXPECT_EQ(columns[1].integer(2), 0);
  EXPECT_EQ(columns[2].integer(2), 2000000000000);
  EXPECT_TRUE(columns[3].is_null(0));
  EXPECT_EQ(columns[3].integer(2), -2);
}

TEST(ColumnBuilder, TextFromStringsViewsTemporariesAndOptionals) {
  const std::vector<std::string> codes = {"88383", "70001"};
  ColumnBuilder table(2);
  table.text({"code", "Code INSEE"}, [&](std::size_t r) -> const std::string& { return codes[r]; })
      .text({"made", "M"}, [](std::size_t r) { return std::to_string(r); })
      .text({"literal", "L"}, [](std::size_t) { return "x"; })
      .text({"view", "V"}, [](std::size_t) { return std::string_view("vue"); })
      .text({"maybe", "P"}, [&](std::size_t r) -> std::optional<std::string> {
        if (r == 0) return std::nullopt;
        return codes[r] + "!";
      });
  const auto columns = table.take();
  EXPECT_EQ(columns[0].text(1), "70001");
  EXPECT_EQ(columns[1].text(1), "1");
  EXPECT_EQ(columns[2].text(0), "x");
  EXPECT_EQ(columns[3].text(1), "vue");
  EXPECT_TRUE(columns[4].is_null(0));
  EXPECT_EQ(columns[4].text(1), "70001!");
}

TEST(ColumnBuilder, CarriesTheDictionaryEntryAndKeepsDeclarationOrder) {
  ColumnBuilder table(0);
  table
      .real({"eaje_mean_min", "Temps moyen vers eaje (min)", "min", "Weighted mean"},
            Real::hundredths, [](std::size_t) { return 1.0; })
      .text({"code", "Code INSEE"}, [](std::size_t) { return "c"; });
  OutputLayer layer;
  layer.columns.emplace_back("first", OutputColumn::Type::integer);
  table.append_to(layer);
  ASSERT_EQ(layer.columns.size(), 3u);
  EXPECT_EQ(layer.columns[1].name, "eaje_mean_min");
  EXPECT_EQ(layer.columns[1].alias, "Temps moyen vers eaje (min)");
  EXPECT_EQ(layer.columns[1].unit, "min");
  EXPECT_EQ(layer.columns[1].description, "Weighted mean");
  EXPECT_EQ(layer.columns[1].size(), 0u);
  EXPECT_EQ(layer.columns[2].name, "code");
  EXPECT_TRUE(layer.columns[2].unit.empty());
  EXPECT_TRUE(table.take().empty());  // appended columns leave the builder
}

TEST(ColumnBuilder, WrittenRealIsThePolicyAlone) {
  EXPECT_EQ(written_real(kNaN, Real::hundredths), std::nullopt);
  EXPECT_EQ(written_real(-kInf, Real::exact), std::nullopt);
  EXPECT_DOUBLE_EQ(*written_real(0.004, Real::hundredths), 0.0);
  EXPECT_DOUBLE_EQ(*written_real(0.005, Real::hundredths), 0.01);
  EXPECT_DOUBLE_EQ(*written_real(123.45, Real::tenths), 123.5);
}

TEST(ColumnBuilder, LabelledTextFromIndicesAndOptionals) {
  const std::vector<std::uint32_t> nearest = {2, 0, 7, 2};  // 7: none reachable
  ColumnBuilder table(nearest.size());
  table
      .labelled_text({"commune_code", "Commune"}, {"88383", "88160"},
                     [](std::size_t r) { return static_cast<std::uint32_t>(r % 2); })
      .labelled_text({"eaje_nearest", "eaje le plus proche"}, {"A", "B", "C"},
                     [&](std::size_t r) -> std::optional<std::uint32_t> {
                       if (nearest[r] == 7) return std::nullopt;
                       return nearest[r];
                     });
  const auto columns = table.take();
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0].type, OutputColumn::Type::text);
  EXPECT_EQ(columns[0].text(0), "88383");
  EXPECT_EQ(columns[0].text(3), "88160");
  EXPECT_EQ(columns[1].alias, "eaje le plus proche");
  EXPECT_EQ(columns[1].text(0), "C");
  EXPECT_EQ(columns[1].text(1), "A");
  EXPECT_TRUE(columns[1].is_null(2));
  EXPECT_EQ(columns[1].text(3), "C");
  ColumnBuilder wrong(1);  // an index past the labels is a programming error
  EXPECT_THROW(wrong.labelled_text({"x", "X"}, {"only"}, [](std::size_t) { return 1U; }),
               std::logic_error);
}

}  // namespace
}  // namespace couverture::pipeline
