#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace couverture {

// Childcare places that have no single address, counted by the CAF in the
// taux de couverture global beside the EAJE places: assistants maternels
// working from home, home childcare (garde à domicile) and 2-year-olds at
// school (scolarisation des enfants de 2 ans).
enum class SupplyKind : std::uint8_t { assistants_maternels, home_childcare, school_2_year_olds };
inline constexpr std::size_t kSupplyKindCount = 3;
inline constexpr std::array<SupplyKind, kSupplyKindCount> kSupplyKinds = {
    SupplyKind::assistants_maternels, SupplyKind::home_childcare, SupplyKind::school_2_year_olds};

[[nodiscard]] constexpr std::size_t index_of(SupplyKind kind) {
  return static_cast<std::size_t>(kind);
}

// The scenario's table names: "assistants_maternels", "home_childcare",
// "school_2_year_olds"; parse_supply_kind reads them back (nullopt otherwise).
[[nodiscard]] std::string_view to_string(SupplyKind kind);
[[nodiscard]] std::optional<SupplyKind> parse_supply_kind(std::string_view name);

// The French label a planner reads: "assistants maternels", "garde à
// domicile", "enfants de 2 ans scolarisés".
[[nodiscard]] std::string_view french_label(SupplyKind kind);

// Places per kind (a commune's, a demand point's, the territory's).
using SupplyPlaces = std::array<double, kSupplyKindCount>;

}  // namespace couverture
