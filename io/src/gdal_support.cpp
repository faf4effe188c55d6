#include "gdal_support.hpp"

#include <cpl_error.h>

#include <charconv>
#include <cmath>
#include <mutex>

#include "couverture/geodata/data_error.hpp"

namespace couverture::gdal_support {

void ensure_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

ErrorCollector::ErrorCollector() {
  CPLErrorReset();
  CPLPushErrorHandlerEx(&ErrorCollector::handle, this);
}

ErrorCollector::~ErrorCollector() { CPLPopErrorHandler(); }

void ErrorCollector::handle(CPLErr level, CPLErrorNum, const char* message) {
  auto* self = static_cast<ErrorCollector*>(CPLGetErrorHandlerUserData());
  if (self == nullptr) return;
  if (level == CE_Failure || level == CE_Fatal) {
    if (!self->failure_) self->failure_ = message;
  } else if (level == CE_Warning) {
    self->warnings_.emplace_back(message);
  }
}

std::optional<std::string> ErrorCollector::take_failure() {
  std::optional<std::string> failure = std::move(failure_);
  failure_.reset();
  return failure;
}

void ErrorCollector::throw_if_failed(const std::string& context) {
  if (auto failure = take_failure()) throw DataError(context + ": " + *failure);
}

OGRSpatialReference spatial_reference(const std::string& text, const std::string& context) {
  OGRSpatialReference reference;
  reference.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  ErrorCollector errors;
  if (text.empty() || reference.SetFromUserInput(text.c_str()) != OGRERR_NONE) {
    throw DataError(context + ": CRS '" + text +
                    "' is not understood; use an authority code such as EPSG:2154 or EPSG:4326");
  }
  return reference;
}

OGRSpatialReference wgs84() {
  OGRSpatialReference reference;
  reference.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  reference.importFromEPSG(4326);
  return reference;
}

void TransformDeleter::operator()(OGRCoordinateTransformation* transformation) const {
  OGRCoordinateTransformation::DestroyCT(transformation);
}

Transformation make_transformation(const OGRSpatialReference& from, const OGRSpatialReference& to,
                                   const std::string& context) {
  ErrorCollector errors;
  Transformation transformation(OGRCreateCoordinateTransformation(&from, &to));
  if (!transformation) {
    const auto failure = errors.take_failure();
    const char* from_name = from.GetName();
    const char* to_name = to.GetName();
    throw DataError(context + ": no coordinate transformation from '" +
                    (from_name ? from_name : "?") + "' to '" + (to_name ? to_name : "?") + "' (" +
                    failure.value_or("PROJ found none") +
                    "); assign a known CRS to the data, e.g. ogr2ogr -a_srs EPSG:2154");
  }
  return transformation;
}

GDALDatasetUniquePtr open_vector(const std::filesystem::path& path, const std::string& what) {
  ensure_registered();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    throw DataError(path.string() + ": no such file; check " + what + ".path in the scenario");
  }
  ErrorCollector errors;
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!dataset) {
    const auto failure = errors.take_failure();
    throw DataError(path.string() + ": cannot be read as vector data (" +
                    failure.value_or("no GDAL driver recognises it") +
                    "); give a GeoPackage, GeoJSON, Shapefile, CSV or OSM PBF file as " + what +
                    ".path");
  }
  return dataset;
}

std::string layer_names(GDALDataset& dataset) {
  std::string names;
  for (int i = 0; i < dataset.GetLayerCount(); ++i) {
    if (i > 0) names += ", ";
    names += dataset.GetLayer(i)->GetName();
  }
  return names.empty() ? "(none)" : names;
}

std::string field_names(OGRFeatureDefn& definition) {
  std::string names;
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    if (i > 0) names += ", ";
    names += definition.GetFieldDefn(i)->GetNameRef();
  }
  return names.empty() ? "(none)" : names;
}

OGRLayer* select_layer(GDALDataset& dataset, const std::filesystem::path& path,
                       const std::string& name, const std::string& scenario_key) {
  if (name.empty()) {
    if (dataset.GetLayerCount() == 1) return dataset.GetLayer(0);
    throw DataError(path.string() + ": has " + std::to_string(dataset.GetLayerCount()) +
                    " layers (" + layer_names(dataset) + "); choose one with " + scenario_key +
                    " in the scenario");
  }
  OGRLayer* layer = dataset.GetLayerByName(name.c_str());
  if (layer == nullptr) {
    throw DataError(path.string() + ": no layer '" + name + "'; layers are: " +
                    layer_names(dataset) + " — set " + scenario_key + " in the scenario");
  }
  return layer;
}

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string record_name(GDALDataset& dataset, GIntBig fid) {
  const GDALDriver* driver = dataset.GetDriver();
  if (driver != nullptr && std::string_view(driver->GetDescription()) == "CSV") {
    return "line " + std::to_string(fid + 1);
  }
  return "feature " + std::to_string(fid);
}

OGRFieldType field_type(OutputColumn::Type type) {
  switch (type) {
    case OutputColumn::Type::integer:
      return OFTInteger64;
    case OutputColumn::Type::real:
      return OFTReal;
    case OutputColumn::Type::text:
      return OFTString;
  }
  return OFTString;
}

}  // namespace couverture::gdal_support
