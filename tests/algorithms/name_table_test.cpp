#include "couverture/algorithms/name_table.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

enum class Colour { red, green, blue };
constexpr NameTable<Colour, 2> kColourNames = {{{Colour::red, "red"}, {Colour::green, "vert"}}};

TEST(NameTable, NamesAndValuesBothWays) {
  static_assert(name_in(kColourNames, Colour::green) == "vert");
  static_assert(value_in(kColourNames, "red") == Colour::red);
  EXPECT_EQ(name_in(kColourNames, Colour::blue), "");  // not in the table
  EXPECT_EQ(value_in(kColourNames, "green"), std::nullopt);
  EXPECT_EQ(value_in(kColourNames, "Red"), std::nullopt);  // exact spelling only
  EXPECT_EQ(names_in(kColourNames), (std::vector<std::string>{"red", "vert"}));
}

}  // namespace
}  // namespace couverture
