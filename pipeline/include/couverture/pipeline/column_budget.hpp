#pragma once

#include <cstddef>

#include "couverture/io/scenario.hpp"

namespace couverture::pipeline {

// The fewest columns the communes table of a run can have: fid, geometry,
// code, name, population and the repair flag, then per service type its
// mean, max and unreachable population and one share per threshold
// (coverage_layers.cpp) and, when the run measures accessibility, the
// target population, its mean time, gravity, tension and its reason, the
// two Theil shares and one "beyond" count per threshold
// (accessibility_layers.cpp). Age bands and supply columns only add to it.
std::size_t communes_column_floor(std::size_t service_types, std::size_t thresholds,
                                  bool with_accessibility);

// Refuses, before any computing, a scenario whose communes table could not
// be written (hundreds of thresholds): SQLite would fail only at the end.
// DataError naming the scenario file, [analysis] thresholds_minutes and the
// largest number of thresholds that fits.
void check_column_budget(const Scenario& scenario, std::size_t service_types,
                         bool with_accessibility);

}  // namespace couverture::pipeline
