#pragma once

#include <vector>

#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

struct SitingOutcome;

// The GeoPackage content of `couverture site`: `candidates` (every candidate
// with its gain and rank for each objective, chosen and evaluated flags,
// styled by rank), `chosen_sites`, `siting_solutions` (each solver that ran:
// objective, bound, gap, status, seconds), the comparison layers of the
// scenario with the shown site(s) against the baseline, and `run_info`.
std::vector<OutputLayer> build_siting_layers(const SitingOutcome& outcome);

}  // namespace couverture::pipeline
