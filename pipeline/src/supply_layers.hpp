#pragma once

#include <string>
#include <utility>
#include <vector>

#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

struct RunOutcome;

// Adds, for the service [supply] completes (the EAJE), its places without
// an address by kind (assistants maternels, home childcare, 2-year-olds at
// school) and the global rates (administrative, 2SFCA, E2SFCA) beside the
// EAJE columns already there, to the `communes` layer.
void add_commune_supply_columns(const RunOutcome& outcome, OutputLayer& communes);

// Adds the spread places standing at each point and its global 2SFCA and
// E2SFCA scores to the `demand_points` layer.
void add_demand_point_supply_columns(const RunOutcome& outcome, OutputLayer& points);

// The run_info rows of [supply]: each table's file, SHA-256, year and
// source, whether the figures are illustrative, what tension compares; or
// that there is no [supply] and the rates count the facilities' places only.
std::vector<std::pair<std::string, std::string>> supply_run_info(const RunOutcome& outcome);

}  // namespace couverture::pipeline
