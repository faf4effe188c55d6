#pragma once

#include <vector>

#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

struct RunOutcome;

// The isochrone layers of a run, styled for QGIS: `isochrones` (one polygon
// per facility and threshold, with its quality checks) and
// `service_isochrones` (per service type and threshold, from its
// nearest-facility surface), each when the scenario asks for it and the
// isochrones were computed. Geometries are in the output CRS already.
std::vector<OutputLayer> build_isochrone_layers(const RunOutcome& outcome);

// The nearest-facility travel-time surface of each service type, as rasters
// named `surface_<service column>` (minutes, Float32, no data where no time),
// styled in the colours of the vector layers.
std::vector<OutputRaster> build_surface_rasters(const RunOutcome& outcome);

}  // namespace couverture::pipeline
