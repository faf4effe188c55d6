#include "couverture/report/html_text.hpp"

#include "couverture/io/xml_text.hpp"

namespace couverture::report {

std::string escape_html(std::string_view text) { return xml_escaped(text); }

}  // namespace couverture::report
