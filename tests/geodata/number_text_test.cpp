#include "couverture/geodata/number_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace couverture {
namespace {

const std::string kThin = "\u202F";

TEST(NumberText, FrenchWritesADecimalCommaAndThinSpacesFromTenThousand) {
  EXPECT_EQ(format_number(0.6912, 2, Language::fr), "0,69");
  EXPECT_EQ(format_number(7388, 0, Language::fr), "7388");
  EXPECT_EQ(format_number(28940, 0, Language::fr), "28" + kThin + "940");
  EXPECT_EQ(format_number(1234567.891, 1, Language::fr), "1" + kThin + "234" + kThin + "567,9");
  EXPECT_EQ(format_percent(12.46, 1, Language::fr), "12,5" + kThin + "%");
}

TEST(NumberText, EnglishWritesADecimalPointAndCommas) {
  EXPECT_EQ(format_number(0.6912, 2, Language::en), "0.69");
  EXPECT_EQ(format_number(7388, 0, Language::en), "7,388");
  EXPECT_EQ(format_number(1234567.891, 1, Language::en), "1,234,567.9");
  EXPECT_EQ(format_percent(12.46, 1, Language::en), "12.5%");
}

TEST(NumberText, NegativesAndValuesThatRoundToZero) {
  EXPECT_EQ(format_number(-2.345, 1, Language::fr), "-2,3");
  EXPECT_EQ(format_number(-0.004, 2, Language::fr), "0,00");
  EXPECT_EQ(format_number(0.0, 0, Language::en), "0");
}

TEST(NumberText, UndefinedValuesAreADash) {
  EXPECT_EQ(format_number(std::nan(""), 1, Language::fr), "–");
}

TEST(NumberText, LanguagesAreParsedOnce) {
  EXPECT_EQ(parse_language("fr"), Language::fr);
  EXPECT_EQ(parse_language("en"), Language::en);
  EXPECT_THROW((void)parse_language("de"), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
