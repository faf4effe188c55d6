#include "couverture/algorithms/floating_catchment.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace couverture {
namespace {

void require_quantities(std::span<const double> values, std::size_t expected, const char* what) {
  if (values.size() != expected) {
    throw std::invalid_argument(std::string("floating_catchment: ") +
                                std::to_string(values.size()) + " " + what + " values for " +
                                std::to_string(expected) + " ids");
  }
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!(values[k] >= 0.0) || !std::isfinite(values[k])) {
      throw std::invalid_argument(std::string("floating_catchment: ") + what + " " +
                                  std::to_string(k) + " is negative or not finite");
    }
  }
}

}  // namespace

FloatingCatchment floating_catchment(const SparseTravelTimes& times, std::span<const double> supply,
                                     std::span<const double> demand, const DistanceDecay& decay) {
  times.validate();
  decay.validate();
  const std::size_t site_count = times.site_count();
  require_quantities(supply, site_count, "supply");
  require_quantities(demand, times.origin_count, "demand");

  FloatingCatchment result;
  result.supply_ratio.assign(site_count, 0.0);
  result.accessibility.assign(times.origin_count, 0.0);
  // Each site's ratio depends on its own row only, so both steps run row by
  // row; the row's weights are kept so the decay is evaluated once per entry.
  std::vector<double> row_weight;
  for (std::size_t s = 0; s < site_count; ++s) {
    const std::size_t begin = static_cast<std::size_t>(times.row_begin[s]);
    const std::size_t end = static_cast<std::size_t>(times.row_begin[s + 1]);
    row_weight.resize(end - begin);
    double weighted_demand = 0.0;
    for (std::size_t e = begin; e < end; ++e) {
      row_weight[e - begin] = decay.weight(times.minutes[e]);
      weighted_demand += row_weight[e - begin] * demand[times.origin[e]];
    }
    if (!(weighted_demand > 0.0)) {
      result.sites_without_demand.push_back(static_cast<std::uint32_t>(s));
      continue;
    }
    const double ratio = supply[s] / weighted_demand;
    result.supply_ratio[s] = ratio;
    for (std::size_t e = begin; e < end; ++e) {
      result.accessibility[times.origin[e]] += row_weight[e - begin] * ratio;
    }
  }
  return result;
}

}  // namespace couverture
