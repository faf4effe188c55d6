#pragma once

#include <string>
#include <string_view>

namespace couverture {

// The little XML Couverture writes and reads back (QGIS styles and
// projects, the report's HTML and SVG): no parser, only these.

// `text` with & < > " ' written as XML entities: safe in XML (and HTML)
// text and attribute values.
std::string xml_escaped(std::string_view text);

// The reverse of xml_escaped for those five entities; others stay as they are.
std::string xml_unescaped(std::string_view text);

// The unescaped value of attribute `name` in the text of one element
// (`<alias field="a" name="…"/>`), or "" when it has none.
std::string xml_attribute(std::string_view element, std::string_view name);

}  // namespace couverture
