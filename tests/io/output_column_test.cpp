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

TEST(OutputColumn, IntegersStayExactAcrossTheWideningToEightBytes) {
  // Stored in 4 bytes up to the first value outside int32, then in 8: the
  // values read back are the ones pushed, before and after that point.
  constexpr std::int64_t kMax32 = 2147483647;  // 2^31 - 1
  OutputColumn column("n", Type::integer);
  column.reserve(6);
  column.push_integer(kMax32);
  column.push_integer(-kMax32 - 1);
  column.push_null();
  column.push_integer(kMax32 + 1);  // 2^31: needs 8 bytes
  column.push_integer(-7);
  column.push_integer(-(std::int64_t{1} << 40));
  ASSERT_EQ(column.size(), 6u);
  EXPECT_EQ(column.integer(0), 2147483647);
  EXPECT_EQ(column.integer(1), -2147483648LL);
  EXPECT_TRUE(column.is_null(2));
  EXPECT_EQ(column.integer(3), 2147483648LL);
  EXPECT_EQ(column.integer(4), -7);
  EXPECT_EQ(column.integer(5), -1099511627776LL);
  column.clear();  // back to 4 bytes, still exact
  column.push_integer(3);
  column.push_integer(-2147483649LL);
  EXPECT_EQ(column.integer(0), 3);
  EXPECT_EQ(column.integer(1), -2147483649LL);
}

TEST(OutputColumn, LabelledTextReadsAsTheLabelsItPointsTo) {
  OutputColumn column("nearest", Type::text, "Le plus proche");
  column.use_labels({"eaje-remiremont", "eaje-eloyes", ""});
  column.push_label(1);
  column.push_null();
  column.push_label(0);
  column.push_label(2);
  column.push_label(1);
  ASSERT_EQ(column.size(), 5u);
  EXPECT_TRUE(column.has_labels());
  EXPECT_EQ(column.text(0), "eaje-eloyes");
  EXPECT_TRUE(column.is_null(1));
  EXPECT_EQ(column.text(1), "");  // a null reads as empty, as in the arena
  EXPECT_STREQ(column.text_c_str(1), "");
  EXPECT_EQ(column.text(2), "eaje-remiremont");
  EXPECT_FALSE(column.is_null(3));
  EXPECT_EQ(column.text(3), "");
  EXPECT_STREQ(column.text_c_str(4), "eaje-eloyes");
  EXPECT_EQ(std::get<std::string>(*column.at(4)), "eaje-eloyes");
  EXPECT_FALSE(column.at(1).has_value());
  const OutputColumn copy = column;  // a copy keeps its own labels
  EXPECT_EQ(copy.text(2), "eaje-remiremont");
}

TEST(OutputColumn, LabelsAreRefusedWhereTheyCannotApply) {
  OutputColumn labelled("nearest", Type::text);
  labelled.use_labels({"a", "b"});
  EXPECT_THROW(labelled.push_label(2), std::logic_error);  // out of range
  EXPECT_THROW(labelled.push_text("a"), std::logic_error);
  EXPECT_EQ(labelled.size(), 0u);  // nothing appended by a refusal
  OutputColumn arena("code", Type::text);
  EXPECT_THROW(arena.push_label(0), std::logic_error);  // no labels given
  arena.push_text("88383");
  EXPECT_THROW(arena.use_labels({"88383"}), std::logic_error);  // holds values already
  OutputColumn integers("n", Type::integer);
  EXPECT_THROW(integers.use_labels({"x"}), std::logic_error);
}

}  // namespace
}  // namespace couverture
