#pragma once

#include <string>
#include <string_view>

namespace couverture {

// Numbers as French and English text, for the run summaries (pipeline) and
// the diagnostic report alike.

// The language of a summary or a report.
enum class Language { fr, en };

// "fr" or "en"; throws std::invalid_argument naming the accepted values.
[[nodiscard]] Language parse_language(std::string_view text);

// Narrow no-break space (U+202F), the French thin space: between groups of
// thousands, before % ; ! ? and inside « ».
inline constexpr std::string_view kThinSpace = "\u202F";
// No-break space (U+00A0): before a colon and between a number and its unit.
inline constexpr std::string_view kNoBreakSpace = "\u00A0";

// `value` rounded to `decimals` places: French "28 940" (thin space between
// thousands, from 10 000 as French typography has it) and "0,69"; English
// "28,940" and "0.69". A value that rounds to zero never shows a minus sign.
[[nodiscard]] std::string format_number(double value, int decimals, Language language);

// A percentage of `value` (already in %): French "12,5 %" (thin space),
// English "12.5%".
[[nodiscard]] std::string format_percent(double value, int decimals, Language language);

}  // namespace couverture
