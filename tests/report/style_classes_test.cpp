#include "couverture/report/style_classes.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace couverture::report {
namespace {

// The report reads back the classes and colours io writes into the QGIS
// styles, so its maps have the colours QGIS shows.
TEST(StyleClasses, GraduatedClassesComeBackWithTheirBreaksLabelsAndColours) {
  const std::vector<double> breaks = {0, 5, 10, 100000};
  const std::vector<Colour> colours = {
      {26, 150, 65, 255}, {255, 255, 191, 255}, {215, 25, 28, 255}};
  const std::vector<std::string> labels = {"0 – 5 min", "5 – 10 min", "> 10 min"};
  const auto classes = graduated_classes(
      graduated_style_qml("eaje_mean_min", GeometryKind::polygon, breaks, colours, labels, "name"));
  ASSERT_EQ(classes.size(), 3u);
  EXPECT_EQ(classes[1].lower, 5.0);
  EXPECT_EQ(classes[1].upper, 10.0);
  EXPECT_EQ(classes[2].label, "> 10 min");
  EXPECT_EQ(css_colour(classes[0].colour), "#1a9641");
  EXPECT_EQ(css_colour(classes[2].colour), "#d7191c");
  EXPECT_EQ(css_colour(class_colour(classes, 7.5)), "#ffffbf");
  EXPECT_EQ(css_colour(class_colour(classes, 1e9)), "#d7191c");
  EXPECT_EQ(css_colour(class_colour(classes, std::nan(""))), "#bebebe");
  EXPECT_TRUE(graduated_classes(single_symbol_style_qml(GeometryKind::point, {}, {})).empty());
}

TEST(StyleClasses, CategoriesMapValuesToColours) {
  const std::vector<StyleCategory> categories = {{"eaje", "EAJE", {228, 26, 28, 255}},
                                                 {"alsh", "ALSH", {55, 126, 184, 255}}};
  const auto colours =
      category_colours(categorized_style_qml("service_type", GeometryKind::point, categories));
  EXPECT_EQ(css_colour(colours.at("eaje")), "#e41a1c");
  EXPECT_EQ(css_colour(colours.at("alsh")), "#377eb8");
}

}  // namespace
}  // namespace couverture::report
