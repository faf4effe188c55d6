#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "couverture/io/xml_text.hpp"

namespace couverture {

// Builders of QGIS style documents (QML, as QGIS 3.22 writes them) that the
// GeoPackage writer stores as each layer's default style, so a planner
// opening the file sees a readable map without styling anything.

enum class GeometryKind { point, line, polygon };

struct Colour {
  std::uint8_t red = 0, green = 0, blue = 0, alpha = 255;
};

struct StyleCategory {
  std::string value;  // the attribute value, compared as text
  std::string label;  // shown in the legend
  Colour colour;
};

// `count` colours from green through yellow to red (short to long travel times).
std::vector<Colour> green_to_red(std::size_t count);

// Classes [breaks[i], breaks[i+1]) coloured colours[i] and named labels[i]
// in the legend: breaks has one more entry than colours and labels. Throws
// std::invalid_argument when the sizes disagree. `label_field` (optional)
// labels each feature with that attribute.
std::string graduated_style_qml(const std::string& field, GeometryKind kind,
                                std::span<const double> breaks, std::span<const Colour> colours,
                                std::span<const std::string> labels,
                                const std::string& label_field = "");

// One colour per attribute value; other values are drawn grey ("Autre").
std::string categorized_style_qml(const std::string& field, GeometryKind kind,
                                  std::span<const StyleCategory> categories,
                                  const std::string& label_field = "");

std::string single_symbol_style_qml(GeometryKind kind, Colour colour, Colour outline,
                                    const std::string& label_field = "");

// A single-band raster drawn in discrete classes: values up to
// upper_bounds[i] (inclusive, +inf for the last open class) in colours[i],
// named labels[i] in the legend; no-data cells transparent. Throws
// std::invalid_argument when the sizes disagree.
std::string raster_classes_style_qml(std::span<const double> upper_bounds,
                                     std::span<const Colour> colours,
                                     std::span<const std::string> labels, double opacity = 0.8);

// A style for an attribute table (no geometry, no renderer): the document
// that carries a table's field aliases, so QGIS 3.22 shows its labels.
std::string table_style_qml();

// `style` with a QGIS <aliases> element naming fields (name, alias), so
// QGIS shows the human labels; unchanged when it already has aliases.
std::string with_field_aliases(const std::string& style,
                               std::span<const std::pair<std::string, std::string>> aliases);

}  // namespace couverture
