#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "couverture/algorithms/group_accessibility.hpp"

namespace couverture::pipeline {

// How the summaries show a time (mean or max) of a group of people. When
// nobody in the group reaches the service, the group's times are 0 by
// convention, and the GeoPackage holds NULL: the summary says "n/a" (JSON
// null) rather than 0.0, which would read as "on the spot".
[[nodiscard]] bool nobody_reaches(const GroupAccessibility& group);
// `minutes` rounded to 0.01, or null.
[[nodiscard]] nlohmann::json minutes_json(const GroupAccessibility& group, double minutes);
// `minutes` as "%6.1f", or "   n/a" (the same width).
[[nodiscard]] std::string minutes_cell(const GroupAccessibility& group, double minutes);

}  // namespace couverture::pipeline
