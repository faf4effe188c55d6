#include "couverture/io/output_column.hpp"

#include <limits>
#include <stdexcept>
#include <utility>

namespace couverture {

namespace {

const char* type_name(OutputColumn::Type type) {
  switch (type) {
    case OutputColumn::Type::integer:
      return "integer";
    case OutputColumn::Type::real:
      return "real";
    case OutputColumn::Type::text:
      return "text";
  }
  return "?";
}

}  // namespace

OutputColumn::OutputColumn(std::string column_name, Type column_type, std::string label)
    : name(std::move(column_name)), type(column_type), alias(std::move(label)) {}

void OutputColumn::check_type(Type wanted) const {
  if (type != wanted) {
    throw std::logic_error("output column '" + name + "' is " + type_name(type) + ", not " +
                           type_name(wanted));
  }
}

OutputColumn::OutputColumn(std::string column_name, Type column_type,
                           std::initializer_list<std::optional<Cell>> cells, std::string label)
    : OutputColumn(std::move(column_name), column_type, std::move(label)) {
  for (const std::optional<Cell>& cell : cells) push(cell);
}

// A null keeps a placeholder in the typed storage so that row i stays at
// index i: no index translation when reading or writing.
void OutputColumn::push_null() {
  switch (type) {
    case Type::integer:
      if (wide_) {
        integers_.push_back(0);
      } else {
        narrow_.push_back(0);
      }
      break;
    case Type::real:
      reals_.push_back(0.0);
      break;
    case Type::text:
      if (labelled_) {
        label_of_.push_back(0);
      } else {
        starts_.push_back(characters_.size());
        characters_.push_back('\0');
      }
      break;
  }
  nulls_.push_back(true);
}

// From 4-byte to 8-byte storage, once, when a value does not fit.
void OutputColumn::widen() {
  integers_.assign(narrow_.begin(), narrow_.end());
  std::vector<std::int32_t>().swap(narrow_);
  wide_ = true;
}

void OutputColumn::push_integer(std::int64_t value) {
  if (type == Type::real) {
    push_real(static_cast<double>(value));
    return;
  }
  check_type(Type::integer);
  if (!wide_ && (value < std::numeric_limits<std::int32_t>::min() ||
                 value > std::numeric_limits<std::int32_t>::max())) {
    widen();
  }
  if (wide_) {
    integers_.push_back(value);
  } else {
    narrow_.push_back(static_cast<std::int32_t>(value));
  }
  nulls_.push_back(false);
}

void OutputColumn::push_real(double value) {
  check_type(Type::real);
  reals_.push_back(value);
  nulls_.push_back(false);
}

void OutputColumn::push_text(std::string_view value) {
  check_type(Type::text);
  if (labelled_) {
    throw std::logic_error("output column '" + name + "' holds labels: use push_label");
  }
  starts_.push_back(characters_.size());
  characters_.append(value);
  characters_.push_back('\0');
  nulls_.push_back(false);
}

void OutputColumn::push(const std::optional<Cell>& value) {
  if (!value) {
    push_null();
  } else if (const auto* integer = std::get_if<std::int64_t>(&*value)) {
    push_integer(*integer);
  } else if (const auto* real = std::get_if<double>(&*value)) {
    push_real(*real);
  } else {
    push_text(std::get<std::string>(*value));
  }
}

void OutputColumn::use_labels(std::vector<std::string> labels) {
  check_type(Type::text);
  if (size() != 0) {
    throw std::logic_error("output column '" + name + "' already holds values: labels come first");
  }
  labels_ = std::move(labels);
  labelled_ = true;
}

void OutputColumn::push_label(std::uint32_t index) {
  check_type(Type::text);
  if (!labelled_ || index >= labels_.size()) {
    throw std::logic_error("output column '" + name + "': label " + std::to_string(index) + " of " +
                           std::to_string(labels_.size()));
  }
  label_of_.push_back(index);
  nulls_.push_back(false);
}

void OutputColumn::reserve(std::size_t rows) {
  nulls_.reserve(rows);
  if (type == Type::integer) {
    if (wide_) {
      integers_.reserve(rows);
    } else {
      narrow_.reserve(rows);
    }
  }
  if (type == Type::real) reals_.reserve(rows);
  if (type == Type::text) {
    if (labelled_) {
      label_of_.reserve(rows);
    } else {
      starts_.reserve(rows);
    }
  }
}

void OutputColumn::shrink_to_fit() {
  narrow_.shrink_to_fit();
  label_of_.shrink_to_fit();
  integers_.shrink_to_fit();
  reals_.shrink_to_fit();
  characters_.shrink_to_fit();
  starts_.shrink_to_fit();
  nulls_.shrink_to_fit();
}

void OutputColumn::clear() {
  narrow_.clear();
  wide_ = false;
  label_of_.clear();
  integers_.clear();
  reals_.clear();
  characters_.clear();
  starts_.clear();
  nulls_.clear();
}

std::string_view OutputColumn::text(std::size_t row) const {
  if (labelled_) return is_null(row) ? std::string_view() : labels_[label_of_[row]];
  const std::size_t start = starts_[row];
  const std::size_t end = row + 1 < starts_.size() ? starts_[row + 1] : characters_.size();
  return std::string_view(characters_).substr(start, end - start - 1);
}

const char* OutputColumn::text_c_str(std::size_t row) const {
  if (labelled_) return is_null(row) ? "" : labels_[label_of_[row]].c_str();
  return characters_.data() + starts_[row];
}

std::optional<OutputColumn::Cell> OutputColumn::at(std::size_t row) const {
  if (is_null(row)) return std::nullopt;
  switch (type) {
    case Type::integer:
      return std::optional<Cell>(std::in_place, std::in_place_index<0>, integer(row));
    case Type::real:
      return std::optional<Cell>(std::in_place, std::in_place_index<1>, real(row));
    case Type::text:
      return std::optional<Cell>(std::in_place, std::in_place_index<2>, text(row));
  }
  return std::nullopt;
}

}  // namespace couverture
