#include "column_budget.hpp"

#include <string>

#include "couverture/geodata/data_error.hpp"

namespace couverture::pipeline {

namespace {

constexpr std::size_t kFixedColumns = 6;       // fid, geometry, code, name, population, repaired
constexpr std::size_t kPerServiceColumns = 3;  // mean, max, unreachable population

}  // namespace

std::size_t communes_column_floor(std::size_t service_types, std::size_t thresholds) {
  return kFixedColumns + service_types * (kPerServiceColumns + thresholds);
}

void check_column_budget(const Scenario& scenario, std::size_t service_types) {
  const std::size_t thresholds = scenario.analysis.thresholds_minutes.size();
  const std::size_t services = service_types == 0 ? 1 : service_types;
  const std::size_t columns = communes_column_floor(services, thresholds);
  if (columns <= kMaxTableColumns) return;
  // The advice leaves room for the accessibility, age band and demand
  // source columns that the floor does not count.
  constexpr std::size_t kOtherFixed = 16;
  constexpr std::size_t kOtherPerService = 12;
  const std::size_t per_service = (kMaxTableColumns - kFixedColumns - kOtherFixed) / services;
  const std::size_t taken = kPerServiceColumns + kOtherPerService;
  const std::size_t fitting = per_service > taken ? per_service - taken : 0;
  throw DataError({.file = scenario.file.string(), .key = "[analysis] thresholds_minutes"},
                  std::to_string(thresholds) + " thresholds for " + std::to_string(services) +
                      " service type(s) make a communes table of at least " +
                      std::to_string(columns) + " columns, more than the " +
                      std::to_string(kMaxTableColumns) +
                      " a GeoPackage table can hold; keep at most " + std::to_string(fitting) +
                      " thresholds (a handful, e.g. [5, 10, 15, 20, 30], is usual)");
}

}  // namespace couverture::pipeline
