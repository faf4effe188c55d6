#include "output_writing.hpp"

#include "couverture/io/geopackage_writer.hpp"
#include "couverture/io/output_preparation.hpp"
#include "couverture/io/qgis_project.hpp"
#include "couverture/io/scenario_inputs.hpp"

namespace couverture::cli {

void write_output(const std::filesystem::path& output, std::span<const OutputLayer> layers,
                  std::span<const OutputRaster> rasters, const std::string& output_crs,
                  bool overwrite) {
  write_geopackage(output, layers, rasters, output_crs, overwrite);
  // After every table (raster surfaces included): the project lists them.
  store_qgis_project(output);
}

pipeline::RunOutcome run_and_write(const Scenario& scenario, const std::filesystem::path& output,
                                   bool overwrite, pipeline::Progress& progress,
                                   pipeline::RunKind kind) {
  // Fail on an existing output, a missing folder or an input given as the
  // output before the long work.
  std::vector<std::filesystem::path> outputs = {output};
  if (pipeline::draws_isochrones(scenario, kind)) outputs.push_back(raster_style_path(output));
  std::vector<std::string> removed = prepare_outputs(outputs, scenario_inputs(scenario), overwrite);
  pipeline::RunOutcome outcome = pipeline::analyse_scenario(scenario, progress, kind);
  outcome.output = output;
  outcome.warnings.insert(outcome.warnings.end(), removed.begin(), removed.end());

  // run_info records the stages up to here; it cannot time its own writing.
  outcome.timings = progress.finish();
  outcome.total_seconds = progress.total_seconds();
  progress.stage("writing " + output.filename().string());
  const pipeline::RunTables tables = pipeline::build_run_tables(outcome, kind);
  write_output(output, tables.layers, tables.rasters, scenario.output.crs, overwrite);
  progress.finish();
  outcome.total_seconds = progress.total_seconds();
  return outcome;
}

}  // namespace couverture::cli
