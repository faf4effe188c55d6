#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

// What the data dictionary says about a column besides its type: the field
// name, the French label (the QGIS alias), the unit and, when the label does
// not say it all, a description.
struct ColumnInfo {
  std::string name;
  std::string label;
  std::string unit = {};
  std::string description = {};
};

namespace detail {
template <typename T>
inline constexpr bool is_optional = false;
template <typename T>
inline constexpr bool is_optional<std::optional<T>> = true;
}  // namespace detail

// How a real value is written.
enum class Real {
  hundredths,  // rounded to 0.01; NULL when not finite (unreachable, undefined)
  exact,       // unrounded (counts that must add up, indices); NULL when not finite
  tenths,      // rounded to 0.1 (metres), written as computed otherwise
  as_given,    // written as computed (coordinates, capacities)
};

// `value` as a Real policy writes it; nullopt is NULL.
std::optional<double> written_real(double value, Real policy);

// Declares the columns of one output table of `rows` rows, each from a
// function of the row index, and computes it at once into a typed column
// (OutputColumn) that also carries its data dictionary entry. Each call
// replaces a "make a column, loop, push values" block:
//
//   ColumnBuilder table(communes.size());
//   table.text({"code", "Code INSEE"}, [&](std::size_t c) { return communes[c].code; })
//       .real({"population", "Population", "personnes"}, Real::as_given,
//             [&](std::size_t c) { return communes[c].population; });
//   layer.columns = table.take();
//
// The functions may return the value or a std::optional of it (nullopt
// writes NULL); text functions return anything convertible to
// std::string_view, or an optional of a std::string.
class ColumnBuilder {
 public:
  explicit ColumnBuilder(std::size_t rows) : rows_(rows) {}

  template <typename ValueOf>
  ColumnBuilder& real(ColumnInfo info, Real policy, ValueOf&& value_of) {
    OutputColumn& column = start(std::move(info), OutputColumn::Type::real);
    for (std::size_t row = 0; row < rows_; ++row) push_real(column, policy, value_of(row));
    return *this;
  }

  template <typename ValueOf>
  ColumnBuilder& integer(ColumnInfo info, ValueOf&& value_of) {
    OutputColumn& column = start(std::move(info), OutputColumn::Type::integer);
    for (std::size_t row = 0; row < rows_; ++row) push_integer(column, value_of(row));
    return *this;
  }

  template <typename ValueOf>
  ColumnBuilder& text(ColumnInfo info, ValueOf&& value_of) {
    OutputColumn& column = start(std::move(info), OutputColumn::Type::text);
    for (std::size_t row = 0; row < rows_; ++row) push_text(column, value_of(row));
    column.shrink_to_fit();
    return *this;
  }

  // A text column whose values are among `labels` (facility ids, commune
  // codes): `label_of(row)` gives the index of the row's label, or an
  // optional of it (nullopt writes NULL). Each row then costs 4 bytes
  // instead of its characters; the file written is the same.
  template <typename LabelOf>
  ColumnBuilder& labelled_text(ColumnInfo info, std::vector<std::string> labels,
                               LabelOf&& label_of) {
    OutputColumn& column = start(std::move(info), OutputColumn::Type::text);
    column.use_labels(std::move(labels));
    column.reserve(rows_);
    for (std::size_t row = 0; row < rows_; ++row) push_label(column, label_of(row));
    return *this;
  }

  [[nodiscard]] std::size_t rows() const { return rows_; }
  // The columns declared so far, in order; the builder is left empty.
  std::vector<OutputColumn> take();
  // Appends them to `layer`'s columns.
  void append_to(OutputLayer& layer);

 private:
  OutputColumn& start(ColumnInfo info, OutputColumn::Type type);

  static void push_real_value(OutputColumn& column, Real policy, double value);

  // A value or an optional of it (nullopt writes NULL).
  template <typename T>
  static void push_real(OutputColumn& column, Real policy, const T& value) {
    if constexpr (detail::is_optional<T>) {
      value ? push_real_value(column, policy, static_cast<double>(*value)) : column.push_null();
    } else {
      push_real_value(column, policy, static_cast<double>(value));
    }
  }
  template <typename T>
  static void push_integer(OutputColumn& column, const T& value) {
    if constexpr (detail::is_optional<T>) {
      value ? column.push_integer(static_cast<std::int64_t>(*value)) : column.push_null();
    } else {
      column.push_integer(static_cast<std::int64_t>(value));
    }
  }
  template <typename T>
  static void push_text(OutputColumn& column, const T& value) {
    if constexpr (detail::is_optional<T>) {
      value ? column.push_text(std::string_view(*value)) : column.push_null();
    } else {
      column.push_text(std::string_view(value));
    }
  }

  template <typename T>
  static void push_label(OutputColumn& column, const T& index) {
    if constexpr (detail::is_optional<T>) {
      index ? column.push_label(static_cast<std::uint32_t>(*index)) : column.push_null();
    } else {
      column.push_label(static_cast<std::uint32_t>(index));
    }
  }

  std::size_t rows_;
  std::vector<OutputColumn> columns_;
};

}  // namespace couverture::pipeline
