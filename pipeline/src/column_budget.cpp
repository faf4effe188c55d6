#include "couverture/pipeline/column_budget.hpp"

#include <string>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

namespace {

constexpr std::size_t kFixedColumns = 6;  // fid, geometry, code, name, population, repaired

struct PerService {
  std::size_t fixed;
  std::size_t per_threshold;
};

PerService per_service(bool with_accessibility) {
  // mean, max, unreachable population; one share within each threshold
  PerService columns{3, 1};
  if (with_accessibility) {
    // target population and mean time, gravity, tension and reason, two
    // Theil shares; one target count beyond each threshold
    columns.fixed += 7;
    columns.per_threshold += 1;
  }
  return columns;
}

}  // namespace

std::size_t communes_column_floor(std::size_t service_types, std::size_t thresholds,
                                  bool with_accessibility) {
  const PerService columns = per_service(with_accessibility);
  return kFixedColumns + service_types * (columns.fixed + columns.per_threshold * thresholds);
}

void check_column_budget(const Scenario& scenario, std::size_t service_types,
                         bool with_accessibility) {
  const std::size_t thresholds = scenario.analysis.thresholds_minutes.size();
  const std::size_t services = service_types == 0 ? 1 : service_types;
  const std::size_t columns = communes_column_floor(services, thresholds, with_accessibility);
  if (columns <= kMaxGeopackageColumns) return;
  // The advice leaves room for the age band, demand source and supply
  // columns that the floor does not count.
  constexpr std::size_t kOtherFixed = 16;
  constexpr std::size_t kOtherPerService = 12;
  const PerService each = per_service(with_accessibility);
  const std::size_t room = (kMaxGeopackageColumns - kFixedColumns - kOtherFixed) / services;
  const std::size_t taken = each.fixed + kOtherPerService;
  const std::size_t fitting = room > taken ? (room - taken) / each.per_threshold : 0;
  throw DataError({.file = scenario.file.string(), .key = "[analysis] thresholds_minutes"},
                  std::to_string(thresholds) + " thresholds for " + std::to_string(services) +
                      " service type(s) make a communes table of at least " +
                      std::to_string(columns) + " columns, more than the " +
                      std::to_string(kMaxGeopackageColumns) +
                      " a GeoPackage table can hold; keep at most " + std::to_string(fitting) +
                      " thresholds (a handful, e.g. [5, 10, 15, 20, 30], is usual)");
}

}  // namespace couverture::pipeline
