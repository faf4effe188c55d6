// io/qml_style: the QGIS style documents, parsed back as XML (GDAL's
// minixml) and checked against classes and colours worked out by hand.
#include "couverture/io/qml_style.hpp"

#include <cpl_minixml.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace couverture {
namespace {

struct XmlDeleter {
  void operator()(CPLXMLNode* node) const { CPLDestroyXMLNode(node); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlDeleter>;

// The parsed document; fails the test when the text is not well-formed XML.
Xml parsed(const std::string& qml) {
  Xml document(CPLParseXMLString(qml.c_str()));
  EXPECT_NE(document, nullptr) << "not well-formed XML:\n" << qml;
  return document;
}

const CPLXMLNode* qgis_root(const Xml& document) {
  const CPLXMLNode* root = CPLGetXMLNode(document.get(), "=qgis");
  EXPECT_NE(root, nullptr) << "no <qgis> root";
  return root;
}

// The child elements named `name` of `parent`, in document order.
std::vector<const CPLXMLNode*> children(const CPLXMLNode* parent, const std::string& name) {
  std::vector<const CPLXMLNode*> found;
  if (parent == nullptr) return found;
  for (const CPLXMLNode* child = parent->psChild; child != nullptr; child = child->psNext) {
    if (child->eType == CXT_Element && name == child->pszValue) found.push_back(child);
  }
  return found;
}

std::string attribute(const CPLXMLNode* node, const char* path) {
  const char* value = CPLGetXMLValue(node, path, nullptr);
  return value == nullptr ? "<absent>" : value;
}

// The value of <Option name="`name`" value="..."/> inside a symbol's layer.
std::string symbol_option(const CPLXMLNode* symbol, const std::string& name) {
  const CPLXMLNode* options = CPLGetXMLNode(symbol, "layer.Option");
  for (const CPLXMLNode* option : children(options, "Option")) {
    if (attribute(option, "name") == name) return attribute(option, "value");
  }
  return "<absent>";
}

TEST(QmlStyle, XmlEscapingCoversTheFiveSpecialCharacters) {
  EXPECT_EQ(xml_escaped(R"(a & b < c > "d" 'e')"),
            "a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;");
  EXPECT_EQ(xml_escaped("Épinal"), "Épinal");
}

TEST(QmlStyle, GreenToRedRunsThroughYellow) {
  // The three ColorBrewer RdYlGn stops, then halfway between each pair:
  // green-yellow (26+255)/2 = 140.5 -> 141, (150+255)/2 = 202.5 -> 203,
  // (65+191)/2 = 128; yellow-red (255+215)/2 = 235, (255+25)/2 = 140,
  // (191+28)/2 = 109.5 -> 110 (halves round away from zero).
  const std::vector<Colour> five = green_to_red(5);
  ASSERT_EQ(five.size(), 5u);
  const std::vector<std::vector<int>> expected = {
      {26, 150, 65}, {141, 203, 128}, {255, 255, 191}, {235, 140, 110}, {215, 25, 28}};
  for (std::size_t i = 0; i < five.size(); ++i) {
    EXPECT_EQ(five[i].red, expected[i][0]) << i;
    EXPECT_EQ(five[i].green, expected[i][1]) << i;
    EXPECT_EQ(five[i].blue, expected[i][2]) << i;
    EXPECT_EQ(five[i].alpha, 255) << i;
  }
  ASSERT_EQ(green_to_red(1).size(), 1u);
  EXPECT_EQ(green_to_red(1)[0].red, 26);
  EXPECT_TRUE(green_to_red(0).empty());
}

TEST(QmlStyle, GraduatedStyleHasOneRangeAndSymbolPerClass) {
  const std::vector<double> breaks = {0, 5, 10, 15.5};
  const std::vector<Colour> colours = {{200, 100, 50, 255}, {10, 20, 30, 255}, {255, 0, 5, 255}};
  const std::vector<std::string> labels = {"< 5 min", "5 – 10 min", "10 min & plus"};
  const Xml document = parsed(
      graduated_style_qml("eaje_mean_min", GeometryKind::polygon, breaks, colours, labels, "nom"));
  const CPLXMLNode* root = qgis_root(document);
  EXPECT_EQ(attribute(root, "labelsEnabled"), "1");
  EXPECT_EQ(attribute(root, "layerGeometryType"), "2");
  EXPECT_EQ(attribute(root, "labeling.settings.text-style.fieldName"), "nom");

  const CPLXMLNode* renderer = CPLGetXMLNode(root, "renderer-v2");
  EXPECT_EQ(attribute(renderer, "type"), "graduatedSymbol");
  EXPECT_EQ(attribute(renderer, "attr"), "eaje_mean_min");
  const auto ranges = children(CPLGetXMLNode(renderer, "ranges"), "range");
  ASSERT_EQ(ranges.size(), 3u);
  const std::vector<std::pair<std::string, std::string>> bounds = {
      {"0", "5"}, {"5", "10"}, {"10", "15.5"}};
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    EXPECT_EQ(attribute(ranges[i], "lower"), bounds[i].first);
    EXPECT_EQ(attribute(ranges[i], "upper"), bounds[i].second);
    EXPECT_EQ(attribute(ranges[i], "label"), labels[i]);  // escaped, then read back
    EXPECT_EQ(attribute(ranges[i], "symbol"), std::to_string(i));
  }
  const auto symbols = children(CPLGetXMLNode(renderer, "symbols"), "symbol");
  ASSERT_EQ(symbols.size(), 3u);
  EXPECT_EQ(attribute(symbols[0], "layer.class"), "SimpleFill");
  EXPECT_EQ(symbol_option(symbols[0], "color"), "200,100,50,255");
  // Outlines at 6/10 of the fill, truncated: 200 -> 120, 100 -> 60, 50 -> 30.
  EXPECT_EQ(symbol_option(symbols[0], "outline_color"), "120,60,30,255");
  EXPECT_EQ(symbol_option(symbols[1], "outline_color"), "6,12,18,255");
  EXPECT_EQ(symbol_option(symbols[2], "color"), "255,0,5,255");
  EXPECT_EQ(symbol_option(symbols[2], "outline_color"), "153,0,3,255");
}

TEST(QmlStyle, GraduatedStyleRefusesMismatchedClasses) {
  const std::vector<double> breaks = {0, 5, 10};
  const std::vector<Colour> colours = green_to_red(2);
  const std::vector<std::string> one_label = {"only one"};
  EXPECT_THROW(graduated_style_qml("minutes", GeometryKind::polygon, breaks, colours, one_label),
               std::invalid_argument);
  const std::vector<double> one_break = {0};
  EXPECT_THROW(graduated_style_qml("minutes", GeometryKind::polygon, one_break, {}, {}),
               std::invalid_argument);
}

TEST(QmlStyle, CategorizedStyleAddsAGreyCatchAll) {
  const std::vector<StyleCategory> categories = {{"eaje", "EAJE", {228, 26, 28, 255}},
                                                 {"rpe", "RPE \"relais\"", {55, 126, 184, 255}}};
  const Xml document =
      parsed(categorized_style_qml("service_type", GeometryKind::point, categories));
  const CPLXMLNode* root = qgis_root(document);
  EXPECT_EQ(attribute(root, "labelsEnabled"), "0");
  EXPECT_EQ(CPLGetXMLNode(root, "labeling"), nullptr);
  EXPECT_EQ(attribute(root, "layerGeometryType"), "0");
  const CPLXMLNode* renderer = CPLGetXMLNode(root, "renderer-v2");
  EXPECT_EQ(attribute(renderer, "type"), "categorizedSymbol");
  EXPECT_EQ(attribute(renderer, "attr"), "service_type");
  const auto list = children(CPLGetXMLNode(renderer, "categories"), "category");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(attribute(list[0], "value"), "eaje");
  EXPECT_EQ(attribute(list[1], "label"), "RPE \"relais\"");
  EXPECT_EQ(attribute(list[2], "value"), "");
  EXPECT_EQ(attribute(list[2], "label"), "Autre");
  EXPECT_EQ(attribute(list[2], "symbol"), "2");
  const auto symbols = children(CPLGetXMLNode(renderer, "symbols"), "symbol");
  ASSERT_EQ(symbols.size(), 3u);
  EXPECT_EQ(attribute(symbols[1], "layer.class"), "SimpleMarker");
  EXPECT_EQ(symbol_option(symbols[1], "color"), "55,126,184,255");
  // Grey 160 and its outline 160 * 6 / 10 = 96.
  EXPECT_EQ(symbol_option(symbols[2], "color"), "160,160,160,255");
  EXPECT_EQ(symbol_option(symbols[2], "outline_color"), "96,96,96,255");
}

TEST(QmlStyle, SingleSymbolLineStyle) {
  const Xml document =
      parsed(single_symbol_style_qml(GeometryKind::line, {1, 2, 3, 255}, {0, 0, 0, 255}, "name"));
  const CPLXMLNode* root = qgis_root(document);
  EXPECT_EQ(attribute(root, "layerGeometryType"), "1");
  EXPECT_EQ(attribute(root, "renderer-v2.type"), "singleSymbol");
  const auto symbols = children(CPLGetXMLNode(root, "renderer-v2.symbols"), "symbol");
  ASSERT_EQ(symbols.size(), 1u);
  EXPECT_EQ(attribute(symbols[0], "type"), "line");
  EXPECT_EQ(symbol_option(symbols[0], "line_color"), "1,2,3,255");
}

TEST(QmlStyle, RasterClassesEndWithAnOpenClass) {
  const std::vector<double> upper = {10, 20, std::numeric_limits<double>::infinity()};
  const std::vector<Colour> colours = {{26, 150, 65, 255}, {255, 255, 191, 255}, {215, 25, 28, 0}};
  const std::vector<std::string> labels = {"≤ 10 min", "10 – 20 min", "> 20 min"};
  const Xml document = parsed(raster_classes_style_qml(upper, colours, labels, 0.5));
  const CPLXMLNode* renderer = CPLGetXMLNode(qgis_root(document), "pipe.rasterrenderer");
  EXPECT_EQ(attribute(renderer, "opacity"), "0.5");
  // The scale stops at the last finite bound.
  EXPECT_EQ(attribute(renderer, "classificationMax"), "20");
  const CPLXMLNode* shader = CPLGetXMLNode(renderer, "rastershader.colorrampshader");
  EXPECT_EQ(attribute(shader, "colorRampType"), "DISCRETE");
  const auto items = children(shader, "item");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_DOUBLE_EQ(std::stod(attribute(items[0], "value")), 10.0);
  EXPECT_DOUBLE_EQ(std::stod(attribute(items[1], "value")), 20.0);
  EXPECT_EQ(attribute(items[2], "value"), "inf");
  // 26,150,65 = #1a9641; 215,25,28 = #d7191c.
  EXPECT_EQ(attribute(items[0], "color"), "#1a9641");
  EXPECT_EQ(attribute(items[2], "color"), "#d7191c");
  EXPECT_EQ(attribute(items[2], "alpha"), "0");
  EXPECT_EQ(attribute(items[1], "label"), "10 – 20 min");

  const std::vector<Colour> two = green_to_red(2);
  EXPECT_THROW(raster_classes_style_qml(upper, two, labels), std::invalid_argument);
}

TEST(QmlStyle, FieldAliasesAreAddedOnce) {
  const std::vector<std::pair<std::string, std::string>> aliases = {
      {"eaje_mean_min", "Temps moyen \"EAJE\" (min)"}, {"nom", "Nom"}};
  const std::string style = with_field_aliases(table_style_qml(), aliases);
  const Xml document = parsed(style);
  const CPLXMLNode* root = qgis_root(document);
  EXPECT_EQ(attribute(root, "layerGeometryType"), "4");
  const auto list = children(CPLGetXMLNode(root, "aliases"), "alias");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(attribute(list[0], "field"), "eaje_mean_min");
  EXPECT_EQ(attribute(list[0], "name"), "Temps moyen \"EAJE\" (min)");
  EXPECT_EQ(attribute(list[1], "name"), "Nom");
  EXPECT_EQ(with_field_aliases(style, aliases), style);  // already has them
  EXPECT_EQ(with_field_aliases(table_style_qml(), {}), table_style_qml());
}

}  // namespace
}  // namespace couverture
