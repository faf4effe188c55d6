#include "couverture/pipeline/column_builder.hpp"

#include <cmath>

namespace couverture::pipeline {

std::optional<double> written_real(double value, Real policy) {
  switch (policy) {
    case Real::hundredths:
      if (!std::isfinite(value)) return std::nullopt;
      return std::round(value * 100.0) / 100.0;
    case Real::exact:
      if (!std::isfinite(value)) return std::nullopt;
      return value;
    case Real::tenths:
      return std::round(value * 10.0) / 10.0;
    case Real::as_given:
      return value;
  }
  return value;
}

OutputColumn& ColumnBuilder::start(ColumnInfo info, OutputColumn::Type type) {
  OutputColumn& column = columns_.emplace_back(std::move(info.name), type, std::move(info.label));
  column.unit = std::move(info.unit);
  column.description = std::move(info.description);
  column.reserve(rows_);
  return column;
}

std::vector<OutputColumn> ColumnBuilder::take() { return std::exchange(columns_, {}); }

void ColumnBuilder::append_to(OutputLayer& layer) {
  for (OutputColumn& column : columns_) layer.columns.push_back(std::move(column));
  columns_.clear();
}

void ColumnBuilder::push_real_value(OutputColumn& column, Real policy, double value) {
  const std::optional<double> written = written_real(value, policy);
  if (written) {
    column.push_real(*written);
  } else {
    column.push_null();
  }
}

}  // namespace couverture::pipeline
