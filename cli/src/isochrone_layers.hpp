#pragma once

#include <vector>

#include "couverture/io/output_layer.hpp"

namespace couverture::cli {

struct RunOutcome;

// The isochrone layers of a run, styled for QGIS: `isochrones` (one polygon
// per facility and threshold, with its quality checks) and
// `service_isochrones` (dissolved per service type and threshold), each
// when the scenario asks for it and the isochrones were computed.
std::vector<OutputLayer> build_isochrone_layers(const RunOutcome& outcome);

}  // namespace couverture::cli
