#pragma once

#include "couverture/engine/isochrone_analysis.hpp"
#include "couverture/pipeline/progress.hpp"

namespace couverture::pipeline {

struct RunOutcome;

// The scenario's isochrones: contours of travel-time surfaces laid in the
// output CRS (engine/isochrone_analysis), from the run's network, demand and
// nearest-facility times.
IsochroneOutcome compute_isochrones(const RunOutcome& outcome, Progress& progress);

}  // namespace couverture::pipeline
