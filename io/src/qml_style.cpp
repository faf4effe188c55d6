#include "couverture/io/qml_style.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace couverture {

namespace {

std::string rgba(Colour colour) {
  return std::to_string(colour.red) + "," + std::to_string(colour.green) + "," +
         std::to_string(colour.blue) + "," + std::to_string(colour.alpha);
}

std::string number(double value) {
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
}

void option(std::ostringstream& out, const std::string& name, const std::string& value) {
  out << "          <Option name=\"" << name << "\" type=\"QString\" value=\"" << xml_escaped(value)
      << "\"/>\n";
}

// One symbol in QGIS's <symbol> form: a simple marker, line or fill with a
// thin darker outline so that neighbouring polygons stay distinct.
std::string symbol(GeometryKind kind, const std::string& name, Colour colour, Colour outline) {
  std::ostringstream out;
  const char* type = kind == GeometryKind::point  ? "marker"
                     : kind == GeometryKind::line ? "line"
                                                  : "fill";
  const char* layer_class = kind == GeometryKind::point  ? "SimpleMarker"
                            : kind == GeometryKind::line ? "SimpleLine"
                                                         : "SimpleFill";
  out << "      <symbol type=\"" << type << "\" name=\"" << xml_escaped(name)
      << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      << "        <layer class=\"" << layer_class << "\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
      << "          <Option type=\"Map\">\n";
  switch (kind) {
    case GeometryKind::point:
      option(out, "name", "circle");
      option(out, "color", rgba(colour));
      option(out, "outline_color", rgba(outline));
      option(out, "outline_style", "solid");
      option(out, "outline_width", "0.3");
      option(out, "outline_width_unit", "MM");
      option(out, "size", "3");
      option(out, "size_unit", "MM");
      option(out, "scale_method", "diameter");
      break;
    case GeometryKind::line:
      option(out, "line_color", rgba(colour));
      option(out, "line_style", "solid");
      option(out, "line_width", "0.6");
      option(out, "line_width_unit", "MM");
      option(out, "capstyle", "round");
      option(out, "joinstyle", "round");
      break;
    case GeometryKind::polygon:
      option(out, "color", rgba(colour));
      option(out, "style", "solid");
      option(out, "outline_color", rgba(outline));
      option(out, "outline_style", "solid");
      option(out, "outline_width", "0.26");
      option(out, "outline_width_unit", "MM");
      option(out, "joinstyle", "bevel");
      break;
  }
  out << "          </Option>\n        </layer>\n      </symbol>\n";
  return out.str();
}

Colour darker(Colour colour) {
  const auto scale = [](std::uint8_t value) { return static_cast<std::uint8_t>(value * 6 / 10); };
  return {scale(colour.red), scale(colour.green), scale(colour.blue), 255};
}

std::string labeling(const std::string& field) {
  if (field.empty()) return {};
  std::ostringstream out;
  out << "  <labeling type=\"simple\">\n"
      << "    <settings calloutType=\"simple\">\n"
      << "      <text-style fieldName=\"" << xml_escaped(field)
      << "\" isExpression=\"0\" fontFamily=\"Sans Serif\" fontSize=\"9\" fontSizeUnit=\"Point\""
      << " textColor=\"40,40,40,255\" textOpacity=\"1\" namedStyle=\"Regular\">\n"
      << "        <text-buffer bufferDraw=\"1\" bufferSize=\"1\" bufferSizeUnits=\"MM\""
      << " bufferColor=\"255,255,255,255\" bufferOpacity=\"0.8\" bufferJoinStyle=\"128\"/>\n"
      << "      </text-style>\n"
      << "      <placement placement=\"1\" dist=\"1\" distUnits=\"MM\"/>\n"
      << "      <rendering obstacle=\"1\" scaleVisibility=\"0\" displayAll=\"0\"/>\n"
      << "    </settings>\n"
      << "  </labeling>\n";
  return out.str();
}

int layer_geometry_type(GeometryKind kind) {
  return kind == GeometryKind::point ? 0 : kind == GeometryKind::line ? 1 : 2;
}

std::string document(const std::string& renderer, GeometryKind kind,
                     const std::string& label_field) {
  std::ostringstream out;
  out << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"AllStyleCategories\""
      << " labelsEnabled=\"" << (label_field.empty() ? 0 : 1) << "\">\n"
      << renderer << labeling(label_field) << "  <layerGeometryType>" << layer_geometry_type(kind)
      << "</layerGeometryType>\n</qgis>\n";
  return out.str();
}

}  // namespace

std::vector<Colour> green_to_red(std::size_t count) {
  // Green (26,150,65) -> yellow (255,255,191) -> red (215,25,28), ColorBrewer RdYlGn ends.
  const Colour stops[3] = {{26, 150, 65, 255}, {255, 255, 191, 255}, {215, 25, 28, 255}};
  std::vector<Colour> colours;
  for (std::size_t i = 0; i < count; ++i) {
    const double t =
        count == 1 ? 0.0 : 2.0 * static_cast<double>(i) / static_cast<double>(count - 1);
    const std::size_t segment = t >= 1.0 ? 1 : 0;
    const double f = t - static_cast<double>(segment);
    const auto mix = [f](std::uint8_t a, std::uint8_t b) {
      return static_cast<std::uint8_t>(std::lround(a + (b - a) * f));
    };
    const Colour& a = stops[segment];
    const Colour& b = stops[segment + 1];
    colours.push_back({mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue), 255});
  }
  return colours;
}

std::string graduated_style_qml(const std::string& field, GeometryKind kind,
                                std::span<const double> breaks, std::span<const Colour> colours,
                                std::span<const std::string> labels,
                                const std::string& label_field) {
  if (breaks.size() < 2 || colours.size() + 1 != breaks.size() ||
      labels.size() + 1 != breaks.size()) {
    throw std::invalid_argument("graduated style: need n+1 breaks for n colours and n labels");
  }
  std::ostringstream ranges;
  std::ostringstream symbols;
  for (std::size_t i = 0; i < colours.size(); ++i) {
    ranges << "      <range lower=\"" << number(breaks[i]) << "\" upper=\"" << number(breaks[i + 1])
           << "\" label=\"" << xml_escaped(labels[i]) << "\" symbol=\"" << i
           << "\" render=\"true\"/>\n";
    symbols << symbol(kind, std::to_string(i), colours[i], darker(colours[i]));
  }
  std::ostringstream renderer;
  renderer << "  <renderer-v2 type=\"graduatedSymbol\" attr=\"" << xml_escaped(field)
           << "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\""
           << " forceraster=\"0\">\n    <ranges>\n"
           << ranges.str() << "    </ranges>\n    <symbols>\n"
           << symbols.str() << "    </symbols>\n"
           << "    <mode name=\"manual\"/>\n  </renderer-v2>\n";
  return document(renderer.str(), kind, label_field);
}

std::string categorized_style_qml(const std::string& field, GeometryKind kind,
                                  std::span<const StyleCategory> categories,
                                  const std::string& label_field) {
  std::ostringstream list;
  std::ostringstream symbols;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    list << "      <category value=\"" << xml_escaped(categories[i].value) << "\" label=\""
         << xml_escaped(categories[i].label) << "\" symbol=\"" << i << "\" render=\"true\"/>\n";
    symbols << symbol(kind, std::to_string(i), categories[i].colour, darker(categories[i].colour));
  }
  // An empty value is QGIS's catch-all category for values not listed.
  const Colour grey{160, 160, 160, 255};
  list << "      <category value=\"\" label=\"Autre\" symbol=\"" << categories.size()
       << "\" render=\"true\"/>\n";
  symbols << symbol(kind, std::to_string(categories.size()), grey, darker(grey));
  std::ostringstream renderer;
  renderer << "  <renderer-v2 type=\"categorizedSymbol\" attr=\"" << xml_escaped(field)
           << "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <categories>\n"
           << list.str() << "    </categories>\n    <symbols>\n"
           << symbols.str() << "    </symbols>\n  </renderer-v2>\n";
  return document(renderer.str(), kind, label_field);
}

std::string single_symbol_style_qml(GeometryKind kind, Colour colour, Colour outline,
                                    const std::string& label_field) {
  std::ostringstream renderer;
  renderer << "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\""
           << " forceraster=\"0\">\n    <symbols>\n"
           << symbol(kind, "0", colour, outline) << "    </symbols>\n  </renderer-v2>\n";
  return document(renderer.str(), kind, label_field);
}

std::string table_style_qml() {
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
         "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"AllStyleCategories\">\n"
         "  <layerGeometryType>4</layerGeometryType>\n</qgis>\n";
}

std::string with_field_aliases(const std::string& style,
                               std::span<const std::pair<std::string, std::string>> aliases) {
  const auto end = style.rfind("</qgis>");
  if (aliases.empty() || end == std::string::npos || style.find("<aliases") != std::string::npos) {
    return style;
  }
  std::string element = "  <aliases>\n";
  for (std::size_t i = 0; i < aliases.size(); ++i) {
    element += "    <alias field=\"" + xml_escaped(aliases[i].first) + "\" name=\"" +
               xml_escaped(aliases[i].second) + "\"/>\n";
  }
  element += "  </aliases>\n";
  return style.substr(0, end) + element + style.substr(end);
}

}  // namespace couverture

namespace couverture {

namespace {

std::string hex(Colour colour) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", colour.red, colour.green, colour.blue);
  return text;
}

}  // namespace

std::string raster_classes_style_qml(std::span<const double> upper_bounds,
                                     std::span<const Colour> colours,
                                     std::span<const std::string> labels, double opacity) {
  if (upper_bounds.empty() || colours.size() != upper_bounds.size() ||
      labels.size() != upper_bounds.size()) {
    throw std::invalid_argument("raster style: one colour and one label per class");
  }
  std::ostringstream items;
  for (std::size_t i = 0; i < upper_bounds.size(); ++i) {
    items << "          <item alpha=\"" << static_cast<int>(colours[i].alpha) << "\" value=\""
          << (std::isfinite(upper_bounds[i]) ? std::to_string(upper_bounds[i]) : "inf")
          << "\" label=\"" << xml_escaped(labels[i]) << "\" color=\"" << hex(colours[i])
          << "\"/>\n";
  }
  const double top = std::isfinite(upper_bounds.back()) ? upper_bounds.back()
                     : upper_bounds.size() > 1          ? upper_bounds[upper_bounds.size() - 2]
                                                        : 0.0;
  std::ostringstream out;
  out << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"AllStyleCategories\">\n"
      << "  <pipe>\n"
      << "    <rasterrenderer type=\"singlebandpseudocolor\" band=\"1\" opacity=\"" << opacity
      << "\" alphaBand=\"-1\" classificationMin=\"0\" classificationMax=\"" << top
      << "\" nodataColor=\"\">\n"
      << "      <rasterTransparency/>\n"
      << "      <minMaxOrigin><limits>None</limits><extent>WholeRaster</extent>"
      << "<statAccuracy>Estimated</statAccuracy><cumulativeCutLower>0.02</cumulativeCutLower>"
      << "<cumulativeCutUpper>0.98</cumulativeCutUpper><stdDevFactor>2</stdDevFactor>"
      << "</minMaxOrigin>\n"
      << "      <rastershader>\n"
      << "        <colorrampshader colorRampType=\"DISCRETE\" classificationMode=\"2\" clip=\"0\""
      << " minimumValue=\"0\" maximumValue=\"" << top << "\" labelPrecision=\"0\">\n"
      << items.str() << "        </colorrampshader>\n"
      << "      </rastershader>\n"
      << "    </rasterrenderer>\n"
      << "    <brightnesscontrast brightness=\"0\" contrast=\"0\" gamma=\"1\"/>\n"
      << "    <huesaturation saturation=\"0\" colorizeOn=\"0\" grayscaleMode=\"0\""
      << " colorizeStrength=\"100\" colorizeRed=\"255\" colorizeGreen=\"128\""
      << " colorizeBlue=\"128\"/>\n"
      << "    <rasterresampler maxOversampling=\"2\"/>\n"
      << "    <resamplingStage>resamplingFilter</resamplingStage>\n"
      << "  </pipe>\n"
      << "  <blendMode>0</blendMode>\n"
      << "</qgis>\n";
  return out.str();
}

}  // namespace couverture
