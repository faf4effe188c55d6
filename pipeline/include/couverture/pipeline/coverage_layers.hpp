#pragma once

#include <vector>

#include "couverture/io/column_names.hpp"
#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

struct RunOutcome;

// The GeoPackage content of a coverage run: `communes`, `facilities`,
// `facility_access` (the walk from each facility to its road),
// `demand_points` and the `run_info` table, each styled for QGIS.
std::vector<OutputLayer> build_coverage_layers(const RunOutcome& outcome);

// The layers of an isochrones-only run: `facilities`, `facility_access`
// and `run_info`.
std::vector<OutputLayer> build_facility_layers(const RunOutcome& outcome);

}  // namespace couverture::pipeline
