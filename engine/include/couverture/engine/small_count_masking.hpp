#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace couverture {

// Which demand points must have their counts hidden before publication
// ([privacy]): the counts of a point (its age bands, the services' target
// populations, its priority-group counts) are hidden together.
//  - Primary: a point with any count above 0 and below `threshold` (one
//    hidden count would otherwise be recovered as a total minus the others).
//  - Secondary: the per-commune totals are published, so a commune with a
//    single hidden point would give it away as the commune's total minus
//    the published points; there the unhidden point with the smallest
//    positive counts (their sum) is hidden too.
// `counts[k]` is one count per point; `commune_of` one commune per point.
// Returns 1 per hidden point.
std::vector<std::uint8_t> mask_small_counts(std::span<const std::vector<double>> counts,
                                            std::span<const std::uint32_t> commune_of,
                                            double threshold);

}  // namespace couverture
