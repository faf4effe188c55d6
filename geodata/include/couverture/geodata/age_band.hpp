#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace couverture {

// The age bands a CTG diagnosis counts people in (see the domain notes):
// each service serves one or more of them. "All ages" is the sum.
enum class AgeBand : std::uint8_t { age_0_2, age_3_5, age_6_11, age_12_17, adults };

inline constexpr std::size_t kAgeBandCount = 5;

// People per band, indexed by AgeBand.
using BandPopulation = std::array<double, kAgeBandCount>;

inline constexpr std::array<AgeBand, kAgeBandCount> kAgeBands = {
    AgeBand::age_0_2, AgeBand::age_3_5, AgeBand::age_6_11, AgeBand::age_12_17, AgeBand::adults};

[[nodiscard]] constexpr std::size_t index_of(AgeBand band) {
  return static_cast<std::size_t>(band);
}

// "0-2", "3-5", "6-11", "12-17", "adults": the names scenario files use.
[[nodiscard]] std::string_view to_string(AgeBand band);
// The field-name stem: "age_0_2", ..., "adults".
[[nodiscard]] std::string_view field_name(AgeBand band);
// The French label a planner reads: "0–2 ans", ..., "adultes (18 ans et plus)".
[[nodiscard]] std::string_view french_label(AgeBand band);
// Parses to_string() or field_name() forms; nullopt for anything else.
[[nodiscard]] std::optional<AgeBand> parse_age_band(std::string_view text);

// A set of bands (bit i = AgeBand i): who a service serves.
class AgeBandSet {
 public:
  constexpr AgeBandSet() = default;
  [[nodiscard]] static constexpr AgeBandSet all() { return AgeBandSet((1u << kAgeBandCount) - 1); }
  [[nodiscard]] static constexpr AgeBandSet of(AgeBand band) {
    return AgeBandSet(1u << index_of(band));
  }
  constexpr AgeBandSet& add(AgeBand band) {
    bits_ |= 1u << index_of(band);
    return *this;
  }
  [[nodiscard]] constexpr bool contains(AgeBand band) const {
    return (bits_ >> index_of(band)) & 1u;
  }
  [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }
  [[nodiscard]] constexpr std::uint32_t bits() const { return bits_; }
  friend constexpr bool operator==(AgeBandSet, AgeBandSet) = default;

  // The people of these bands in `population`.
  [[nodiscard]] double count(const BandPopulation& population) const;
  // "0-2", "3-5+6-11", "all": for summaries and run_info.
  [[nodiscard]] std::string to_string() const;
  // The French label: "enfants de 0–2 ans", "toute la population".
  [[nodiscard]] std::string french_label() const;

 private:
  constexpr explicit AgeBandSet(std::uint32_t bits) : bits_(bits) {}
  std::uint32_t bits_ = 0;
};

// Shares of each band in a population, used when a commune's bands are not
// known: they must be non-negative and add up to 1 (within 1e-6).
using BandShares = std::array<double, kAgeBandCount>;

// France, about 2024 (INSEE age pyramid, rounded): 3.1 % aged 0–2, 3.3 %
// 3–5, 6.9 % 6–11, 7.3 % 12–17, 79.4 % adults. Documented in
// docs/scenario.md; a scenario can replace them.
[[nodiscard]] BandShares default_band_shares();

// `total` split by `shares` (checked: throws std::invalid_argument when the
// shares are negative or do not add up to 1).
[[nodiscard]] BandPopulation estimate_bands(double total, const BandShares& shares);

// Sum over the bands.
[[nodiscard]] double total_of(const BandPopulation& population);

}  // namespace couverture
