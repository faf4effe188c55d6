#include "couverture/report/style_classes.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "couverture/io/xml_text.hpp"

namespace couverture::report {

namespace {

// The fill colour of each <symbol name="N"> of the document.
std::map<std::string, Colour> symbol_colours(const std::string& qml) {
  std::map<std::string, Colour> colours;
  for (auto at = qml.find("<symbol "); at != std::string::npos; at = qml.find("<symbol ", at + 1)) {
    const std::string head = qml.substr(at, qml.find('>', at) - at);
    const std::string name = xml_attribute(head, "name");
    const auto end = qml.find("</symbol>", at);
    const auto option = qml.find("name=\"color\"", at);
    if (option == std::string::npos || option > end) continue;
    const auto line_end = qml.find("/>", option);
    const std::string element = " " + qml.substr(option, line_end - option);
    const std::string value = xml_attribute(element, "value");
    int r = 0, g = 0, b = 0, a = 255;
    if (std::sscanf(value.c_str(), "%d,%d,%d,%d", &r, &g, &b, &a) >= 3) {
      colours[name] = {static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g),
                       static_cast<std::uint8_t>(b), static_cast<std::uint8_t>(a)};
    }
  }
  return colours;
}

}  // namespace

std::vector<ColourClass> graduated_classes(const std::string& qml) {
  std::vector<ColourClass> classes;
  if (qml.find("graduatedSymbol") == std::string::npos) return classes;
  const auto colours = symbol_colours(qml);
  for (auto at = qml.find("<range "); at != std::string::npos; at = qml.find("<range ", at + 1)) {
    const std::string element = qml.substr(at, qml.find("/>", at) - at);
    ColourClass c;
    c.lower = std::strtod(xml_attribute(element, "lower").c_str(), nullptr);
    c.upper = std::strtod(xml_attribute(element, "upper").c_str(), nullptr);
    c.label = xml_attribute(element, "label");
    if (const auto colour = colours.find(xml_attribute(element, "symbol"));
        colour != colours.end()) {
      c.colour = colour->second;
    }
    classes.push_back(c);
  }
  return classes;
}

std::map<std::string, Colour> category_colours(const std::string& qml) {
  std::map<std::string, Colour> result;
  const auto colours = symbol_colours(qml);
  for (auto at = qml.find("<category "); at != std::string::npos;
       at = qml.find("<category ", at + 1)) {
    const std::string element = qml.substr(at, qml.find("/>", at) - at);
    const auto colour = colours.find(xml_attribute(element, "symbol"));
    if (colour != colours.end()) result[xml_attribute(element, "value")] = colour->second;
  }
  return result;
}

Colour class_colour(const std::vector<ColourClass>& classes, double value) {
  if (classes.empty() || std::isnan(value)) return {190, 190, 190, 255};
  for (const ColourClass& c : classes) {
    if (value < c.upper) return c.colour;
  }
  return classes.back().colour;
}

std::string css_colour(Colour colour) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", colour.red, colour.green, colour.blue);
  return text;
}

}  // namespace couverture::report
