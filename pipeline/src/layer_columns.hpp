#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "couverture/io/column_names.hpp"
#include "couverture/io/output_layer.hpp"
#include "couverture/io/qml_style.hpp"

namespace couverture::pipeline {

// For the small row-by-row tables (siting, isochrones, comparison summaries):
// an empty column with its QGIS alias, and cells pushed with
// OutputColumn::push. The builder (column_builder.hpp) is the declarative
// way; these keep the same rounding (Real::hundredths, Real::exact).
OutputColumn column(std::string name, OutputColumn::Type type, std::string alias);
std::optional<OutputColumn::Cell> finite_or_null(double value);
std::optional<OutputColumn::Cell> exact_or_null(double value);
std::optional<OutputColumn::Cell> integer_value(std::int64_t value);

// The two text columns of a run_info table, one row per (key, value).
std::vector<OutputColumn> key_value_columns(
    const std::vector<std::pair<std::string, std::string>>& rows);

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
