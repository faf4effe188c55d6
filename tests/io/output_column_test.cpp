#include "couverture/io/output_column.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace couverture {
namespace {

using Type = OutputColumn::Type;

TEST(OutputColumn, KeepsTypedValuesAndNullsInRowOrder) {
  OutputColumn reals("minutes", Type::real, "Temps (min)");
  reals.push_real(7.5);
  reals.push_null();
  reals.push_real(-0.25);
  ASSERT_EQ(reals.size(), 3u);
  EXPECT_FALSE(reals.is_null(0));
  EXPECT_TRUE(reals.is_null(1));
  EXPECT_DOUBLE_EQ(reals.real(0), 7.5);
  EXPECT_DOUBLE_EQ(reals.real(2), -0.25);
  EXPECT_EQ(reals.alias, "Temps (min)");

  OutputColumn integers("rank", Type::integer);
  integers.push_null();
  integers.push_integer(-3);
  integers.push_integer(std::int64_t{1} << 40);
  EXPECT_TRUE(integers.is_null(0));
  EXPECT_EQ(integers.integer(1), -3);
  EXPECT_EQ(integers.integer(2), std::int64_t{1} << 40);
}

TEST(OutputColumn, TextLivesInOneArenaWithTerminators) {
  OutputColumn text("code", Type::text);
  text.push_text("88383");
  text.push_null();
  text.push_text("");
  text.push_text("Éloyes");
  ASSERT_EQ(text.size(), 4u);
  EXPECT_EQ(text.text(0), "88383");
  EXPECT_TRUE(text.is_null(1));
  EXPECT_EQ(text.text(1), "");  // a null reads as empty, never as garbage
  EXPECT_FALSE(text.is_null(2));
  EXPECT_EQ(text.text(2), "");
  EXPECT_EQ(text.text(3), "Éloyes");
  EXPECT_STREQ(text.text_c_str(0), "88383");  // NUL-terminated for GDAL
  EXPECT_STREQ(text.text_c_str(3), "Éloyes");
}

TEST(OutputColumn, NonFiniteRealsAreStoredAsGiven) {
  // Rounding and NULL for non-finite values are the builder's policy; the
  // column keeps what it is handed (the writer writes NaN as SQLite NULL).
  OutputColumn reals("x", Type::real);
  reals.push_real(std::numeric_limits<double>::infinity());
  EXPECT_FALSE(reals.is_null(0));
  EXPECT_TRUE(std::isinf(reals.real(0)));
}

TEST(OutputColumn, AnIntegerIntoARealColumnIsADoubleAndOtherMismatchesThrow) {
  OutputColumn reals("population", Type::real);
  reals.push_integer(12);
  EXPECT_DOUBLE_EQ(reals.real(0), 12.0);
  EXPECT_THROW(reals.push_text("12"), std::logic_error);
  OutputColumn integers("n", Type::integer);
  EXPECT_THROW(integers.push_real(1.5), std::logic_error);
  OutputColumn text("t", Type::text);
  EXPECT_THROW(text.push_integer(1), std::logic_error);
  EXPECT_EQ(reals.size(), 1u);  // a refused value is not appended
}

TEST(OutputColumn, ReadsBackAsCells) {
  const OutputColumn column("id", Type::text, {std::string("A"), std::nullopt}, "Identifiant");
  ASSERT_EQ(column.size(), 2u);
  EXPECT_EQ(std::get<std::string>(*column.at(0)), "A");
  EXPECT_FALSE(column.at(1).has_value());
  const OutputColumn numbers("v", Type::real, {1.25, std::int64_t{2}}, "");
  EXPECT_DOUBLE_EQ(std::get<double>(*numbers.at(1)), 2.0);
}

TEST(OutputColumn, ClearEmptiesEveryStore) {
  OutputColumn text("code", Type::text, {std::string("88383"), std::nullopt}, "");
  text.clear();
  EXPECT_EQ(text.size(), 0u);
  text.push_text("70001");
  EXPECT_EQ(text.text(0), "70001");
}

}  // namespace
}  // namespace couverture
