#include "couverture/io/column_names.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

TEST(ColumnNames, ServiceTypesBecomeLowerCaseStems) {
  EXPECT_EQ(service_column("eaje"), "eaje");
  EXPECT_EQ(service_column("France Services"), "france_services");
  EXPECT_EQ(service_column("EAJE-2"), "eaje_2");
  EXPECT_EQ(service_column("crèche"), "cr__che");  // é is two bytes, each replaced
  EXPECT_EQ(service_column(""), "service");
}

TEST(ColumnNames, NumbersAsLabelsAndFields) {
  EXPECT_EQ(number_label(10.0), "10");
  EXPECT_EQ(number_label(7.5), "7.5");
  EXPECT_EQ(number_field(7.5), "7_5");
  EXPECT_EQ(number_field(15.0), "15");
}

}  // namespace
}  // namespace couverture
