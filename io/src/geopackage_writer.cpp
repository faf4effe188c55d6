#include "couverture/io/geopackage_writer.hpp"

#include <cpl_string.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <functional>
#include <optional>
#include <set>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"
#include "couverture/io/qml_style.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;

constexpr const char* kGeometryColumn = "geom";
constexpr const char* kStylesTable = "layer_styles";

struct OgrGeometryDeleter {
  void operator()(OGRGeometry* geometry) const { OGRGeometryFactory::destroyGeometry(geometry); }
};
using OgrGeometry = std::unique_ptr<OGRGeometry, OgrGeometryDeleter>;

OGRwkbGeometryType geometry_type(const OutputLayer& layer, const std::string& context) {
  const std::string& type = layer.geometry_type;
  if (type == "point") return wkbPoint;
  if (type == "multipoint") return wkbMultiPoint;
  if (type == "linestring") return wkbLineString;
  if (type == "multilinestring") return wkbMultiLineString;
  if (type == "polygon") return wkbPolygon;
  if (type == "multipolygon") return wkbMultiPolygon;
  if (type == "none") return wkbNone;
  throw DataError(context + ": unknown geometry type '" + type +
                  "' (use point, multipoint, linestring, multilinestring, polygon, "
                  "multipolygon or none)");
}

std::size_t feature_count(const OutputLayer& layer, const std::string& context) {
  const bool spatial = layer.geometry_type != "none";
  if (!spatial && !(layer.geometries.empty() && layer.points.empty())) {
    throw DataError(context + ": an attribute table (geometry type none) carries " +
                    std::to_string(layer.geometries.size() + layer.points.size()) + " geometries");
  }
  if (!layer.points.empty() && (layer.geometry_type != "point" || !layer.geometries.empty())) {
    throw DataError(context + ": points are given as coordinates, which only a point layer " +
                    "without other geometries can carry");
  }
  std::size_t count = spatial ? layer.geometries.size() + layer.points.size()
                              : (layer.columns.empty() ? 0 : layer.columns.front().size());
  std::set<std::string> names;
  for (const OutputColumn& column : layer.columns) {
    if (column.name.empty()) throw DataError(context + ": a column has no name");
    if (!names.insert(column.name).second) {
      throw DataError(context + ": column '" + column.name + "' appears twice");
    }
    if (column.size() != count) {
      throw DataError(context + ": column '" + column.name + "' has " +
                      std::to_string(column.size()) + " values for " + std::to_string(count) +
                      " features");
    }
  }
  return count;
}

// Without this check SQLite refuses the table only after the run, quoting
// the whole CREATE TABLE statement.
void check_column_count(const OutputLayer& layer, const std::string& context) {
  // fid, and the geometry unless the layer is an attribute table
  const std::size_t columns = layer.columns.size() + (layer.geometry_type == "none" ? 1 : 2);
  if (columns <= kMaxGeopackageColumns) return;
  throw DataError(context + ": " + std::to_string(columns) + " columns, more than the " +
                  std::to_string(kMaxGeopackageColumns) +
                  " a GeoPackage table can hold; use fewer thresholds or service types");
}

void check_layers(std::span<const OutputLayer> layers, const std::string& file) {
  std::set<std::string> names;
  for (const OutputLayer& layer : layers) {
    const std::string context = file + ", layer '" + layer.name + "'";
    if (layer.name.empty()) throw DataError(file + ": an output layer has no name");
    if (layer.name == kStylesTable || layer.name.starts_with("gpkg_") ||
        layer.name.starts_with("rtree_")) {
      throw DataError(context + ": the name is reserved by GeoPackage or QGIS; rename the layer");
    }
    if (!names.insert(layer.name).second) {
      throw DataError(context + ": two output layers share this name");
    }
    geometry_type(layer, context);
    feature_count(layer, context);
    check_column_count(layer, context);
  }
}

// `transformation` is null when the geometry is in the output CRS already.
// `context` names the feature, built only for an error message.
OgrGeometry to_output_geometry(const GEOSGeometry& geometry, OGRwkbGeometryType type,
                               OGRCoordinateTransformation* transformation,
                               const std::function<std::string()>& context) {
  const std::vector<unsigned char> wkb = geos_to_wkb(geometry);
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE ||
      raw == nullptr) {
    throw DataError(context() + ": the geometry cannot be converted for GDAL");
  }
  OgrGeometry ogr(raw);
  ogr->flattenTo2D();
  const OGRwkbGeometryType input_type = wkbFlatten(ogr->getGeometryType());
  // A polygon written into a multipolygon layer is promoted; anything the
  // GeoPackage layer type cannot hold is an error rather than a silent mix.
  if (wkbFlatten(ogr->getGeometryType()) != type) {
    ogr.reset(OGRGeometryFactory::forceTo(ogr.release(), type));
  }
  if (!ogr || wkbFlatten(ogr->getGeometryType()) != type) {
    throw DataError(context() + ": a " + OGRGeometryTypeToName(input_type) + " does not fit a " +
                    OGRGeometryTypeToName(type) + " layer");
  }
  if (transformation != nullptr && ogr->transform(transformation) != OGRERR_NONE) {
    throw DataError(context() + ": the geometry cannot be reprojected to the output CRS (" +
                    CPLGetLastErrorMsg() + ")");
  }
  return ogr;
}

// Straight from the typed storage: no per-cell variant, and text is handed
// over NUL-terminated from the column's arena, without a copy.
void set_value(OGRFeature& feature, int index, const OutputColumn& column, std::size_t row) {
  if (column.is_null(row)) {
    feature.SetFieldNull(index);
    return;
  }
  switch (column.type) {
    case OutputColumn::Type::integer:
      feature.SetField(index, static_cast<GIntBig>(column.integer(row)));
      break;
    case OutputColumn::Type::real:
      feature.SetField(index, column.real(row));
      break;
    case OutputColumn::Type::text:
      feature.SetField(index, column.text_c_str(row));
      break;
  }
}

void start_batch(GDALDataset& dataset, const std::string& context) {
  if (dataset.StartTransaction() != OGRERR_NONE) {
    throw DataError(context + ": cannot start a transaction (" + CPLGetLastErrorMsg() + ")");
  }
}

void commit_batch(GDALDataset& dataset, gs::ErrorCollector& errors, const std::string& context) {
  if (dataset.CommitTransaction() != OGRERR_NONE) {
    throw DataError(context + ": cannot commit the layer (" +
                    errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
  }
}

// Fills `feature` (reused: its field storage is allocated once) with row `i`.
void fill_feature(OGRFeature& feature, OGRLayer& ogr_layer, const OutputLayer& layer,
                  OGRwkbGeometryType type, OGRCoordinateTransformation& transformation,
                  std::size_t i, const std::string& context) {
  feature.SetFID(OGRNullFID);
  feature.SetGeometryDirectly(nullptr);
  if (!layer.points.empty()) {
    // The same coordinates as through GEOS and WKB, without either.
    OgrGeometry point(new OGRPoint(layer.points[i].lon, layer.points[i].lat));
    if (!layer.in_output_crs && point->transform(&transformation) != OGRERR_NONE) {
      throw DataError(context + ", feature " + std::to_string(i + 1) +
                      ": the point cannot be reprojected to the output CRS (" +
                      CPLGetLastErrorMsg() + ")");
    }
    point->assignSpatialReference(ogr_layer.GetSpatialRef());
    feature.SetGeometryDirectly(point.release());
  } else if (type != wkbNone && layer.geometries[i] != nullptr &&
             GEOSisEmpty_r(geos_context(), layer.geometries[i].get()) == 0) {
    OgrGeometry geometry = to_output_geometry(
        *layer.geometries[i], type, layer.in_output_crs ? nullptr : &transformation,
        [&] { return context + ", feature " + std::to_string(i + 1); });
    geometry->assignSpatialReference(ogr_layer.GetSpatialRef());
    feature.SetGeometryDirectly(geometry.release());
  }
  for (std::size_t c = 0; c < layer.columns.size(); ++c) {
    set_value(feature, static_cast<int>(c), layer.columns[c], i);
  }
}

// The rows in transactions of kFeaturesPerTransaction features.
void write_features(GDALDataset& dataset, OGRLayer& ogr_layer, const OutputLayer& layer,
                    OGRwkbGeometryType type, OGRCoordinateTransformation& transformation,
                    gs::ErrorCollector& errors, const std::string& context, std::size_t count) {
  OGRFeature feature(ogr_layer.GetLayerDefn());
  start_batch(dataset, context);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0 && i % kFeaturesPerTransaction == 0) {
      commit_batch(dataset, errors, context);
      start_batch(dataset, context);
    }
    fill_feature(feature, ogr_layer, layer, type, transformation, i, context);
    if (ogr_layer.CreateFeature(&feature) != OGRERR_NONE) {
      dataset.RollbackTransaction();
      throw DataError(context + ", feature " + std::to_string(i + 1) + ": cannot be written (" +
                      errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
    }
  }
  commit_batch(dataset, errors, context);
}

void write_layer(GDALDataset& dataset, const OutputLayer& layer, OGRSpatialReference& output_srs,
                 OGRCoordinateTransformation& transformation, gs::ErrorCollector& errors,
                 const std::string& file) {
  const std::string context = file + ", layer '" + layer.name + "'";
  const OGRwkbGeometryType type = geometry_type(layer, context);
  const std::size_t count = feature_count(layer, context);

  CPLStringList options;
  options.SetNameValue("FID", "fid");
  options.SetNameValue("IDENTIFIER", layer.name.c_str());
  if (!layer.description.empty()) options.SetNameValue("DESCRIPTION", layer.description.c_str());
  if (type != wkbNone) {
    options.SetNameValue("GEOMETRY_NAME", kGeometryColumn);
    options.SetNameValue("SPATIAL_INDEX", "YES");
  }
  OGRLayer* ogr_layer = dataset.CreateLayer(
      layer.name.c_str(), type == wkbNone ? nullptr : &output_srs, type, options.List());
  if (ogr_layer == nullptr) {
    throw DataError(context + ": cannot create the layer (" +
                    errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
  }
  for (const OutputColumn& column : layer.columns) {
    OGRFieldDefn field(column.name.c_str(), gs::field_type(column.type));
    if (!column.alias.empty()) field.SetAlternativeName(column.alias.c_str());
    if (ogr_layer->CreateField(&field) != OGRERR_NONE) {
      throw DataError(context + ": cannot create column '" + column.name + "' (" +
                      errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
    }
  }
  errors.throw_if_failed(context);

  write_features(dataset, *ogr_layer, layer, type, transformation, errors, context, count);
  errors.throw_if_failed(context);
}

// The layer's default style: its own, or for an attribute table with
// labelled columns a table style that carries the labels; empty for none.
std::string layer_style(const OutputLayer& layer) {
  if (!layer.style_qml.empty()) return layer.style_qml;
  const bool labelled = std::any_of(layer.columns.begin(), layer.columns.end(),
                                    [](const OutputColumn& c) { return !c.alias.empty(); });
  return layer.geometry_type == "none" && labelled ? table_style_qml() : std::string();
}

// QGIS applies the row of `layer_styles` that matches the table, an empty
// (not NULL) schema and the geometry column, and has useAsDefault set.
void write_styles(GDALDataset& dataset, std::span<const OutputLayer> layers,
                  std::span<const OutputRaster> rasters, gs::ErrorCollector& errors,
                  const std::string& file) {
  const std::string context = file + ", table '" + kStylesTable + "'";
  CPLStringList options;
  options.SetNameValue("FID", "id");
  options.SetNameValue("DESCRIPTION", "Default QGIS styles of the layers");
  OGRLayer* styles = dataset.CreateLayer(kStylesTable, nullptr, wkbNone, options.List());
  if (styles == nullptr) {
    throw DataError(context + ": cannot create it (" + CPLGetLastErrorMsg() + ")");
  }
  const auto add_field = [&](const char* name, OGRFieldType type, int width,
                             OGRFieldSubType subtype = OFSTNone) {
    OGRFieldDefn field(name, type);
    field.SetWidth(width);
    field.SetSubType(subtype);
    if (styles->CreateField(&field) != OGRERR_NONE) {
      throw DataError(context + ": cannot create column '" + name + "'");
    }
  };
  add_field("f_table_catalog", OFTString, 256);
  add_field("f_table_schema", OFTString, 256);
  add_field("f_table_name", OFTString, 256);
  add_field("f_geometry_column", OFTString, 256);
  add_field("styleName", OFTString, 30);
  add_field("styleQML", OFTString, 0);
  add_field("styleSLD", OFTString, 0);
  add_field("useAsDefault", OFTInteger, 0, OFSTBoolean);
  add_field("description", OFTString, 0);
  add_field("owner", OFTString, 30);
  add_field("ui", OFTString, 30);
  add_field("update_time", OFTDateTime, 0);

  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  if (dataset.StartTransaction() != OGRERR_NONE) {
    throw DataError(context + ": cannot start a transaction (" + CPLGetLastErrorMsg() + ")");
  }
  const auto add_row = [&](const std::string& table, const char* geometry_column,
                           const std::string& qml, const std::string& description) {
    OGRFeature row(styles->GetLayerDefn());
    row.SetField("f_table_catalog", "");
    row.SetField("f_table_schema", "");
    row.SetField("f_table_name", table.c_str());
    row.SetField("f_geometry_column", geometry_column);
    row.SetField("styleName", table.c_str());
    row.SetField("styleQML", qml.c_str());
    row.SetField("styleSLD", "");
    row.SetField("useAsDefault", 1);
    row.SetField("description", description.c_str());
    row.SetField("owner", "");
    row.SetField("update_time", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                 utc.tm_min, static_cast<float>(utc.tm_sec), 100);
    if (styles->CreateFeature(&row) != OGRERR_NONE) {
      dataset.RollbackTransaction();
      throw DataError(context + ": cannot write the style of layer '" + table + "' (" +
                      CPLGetLastErrorMsg() + ")");
    }
  };
  for (const OutputLayer& layer : layers) {
    const std::string style = layer_style(layer);
    if (style.empty()) continue;
    // GDAL 3.6 does not store GPKG field aliases, so they travel in the style.
    std::vector<std::pair<std::string, std::string>> aliases;
    for (const OutputColumn& column : layer.columns) {
      if (!column.alias.empty()) aliases.emplace_back(column.name, column.alias);
    }
    add_row(layer.name, layer.geometry_type == "none" ? "" : kGeometryColumn,
            with_field_aliases(style, aliases), layer.description);
  }
  for (const OutputRaster& raster : rasters) {
    if (!raster.style_qml.empty()) add_row(raster.name, "", raster.style_qml, raster.description);
  }
  if (dataset.CommitTransaction() != OGRERR_NONE) {
    throw DataError(context + ": cannot commit the styles (" + CPLGetLastErrorMsg() + ")");
  }
  errors.throw_if_failed(context);
}

// Appends one raster table to the closed GeoPackage at `path`: a MEM copy of
// the values (non-finite cells as no data), copied in as TIFF tiles, the
// lossless encoding of the 2D gridded coverage extension for Float32.
void write_raster(const std::string& path, const OutputRaster& raster,
                  const OGRSpatialReference& output_srs, gs::ErrorCollector& errors,
                  const std::string& file) {
  const std::string context = file + ", raster '" + raster.name + "'";
  if (raster.columns == 0 || raster.rows == 0 ||
      raster.values.size() != static_cast<std::size_t>(raster.columns) * raster.rows) {
    throw DataError(context + ": the values do not fill its " + std::to_string(raster.columns) +
                    " × " + std::to_string(raster.rows) + " cells");
  }
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDatasetUniquePtr source(mem->Create("", static_cast<int>(raster.columns),
                                          static_cast<int>(raster.rows), 1, GDT_Float32, nullptr));
  if (!source) throw DataError(context + ": cannot hold it in memory");
  double transform[6] = {raster.min_x, raster.cell_size, 0.0, raster.max_y, 0.0, -raster.cell_size};
  source->SetGeoTransform(transform);
  source->SetSpatialRef(&output_srs);
  GDALRasterBand* band = source->GetRasterBand(1);
  band->SetNoDataValue(raster.nodata);
  std::vector<float> values = raster.values;
  for (float& value : values) {
    if (!std::isfinite(value)) value = raster.nodata;
  }
  if (band->RasterIO(GF_Write, 0, 0, static_cast<int>(raster.columns),
                     static_cast<int>(raster.rows), values.data(), static_cast<int>(raster.columns),
                     static_cast<int>(raster.rows), GDT_Float32, 0, 0, nullptr) != CE_None) {
    throw DataError(context + ": cannot fill it (" + CPLGetLastErrorMsg() + ")");
  }
  CPLStringList options;
  options.SetNameValue("APPEND_SUBDATASET", "YES");
  options.SetNameValue("RASTER_TABLE", raster.name.c_str());
  options.SetNameValue("RASTER_IDENTIFIER", raster.name.c_str());
  if (!raster.description.empty()) {
    options.SetNameValue("RASTER_DESCRIPTION", raster.description.c_str());
  }
  options.SetNameValue("TILE_FORMAT", "TIFF");
  GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDatasetUniquePtr copy(
      gpkg->CreateCopy(path.c_str(), source.get(), FALSE, options.List(), nullptr, nullptr));
  if (!copy) {
    throw DataError(context + ": cannot write it (" +
                    errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
  }
  copy.reset();
  errors.throw_if_failed(context);
}

void check_rasters(std::span<const OutputLayer> layers, std::span<const OutputRaster> rasters,
                   const std::string& file) {
  std::set<std::string> names;
  for (const OutputLayer& layer : layers) names.insert(layer.name);
  for (const OutputRaster& raster : rasters) {
    if (raster.name.empty() || !names.insert(raster.name).second ||
        raster.name.starts_with("gpkg_") || raster.name == kStylesTable) {
      throw DataError(file + ": raster '" + raster.name +
                      "' has no name, or a name taken by another table");
    }
  }
}

}  // namespace

void write_geopackage(const std::filesystem::path& target, std::span<const OutputLayer> layers,
                      const std::string& output_crs, bool overwrite) {
  write_geopackage(target, layers, {}, output_crs, overwrite);
}

void write_geopackage(const std::filesystem::path& target, std::span<const OutputLayer> layers,
                      std::span<const OutputRaster> rasters, const std::string& output_crs,
                      bool overwrite) {
  gs::ensure_registered();
  const std::string file = target.string();
  check_layers(layers, file);
  check_rasters(layers, rasters, file);
  OGRSpatialReference output_srs = gs::spatial_reference(output_crs, file + ", output CRS");
  const OGRSpatialReference source_srs = gs::wgs84();
  const gs::Transformation transformation =
      gs::make_transformation(source_srs, output_srs, file + ", output CRS");

  AtomicOutput output(target, overwrite);
  // QGIS 3.22 reads a raster's default style from `<file>.qml` beside a
  // GeoPackage, not from layer_styles: the surfaces' ramp goes there too.
  const auto styled_raster =
      std::find_if(rasters.begin(), rasters.end(),
                   [](const OutputRaster& raster) { return !raster.style_qml.empty(); });
  std::optional<AtomicOutput> raster_style;
  if (styled_raster != rasters.end()) {
    raster_style.emplace(raster_style_path(target), overwrite);
  }
  gs::ErrorCollector errors;
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (driver == nullptr) throw DataError(file + ": GDAL was built without the GPKG driver");
  GDALDatasetUniquePtr dataset(
      driver->Create(output.temporary().string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset) {
    throw DataError(file + ": cannot create the GeoPackage (" +
                    errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
  }
  for (const OutputLayer& layer : layers) {
    write_layer(*dataset, layer, output_srs, *transformation, errors, file);
  }
  const bool any_style =
      std::any_of(layers.begin(), layers.end(),
                  [](const OutputLayer& layer) { return !layer_style(layer).empty(); }) ||
      styled_raster != rasters.end();
  if (any_style) write_styles(*dataset, layers, rasters, errors, file);
  // Closing flushes the spatial indexes and metadata; a failure there
  // would otherwise only be logged.
  dataset.reset();
  errors.throw_if_failed(file + ": finishing the GeoPackage");
  for (const OutputRaster& raster : rasters) {
    write_raster(output.temporary().string(), raster, output_srs, errors, file);
  }
  if (raster_style) {
    std::ofstream qml(raster_style->temporary());
    qml << styled_raster->style_qml;
    if (!qml.good()) {
      throw DataError(raster_style->target().string() + ": cannot write the rasters' QGIS style");
    }
  }
  output.commit();
  if (raster_style) raster_style->commit();
}

std::filesystem::path raster_style_path(const std::filesystem::path& target) {
  std::filesystem::path qml = target;
  return qml.replace_extension(".qml");
}

}  // namespace couverture
