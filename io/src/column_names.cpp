#include "couverture/io/column_names.hpp"

#include <algorithm>
#include <sstream>

namespace couverture {

std::string service_column(std::string_view service_type) {
  std::string stem;
  for (const char c : service_type) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      stem += c;
    } else if (c >= 'A' && c <= 'Z') {
      stem += static_cast<char>(c - 'A' + 'a');
    } else {
      stem += '_';
    }
  }
  return stem.empty() ? "service" : stem;
}

std::string number_label(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

std::string number_field(double value) {
  std::string label = number_label(value);
  std::replace(label.begin(), label.end(), '.', '_');
  return label;
}

}  // namespace couverture
