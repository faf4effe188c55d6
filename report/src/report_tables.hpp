#pragma once

// Private helpers of the report: reading values out of the tables io read
// back, and writing numbers with the provenance the tests check.

#include <optional>
#include <string>
#include <vector>

#include "couverture/geodata/number_text.hpp"
#include "couverture/io/column_names.hpp"
#include "couverture/io/geopackage_reader.hpp"

namespace couverture::report::detail {

using Value = std::optional<std::variant<std::int64_t, double, std::string>>;

[[nodiscard]] std::optional<double> as_number(const Value& value);
[[nodiscard]] std::string as_text(const Value& value);

// The number in column `column` of row `row`, nullopt when the column is
// absent or the cell NULL.
[[nodiscard]] std::optional<double> number_at(const GeoTable& table, const std::string& column,
                                              std::size_t row);
[[nodiscard]] std::string text_at(const GeoTable& table, const std::string& column,
                                  std::size_t row);
// The first row whose column `column` holds `value`, or nullopt.
[[nodiscard]] std::optional<std::size_t> row_where(const GeoTable& table, const std::string& column,
                                                   const std::string& value);

// Where a printed number comes from: file ("run", "compare", "site"),
// table, column and row key ("code=88383", "service_type=eaje", "*" for the
// sum of the column), times `factor`.
struct Source {
  std::string file;
  std::string table;
  std::string column;
  std::string key;
  double factor = 1.0;
};

// The data-* attributes of `source`, with a leading space.
[[nodiscard]] std::string source_attributes(const Source& source);
// `value` in a <span class="num"> carrying its source.
[[nodiscard]] std::string number_span(double value, int decimals, const Source& source,
                                      Language language, bool percent = false);
// A right-aligned table cell; a dash without provenance when `value` is missing.
[[nodiscard]] std::string number_cell(std::optional<double> value, int decimals,
                                      const Source& source, Language language,
                                      bool percent = false);

// The thresholds of run_info ("5, 10, 15, 20").
[[nodiscard]] std::vector<double> thresholds_of(const GeoTable& run_info);

}  // namespace couverture::report::detail
