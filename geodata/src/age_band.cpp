#include "couverture/geodata/age_band.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>

namespace couverture {

namespace {

struct BandNames {
  std::string_view name;
  std::string_view field;
  std::string_view french;
};

constexpr std::array<BandNames, kAgeBandCount> kNames = {{
    {"0-2", "age_0_2", "0–2 ans"},
    {"3-5", "age_3_5", "3–5 ans"},
    {"6-11", "age_6_11", "6–11 ans"},
    {"12-17", "age_12_17", "12–17 ans"},
    {"adults", "adults", "adultes (18 ans et plus)"},
}};

}  // namespace

std::string_view to_string(AgeBand band) { return kNames[index_of(band)].name; }
std::string_view field_name(AgeBand band) { return kNames[index_of(band)].field; }
std::string_view french_label(AgeBand band) { return kNames[index_of(band)].french; }

std::optional<AgeBand> parse_age_band(std::string_view text) {
  for (AgeBand band : kAgeBands) {
    if (text == to_string(band) || text == field_name(band)) return band;
  }
  return std::nullopt;
}

double AgeBandSet::count(const BandPopulation& population) const {
  double sum = 0.0;
  for (AgeBand band : kAgeBands) {
    if (contains(band)) sum += population[index_of(band)];
  }
  return sum;
}

std::string AgeBandSet::to_string() const {
  if (*this == all()) return "all";
  std::string text;
  for (AgeBand band : kAgeBands) {
    if (!contains(band)) continue;
    if (!text.empty()) text += '+';
    text += couverture::to_string(band);
  }
  return text;
}

std::string AgeBandSet::french_label() const {
  if (*this == all()) return "toute la population";
  if (*this == of(AgeBand::adults)) return "adultes";
  std::string text;
  for (AgeBand band : kAgeBands) {
    if (!contains(band)) continue;
    text += text.empty() ? "" : ", ";
    text += couverture::french_label(band);
  }
  return (contains(AgeBand::adults) ? "habitants de " : "enfants de ") + text;
}

BandShares default_band_shares() { return {0.031, 0.033, 0.069, 0.073, 0.794}; }

BandPopulation estimate_bands(double total, const BandShares& shares) {
  double sum = 0.0;
  for (double share : shares) {
    if (!(share >= 0.0)) throw std::invalid_argument("age band shares must not be negative");
    sum += share;
  }
  if (std::abs(sum - 1.0) > 1e-6) {
    throw std::invalid_argument("age band shares must add up to 1");
  }
  BandPopulation bands{};
  for (std::size_t b = 0; b < kAgeBandCount; ++b) bands[b] = total * shares[b];
  return bands;
}

double total_of(const BandPopulation& population) {
  return std::accumulate(population.begin(), population.end(), 0.0);
}

}  // namespace couverture
