#pragma once

#include <string>
#include <string_view>

namespace couverture::report {

// `text` safe inside HTML or SVG text and attribute values (& < > " ').
[[nodiscard]] std::string escape_html(std::string_view text);

}  // namespace couverture::report
