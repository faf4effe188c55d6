#pragma once

#include <map>
#include <string>
#include <vector>

#include "couverture/io/qml_style.hpp"

namespace couverture::report {

// One class of a graduated QGIS style: values in [lower, upper).
struct ColourClass {
  double lower = 0.0;
  double upper = 0.0;
  std::string label;
  Colour colour;
};

// The classes of a graduated QGIS style document (QML), in order; empty when
// the document holds no graduated renderer. The report draws with them so
// its maps have the colours of the QGIS styles.
[[nodiscard]] std::vector<ColourClass> graduated_classes(const std::string& qml);

// The categories of a categorised QGIS style: value -> colour.
[[nodiscard]] std::map<std::string, Colour> category_colours(const std::string& qml);

// The colour of `value` among `classes` (the last class takes values above
// it, the first those below); grey for NaN.
[[nodiscard]] Colour class_colour(const std::vector<ColourClass>& classes, double value);

// "#1a9641" (alpha left out).
[[nodiscard]] std::string css_colour(Colour colour);

}  // namespace couverture::report
