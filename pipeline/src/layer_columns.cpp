#include "layer_columns.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>
#include <vector>

#include "couverture/pipeline/column_builder.hpp"

namespace couverture::pipeline {

OutputColumn column(std::string name, OutputColumn::Type type, std::string alias) {
  return OutputColumn(std::move(name), type, std::move(alias));
}

std::optional<OutputColumn::Cell> finite_or_null(double value) {
  const std::optional<double> written = written_real(value, Real::hundredths);
  if (!written) return std::nullopt;
  // Built in place: moving a variant that can hold a string into the optional
  // trips GCC 12's -Wmaybe-uninitialized under the sanitizers.
  return std::optional<OutputColumn::Cell>(std::in_place, std::in_place_index<1>, *written);
}

std::optional<OutputColumn::Cell> exact_or_null(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  return std::optional<OutputColumn::Cell>(std::in_place, std::in_place_index<1>, value);
}

std::optional<OutputColumn::Cell> integer_value(std::int64_t value) {
  return std::optional<OutputColumn::Cell>(std::in_place, std::in_place_index<0>, value);
}

std::vector<OutputColumn> key_value_columns(
    const std::vector<std::pair<std::string, std::string>>& rows) {
  ColumnBuilder table(rows.size());
  table.text({"key", "Clé"}, [&](std::size_t r) { return rows[r].first; })
      .text({"value", "Valeur"}, [&](std::size_t r) { return rows[r].second; });
  return table.take();
}

std::string travel_time_style(const std::string& field, GeometryKind kind,
                              std::span<const double> thresholds, const std::string& label_field,
                              std::uint8_t fill_alpha) {
  std::vector<double> breaks = {0.0};
  std::vector<std::string> labels;
  for (double minutes : thresholds) {
    labels.push_back(number_label(breaks.back()) + " – " + number_label(minutes) + " min");
    breaks.push_back(minutes);
  }
  labels.push_back("> " + number_label(breaks.back()) + " min");
  breaks.push_back(100000.0);
  std::vector<Colour> colours = green_to_red(labels.size());
  for (Colour& colour : colours) colour.alpha = fill_alpha;
  return graduated_style_qml(field, kind, breaks, colours, labels, label_field);
}

}  // namespace couverture::pipeline

namespace couverture::pipeline {

std::string difference_style(const std::string& field, GeometryKind kind, double step,
                             const std::string& unit, bool gain_when_negative,
                             const std::string& label_field) {
  const std::vector<double> breaks = {-1e12,      -3.0 * step, -step,      -0.1 * step,
                                      0.1 * step, step,        3.0 * step, 1e12};
  // ColorBrewer RdBu: blue gains, white for no real change, red losses.
  std::vector<Colour> colours = {{33, 102, 172},  {103, 169, 207}, {209, 229, 240}, {247, 247, 247},
                                 {253, 219, 199}, {239, 138, 98},  {178, 24, 43}};
  if (!gain_when_negative) std::reverse(colours.begin(), colours.end());
  const auto signed_label = [&unit](double value) {
    std::string label = value > 0 ? "+" : "";
    label += number_label(value);
    label += ' ';
    label += unit;
    return label;
  };
  std::vector<std::string> labels = {"< " + signed_label(-3.0 * step),
                                     signed_label(-3.0 * step) + " à " + signed_label(-step),
                                     signed_label(-step) + " à " + signed_label(-0.1 * step),
                                     "inchangé (±" + number_label(0.1 * step) + " " + unit + ")",
                                     signed_label(0.1 * step) + " à " + signed_label(step),
                                     signed_label(step) + " à " + signed_label(3.0 * step),
                                     "> " + signed_label(3.0 * step)};
  return graduated_style_qml(field, kind, breaks, colours, labels, label_field);
}

}  // namespace couverture::pipeline
