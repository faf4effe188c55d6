#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace couverture {

// One attribute column of an output table, stored by type and contiguously:
// an integer column holds 4-byte integers while every value fits (flags,
// counts) and 8-byte ones from the first that does not, a real column a
// std::vector<double>, a text column one character arena with each value's
// start, and every column a null bitmap. A text column whose values come
// from a short list (facility ids, commune codes) can instead keep that list
// once and a 4-byte index per row (use_labels). A cell costs 4 or 8 bytes
// plus a bit (arena text: 8 bytes plus its characters) instead of a 48-byte
// optional variant, which is what lets a run of 10⁶ demand points and 80
// columns fit in memory.
//
// `name`, `alias` (the French label QGIS shows), `unit` and `description` are
// the column's entry in the data dictionary; the writers store the name and
// the alias.
class OutputColumn {
 public:
  enum class Type { integer, real, text };
  // A value read back (reports, spreadsheets, tests): never stored this way.
  using Cell = std::variant<std::int64_t, double, std::string>;

  OutputColumn() = default;
  OutputColumn(std::string column_name, Type column_type, std::string label = {});
  // With its values, for small tables and tests: {"id", Type::text, {"A", std::nullopt}, ""}.
  OutputColumn(std::string column_name, Type column_type,
               std::initializer_list<std::optional<Cell>> cells, std::string label);

  std::string name;
  Type type = Type::real;
  std::string alias;  // e.g. "Temps moyen EAJE (min)"; empty for none
  std::string unit;   // e.g. "min", "%"; empty when the value has none
  std::string description;

  // Appending. An integer appended to a real column is stored as a double
  // (what GDAL writes for it); any other type mismatch throws
  // std::logic_error, a programming error.
  void push_null();
  void push_integer(std::int64_t value);
  void push_real(double value);  // stored as given: rounding is the builder's
  void push_text(std::string_view value);
  void push(const std::optional<Cell>& value);
  // Makes this empty text column store each value as an index into
  // `labels` (pushed with push_label); push_text is then refused. Throws
  // std::logic_error on another type or a column that holds values.
  void use_labels(std::vector<std::string> labels);
  // Appends labels()[index]; an index out of range throws std::logic_error.
  void push_label(std::uint32_t index);
  [[nodiscard]] bool has_labels() const { return labelled_; }
  [[nodiscard]] const std::vector<std::string>& labels() const { return labels_; }
  void reserve(std::size_t rows);
  // Gives back what growth left unused (a text arena grows by doubling).
  void shrink_to_fit();
  void clear();

  // Reading; `row` < size().
  [[nodiscard]] std::size_t size() const { return nulls_.size(); }
  [[nodiscard]] bool is_null(std::size_t row) const { return nulls_[row]; }
  [[nodiscard]] std::int64_t integer(std::size_t row) const {
    return wide_ ? integers_[row] : narrow_[row];
  }
  [[nodiscard]] double real(std::size_t row) const { return reals_[row]; }
  [[nodiscard]] std::string_view text(std::size_t row) const;
  // NUL-terminated, for C APIs (GDAL) without a copy.
  [[nodiscard]] const char* text_c_str(std::size_t row) const;
  [[nodiscard]] std::optional<Cell> at(std::size_t row) const;

 private:
  void check_type(Type wanted) const;
  void widen();

  std::vector<std::int32_t> narrow_;  // integers while every one fits
  bool wide_ = false;                 // from the first that does not: integers_
  std::vector<std::int64_t> integers_;
  std::vector<double> reals_;
  std::string characters_;             // each value followed by '\0'
  std::vector<std::uint64_t> starts_;  // where each text value begins
  bool labelled_ = false;              // text as indices into labels_ instead
  std::vector<std::string> labels_;
  std::vector<std::uint32_t> label_of_;  // a null row holds 0, never read
  std::vector<bool> nulls_;              // one bit per row; defines size()
};

}  // namespace couverture
