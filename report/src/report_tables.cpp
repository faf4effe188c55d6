#include "report_tables.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "couverture/report/html_text.hpp"

namespace couverture::report::detail {

std::optional<double> as_number(const Value& value) {
  if (!value) return std::nullopt;
  if (const auto* integer = std::get_if<std::int64_t>(&*value)) {
    return static_cast<double>(*integer);
  }
  if (const auto* real = std::get_if<double>(&*value)) return *real;
  return std::nullopt;
}

std::string as_text(const Value& value) {
  if (!value) return {};
  if (const auto* text = std::get_if<std::string>(&*value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&*value)) return std::to_string(*integer);
  return number_label(std::get<double>(*value));
}

std::optional<double> number_at(const GeoTable& table, const std::string& column, std::size_t row) {
  const OutputColumn* c = table.column(column);
  if (c == nullptr || row >= c->size()) return std::nullopt;
  return as_number(c->at(row));
}

std::string text_at(const GeoTable& table, const std::string& column, std::size_t row) {
  const OutputColumn* c = table.column(column);
  if (c == nullptr || row >= c->size()) return {};
  return as_text(c->at(row));
}

std::optional<std::size_t> row_where(const GeoTable& table, const std::string& column,
                                     const std::string& value) {
  const OutputColumn* c = table.column(column);
  if (c == nullptr) return std::nullopt;
  for (std::size_t i = 0; i < c->size(); ++i) {
    if (as_text(c->at(i)) == value) return i;
  }
  return std::nullopt;
}

std::string source_attributes(const Source& source) {
  std::string out = " data-f=\"" + escape_html(source.file) + "\" data-t=\"" +
                    escape_html(source.table) + "\" data-c=\"" + escape_html(source.column) +
                    "\" data-k=\"" + escape_html(source.key) + "\"";
  if (source.factor != 1.0) out += " data-x=\"" + number_label(source.factor) + "\"";
  return out;
}

std::string number_span(double value, int decimals, const Source& source, Language language,
                        bool percent) {
  const std::string text = percent ? format_percent(value, decimals, language)
                                   : format_number(value, decimals, language);
  return "<span class=\"num\"" + source_attributes(source) + ">" + text + "</span>";
}

std::string number_cell(std::optional<double> value, int decimals, const Source& source,
                        Language language, bool percent) {
  if (!value || !std::isfinite(*value)) return "<td class=\"n na\">–</td>";
  const std::string text = percent ? format_percent(*value, decimals, language)
                                   : format_number(*value, decimals, language);
  return "<td class=\"n\"" + source_attributes(source) + ">" + text + "</td>";
}

std::vector<double> thresholds_of(const GeoTable& run_info) {
  std::vector<double> thresholds;
  std::istringstream list(table_value(run_info, "thresholds_minutes").value_or(""));
  for (std::string item; std::getline(list, item, ',');) {
    try {
      thresholds.push_back(std::stod(item));
    } catch (const std::exception&) {
      // A malformed list leaves the thresholds the columns name.
    }
  }
  return thresholds;
}

}  // namespace couverture::report::detail
