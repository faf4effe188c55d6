#pragma once

// Private helpers shared by the GDAL-based readers and writer of the io
// library; GDAL stays out of the public headers.

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "couverture/io/output_column.hpp"

namespace couverture::gdal_support {

// Registers GDAL's drivers once per process.
void ensure_registered();

// While alive, GDAL's messages for this thread are recorded instead of
// printed: GDAL often logs a CE_Failure and carries on, so callers check
// `failure()` after each step and turn it into a DataError.
class ErrorCollector {
 public:
  ErrorCollector();
  ~ErrorCollector();
  ErrorCollector(const ErrorCollector&) = delete;
  ErrorCollector& operator=(const ErrorCollector&) = delete;

  // The first failure since the last take, or nullopt; clears it.
  std::optional<std::string> take_failure();
  // Throws DataError("<context>: <GDAL's message>") when a failure was logged.
  void throw_if_failed(const std::string& context);
  [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  static void handle(CPLErr level, CPLErrorNum number, const char* message);
  std::optional<std::string> failure_;
  std::vector<std::string> warnings_;
};

// A spatial reference from any PROJ-understood text ("EPSG:2154", WKT,
// PROJ string), in traditional GIS order; throws DataError naming `context`.
OGRSpatialReference spatial_reference(const std::string& text, const std::string& context);
OGRSpatialReference wgs84();

struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* transformation) const;
};
using Transformation = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;
// Throws DataError naming `context` when PROJ has no path between the CRSs.
Transformation make_transformation(const OGRSpatialReference& from, const OGRSpatialReference& to,
                                   const std::string& context);

// Opens a vector source read-only; DataError when missing or unreadable.
GDALDatasetUniquePtr open_vector(const std::filesystem::path& path, const std::string& what);
// The named layer, or the only one when `name` is empty; DataError listing
// the layers otherwise. `scenario_key` names the setting to fix.
OGRLayer* select_layer(GDALDataset& dataset, const std::filesystem::path& path,
                       const std::string& name, const std::string& scenario_key);
std::string layer_names(GDALDataset& dataset);
std::string field_names(OGRFeatureDefn& definition);

// Trimmed text parsed as a finite number (e.g. "7388", " 12.5 "), or nullopt.
std::optional<double> parse_number(std::string_view text);

// How a record is named in messages: "line N" for CSV (FID 1 is line 2,
// after the header), "feature N" (the FID) otherwise.
std::string record_name(GDALDataset& dataset, GIntBig fid);

// The GDAL field type an output column is written as (GeoPackage and
// spreadsheets alike).
OGRFieldType field_type(OutputColumn::Type type);

}  // namespace couverture::gdal_support
