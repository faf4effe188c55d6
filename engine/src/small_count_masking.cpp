#include "couverture/engine/small_count_masking.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace couverture {

std::vector<std::uint8_t> mask_small_counts(std::span<const std::vector<double>> counts,
                                            std::span<const std::uint32_t> commune_of,
                                            double threshold) {
  const std::size_t point_count = commune_of.size();
  for (const std::vector<double>& column : counts) {
    if (column.size() != point_count) {
      throw std::invalid_argument("mask_small_counts: one count per point in every column");
    }
  }
  std::vector<std::uint8_t> hidden(point_count, 0);
  std::vector<double> size(point_count, 0.0);  // sum of the positive counts
  for (std::size_t i = 0; i < point_count; ++i) {
    for (const std::vector<double>& column : counts) {
      const double value = column[i];
      if (!std::isfinite(value) || !(value > 0.0)) continue;
      size[i] += value;
      if (value < threshold) hidden[i] = 1;
    }
  }
  const std::uint32_t commune_count =
      commune_of.empty() ? 0 : *std::max_element(commune_of.begin(), commune_of.end()) + 1;
  std::vector<std::size_t> hidden_in(commune_count, 0);
  for (std::size_t i = 0; i < point_count; ++i) hidden_in[commune_of[i]] += hidden[i];
  // The smallest unhidden point with something to hide, per commune.
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> smallest(commune_count, kNone);
  for (std::size_t i = 0; i < point_count; ++i) {
    const std::uint32_t c = commune_of[i];
    if (hidden[i] || !(size[i] > 0.0)) continue;
    if (smallest[c] == kNone || size[i] < size[smallest[c]]) smallest[c] = i;
  }
  for (std::uint32_t c = 0; c < commune_count; ++c) {
    if (hidden_in[c] == 1 && smallest[c] != kNone) hidden[smallest[c]] = 1;
  }
  return hidden;
}

}  // namespace couverture
