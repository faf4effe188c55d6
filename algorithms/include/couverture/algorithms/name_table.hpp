#pragma once

// The spellings of an enum's values, written once beside the enum as a
// constexpr table of (value, name) pairs, and read every way from it: the
// scenario reader (name -> value, the accepted names in its errors), the
// command line's value checks, and the outputs (value -> name). A name
// table is the single source of an option's spellings.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace couverture {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value`; "" when the table lacks it (a table missing a value
// is a bug its tests catch).
template <typename Enum, std::size_t N>
[[nodiscard]] constexpr std::string_view name_in(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return name;
  }
  return {};
}

// The value spelt `name` (exactly), or nullopt.
template <typename Enum, std::size_t N>
[[nodiscard]] constexpr std::optional<Enum> value_in(const NameTable<Enum, N>& table,
                                                     std::string_view name) {
  for (const auto& [entry, entry_name] : table) {
    if (entry_name == name) return entry;
  }
  return std::nullopt;
}

// Every name, in table order: the accepted values an error or a --help lists.
template <typename Enum, std::size_t N>
[[nodiscard]] std::vector<std::string> names_in(const NameTable<Enum, N>& table) {
  std::vector<std::string> names;
  names.reserve(N);
  for (const auto& entry : table) names.emplace_back(entry.second);
  return names;
}

}  // namespace couverture
