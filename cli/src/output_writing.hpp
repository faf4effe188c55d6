#pragma once

#include <filesystem>
#include <span>
#include <string>

#include "couverture/io/output_layer.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/progress.hpp"
#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::cli {

// Writes a command's tables atomically to `output` (see write_geopackage),
// then stores the QGIS project that lists them.
void write_output(const std::filesystem::path& output, std::span<const OutputLayer> layers,
                  std::span<const OutputRaster> rasters, const std::string& output_crs,
                  bool overwrite);

// Runs `scenario` through the pipeline and writes its GeoPackage to
// `output`; an existing output (or its raster style) is refused before any
// work unless `overwrite`.
pipeline::RunOutcome run_and_write(const Scenario& scenario, const std::filesystem::path& output,
                                   bool overwrite, pipeline::Progress& progress,
                                   pipeline::RunKind kind = pipeline::RunKind::coverage);

}  // namespace couverture::cli
