#include "couverture/report/svg_map.hpp"

#include <gtest/gtest.h>

namespace couverture::report {
namespace {

// A 1 km square drawn on a 470-pixel map of a 1 km extent: the map frame
// starts 12 px in, y points down, 0.47 px per metre (worked by hand).
TEST(SvgMap, PolygonsLandWhereTheExtentSaysWithLegendScaleBarAndNorthArrow) {
  SvgMap map({0.0, 0.0, 1000.0, 1000.0}, 470.0, "Test", Language::fr);
  const GeosGeometry square = geos_from_wkt("POLYGON((0 0, 1000 0, 1000 500, 0 500, 0 0))");
  map.polygon(*square, {255, 0, 0, 255}, {0, 0, 0, 255}, 1.0);
  map.legend_fill({255, 0, 0, 255}, "rouge");
  const std::string svg = map.svg("Sources : test");
  EXPECT_NE(svg.find("M12.0 482.0L482.0 482.0L482.0 247.0L12.0 247.0L12.0 482.0Z"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("fill=\"#ff0000\""), std::string::npos);
  EXPECT_NE(svg.find(">rouge</text>"), std::string::npos);
  EXPECT_NE(svg.find("class=\"north-arrow\""), std::string::npos);
  // A quarter of the width is 250 m: the bar is the nice length below, 200 m.
  EXPECT_NE(svg.find(">200\u00A0m</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("Sources : test"), std::string::npos);
}

TEST(SvgMap, ExtentsGrowByTheirMargin) {
  std::vector<GeosGeometry> shapes;
  shapes.push_back(geos_from_wkt("POINT(100 200)"));
  shapes.push_back(geos_from_wkt("POINT(300 300)"));
  shapes.push_back(nullptr);
  const MapExtent e = extent_of(shapes, 0.1);
  EXPECT_DOUBLE_EQ(e.min_x, 80.0);
  EXPECT_DOUBLE_EQ(e.max_x, 320.0);
  EXPECT_DOUBLE_EQ(e.min_y, 180.0);
  EXPECT_DOUBLE_EQ(e.max_y, 320.0);
}

TEST(SvgMap, TheLorenzPlotRunsFromCornerToCorner) {
  const std::string svg = lorenz_svg({{0.5, 0.25}, {1.0, 1.0}}, "L", "x", "y", Language::en);
  // x = 58 + share * 260, y = 16 + (1 - share) * 260.
  EXPECT_NE(svg.find("points=\"58.0,276.0 188.0,211.0 318.0,16.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find(">50%</text>"), std::string::npos);
}

}  // namespace
}  // namespace couverture::report
