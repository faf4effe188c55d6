#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>

#include "couverture/io/output_layer.hpp"
#include "couverture/io/qml_style.hpp"

namespace couverture::pipeline {

using ColumnValue = std::variant<std::int64_t, double, std::string>;

// An empty output column with its QGIS alias (the French label a planner reads).
OutputColumn column(std::string name, OutputColumn::Type type, std::string alias);

// `value` rounded to hundredths, or NULL when it is not finite (unreachable).
std::optional<ColumnValue> finite_or_null(double value);

// `value` unrounded (counts that must add up, indices), or NULL when it is
// not finite.
std::optional<ColumnValue> exact_or_null(double value);

// An integer column value (flags, counts, ranks).
std::optional<ColumnValue> integer_value(std::int64_t value);

// A number as a short label: 7.5 -> "7.5", 10 -> "10".
std::string number_label(double value);

// A field-name-safe form of a number: 7.5 -> "7_5" (no dot in QGIS expressions).
std::string number_field(double value);

// Travel-time classes from the thresholds, green when close to red beyond
// the last threshold; with `fill_alpha` < 255 overlapping areas stay readable.
std::string travel_time_style(const std::string& field, GeometryKind kind,
                              std::span<const double> thresholds, const std::string& label_field,
                              std::uint8_t fill_alpha = 255);

}  // namespace couverture::pipeline

namespace couverture::pipeline {

// A diverging style for a difference (variant − baseline): seven classes
// around 0 at ±step/10, ±step and ±3·step, blue for gains and red for losses
// (a gain is a fall when `gain_when_negative`, as for travel times, and a
// rise otherwise, as for coverage rates). `unit` labels the classes.
std::string difference_style(const std::string& field, GeometryKind kind, double step,
                             const std::string& unit, bool gain_when_negative,
                             const std::string& label_field);

}  // namespace couverture::pipeline
