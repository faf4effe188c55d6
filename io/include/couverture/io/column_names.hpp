#pragma once

#include <string>
#include <string_view>

namespace couverture {

// How the output tables name their columns: one rule for the tables the
// pipeline writes and for what reads them back (the QGIS project, the
// report).

// A service type as a column stem: lower case, anything but a-z and 0-9 as
// '_' ("France Services" -> "france_services"); "service" when empty.
[[nodiscard]] std::string service_column(std::string_view service_type);

// A number as a short label: 7.5 -> "7.5", 10 -> "10".
[[nodiscard]] std::string number_label(double value);

// A field-name-safe form of a number: 7.5 -> "7_5" (no dot in QGIS expressions).
[[nodiscard]] std::string number_field(double value);

}  // namespace couverture
