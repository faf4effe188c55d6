#include "couverture/geodata/number_text.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace couverture {

Language parse_language(std::string_view text) {
  if (text == "fr") return Language::fr;
  if (text == "en") return Language::en;
  throw std::invalid_argument("unknown language '" + std::string(text) + "' (use fr or en)");
}

std::string format_number(double value, int decimals, Language language) {
  if (std::isnan(value)) return "–";
  if (std::isinf(value)) return value > 0 ? "∞" : "−∞";
  const double unit = std::pow(10.0, decimals);
  double rounded = std::round(std::abs(value) * unit) / unit;
  const bool negative = value < 0.0 && rounded > 0.0;
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.*f", decimals, rounded);
  const std::string text(digits);
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  // French groups from 10 000 (a four-digit number stays whole); English
  // always groups.
  const bool group = language == Language::en ? whole.size() > 3 : whole.size() > 4;
  const std::string separator = language == Language::fr ? std::string(kThinSpace) : ",";
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (group && i > 0 && (whole.size() - i) % 3 == 0) grouped += separator;
    grouped += whole[i];
  }
  std::string result = negative ? "-" : "";
  result += grouped;
  if (!fraction.empty()) result += (language == Language::fr ? "," : ".") + fraction;
  return result;
}

std::string format_percent(double value, int decimals, Language language) {
  if (!std::isfinite(value)) return format_number(value, decimals, language);
  return format_number(value, decimals, language) +
         (language == Language::fr ? std::string(kThinSpace) + "%" : "%");
}

}  // namespace couverture
