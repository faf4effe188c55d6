#pragma once

#include <span>

namespace couverture {

// The concentration index of `value` by a measure of disadvantage
// (Wagstaff, van Doorslaer & Paci 1991; Kakwani, Wagstaff & van Doorslaer
// 1997), over weighted points: points are ranked from the most to the least
// disadvantaged (`disadvantage` decreasing, e.g. the share of poor
// households), R_i being the middle of point i's weight in that order
// (R_i = (weight before it + w_i / 2) / W; points of equal disadvantage
// share their block's middle), and
//   C = 2 / (W·μ) · Σ w_i (value_i − μ)(R_i − ½),   μ the weighted mean.
// C lies in (−1, 1): below 0 the value is concentrated among the most
// disadvantaged, above 0 among the least, 0 when it does not follow
// disadvantage. Points of zero weight, or a non-finite value or
// disadvantage, are left out. NaN when no weight is left or μ = 0. Throws
// std::invalid_argument when the spans differ in size or a weight is
// negative.
double concentration_index(std::span<const double> value, std::span<const double> disadvantage,
                           std::span<const double> weight);

}  // namespace couverture
