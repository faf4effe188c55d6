#include "couverture/io/geopackage_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/xml_text.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

OutputColumn::Type column_type(OGRFieldType type) {
  switch (type) {
    case OFTInteger:
    case OFTInteger64:
      return OutputColumn::Type::integer;
    case OFTReal:
      return OutputColumn::Type::real;
    default:
      return OutputColumn::Type::text;
  }
}

std::map<std::string, std::string> default_styles(GDALDataset& dataset) {
  std::map<std::string, std::string> styles;
  if (dataset.GetLayerByName("layer_styles") == nullptr) return styles;
  OGRLayer* rows = dataset.ExecuteSQL(
      "SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1 ORDER BY id", nullptr,
      nullptr);
  if (rows == nullptr) return styles;
  while (std::unique_ptr<OGRFeature> row{rows->GetNextFeature()}) {
    styles.emplace(row->GetFieldAsString(0), row->GetFieldAsString(1));
  }
  dataset.ReleaseResultSet(rows);
  return styles;
}

std::vector<std::string> raster_tables(GDALDataset& dataset) {
  std::vector<std::string> names;
  OGRLayer* rows = dataset.ExecuteSQL(
      "SELECT table_name FROM gpkg_contents WHERE data_type IN ('2d-gridded-coverage', 'tiles') "
      "ORDER BY table_name",
      nullptr, nullptr);
  if (rows == nullptr) return names;
  while (std::unique_ptr<OGRFeature> row{rows->GetNextFeature()}) {
    names.emplace_back(row->GetFieldAsString(0));
  }
  dataset.ReleaseResultSet(rows);
  return names;
}

GeoTable read_table(OGRLayer& layer, const std::map<std::string, std::string>& styles) {
  GeoTable table;
  table.name = layer.GetName();
  if (const char* description = layer.GetMetadataItem("DESCRIPTION")) {
    table.description = description;
  }
  const OGRwkbGeometryType type = wkbFlatten(layer.GetGeomType());
  table.geometry_type = type == wkbNone ? "none" : lower(OGRGeometryTypeToName(type));
  table.geometry_type.erase(
      std::remove(table.geometry_type.begin(), table.geometry_type.end(), ' '),
      table.geometry_type.end());
  if (const auto style = styles.find(table.name); style != styles.end()) {
    table.style_qml = style->second;
  }
  std::map<std::string, std::string> labels;
  for (auto& [field, label] : style_aliases(table.style_qml)) labels.emplace(field, label);
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    const OGRFieldDefn& field = *definition.GetFieldDefn(i);
    OutputColumn column;
    column.name = field.GetNameRef();
    column.type = column_type(field.GetType());
    if (const auto label = labels.find(column.name); label != labels.end()) {
      column.alias = label->second;
    }
    table.columns.push_back(std::move(column));
  }
  layer.ResetReading();
  for (auto& feature : layer) {
    for (int i = 0; i < definition.GetFieldCount(); ++i) {
      OutputColumn& column = table.columns[static_cast<std::size_t>(i)];
      if (!feature->IsFieldSetAndNotNull(i)) {
        column.push_null();
        continue;
      }
      switch (column.type) {
        case OutputColumn::Type::integer:
          column.push_integer(feature->GetFieldAsInteger64(i));
          break;
        case OutputColumn::Type::real:
          column.push_real(feature->GetFieldAsDouble(i));
          break;
        case OutputColumn::Type::text:
          column.push_text(feature->GetFieldAsString(i));
          break;
      }
    }
    if (type == wkbNone) continue;
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) {
      table.geometries.emplace_back(nullptr);
      continue;
    }
    std::vector<unsigned char> wkb(static_cast<std::size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    table.geometries.push_back(geos_from_wkb(wkb));
  }
  return table;
}

}  // namespace

std::size_t GeoTable::row_count() const {
  if (geometry_type != "none") return geometries.size();
  return columns.empty() ? 0 : columns.front().size();
}

const OutputColumn* GeoTable::column(const std::string& wanted) const {
  for (const OutputColumn& c : columns) {
    if (c.name == wanted) return &c;
  }
  return nullptr;
}

const GeoTable* GeoPackageContents::find(const std::string& wanted) const {
  for (const GeoTable& table : tables) {
    if (table.name == wanted) return &table;
  }
  return nullptr;
}

GeoPackageContents read_geopackage(const std::filesystem::path& path,
                                   const std::vector<std::string>& skipped) {
  gs::ensure_registered();
  const std::string file = path.string();
  if (!std::filesystem::exists(path)) {
    throw DataError(file + ": no such file (give the GeoPackage written by couverture run)");
  }
  gs::ErrorCollector errors;
  const char* const drivers[] = {"GPKG", nullptr};
  GDALDatasetUniquePtr dataset(static_cast<GDALDataset*>(
      GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_RASTER | GDAL_OF_READONLY, drivers, nullptr,
                 nullptr)));
  if (!dataset) {
    throw DataError(file +
                    ": not a GeoPackage (give the .gpkg file written by couverture run, compare "
                    "or site)");
  }
  GeoPackageContents contents;
  contents.path = path;
  const auto styles = default_styles(*dataset);
  contents.raster_tables = raster_tables(*dataset);
  for (int i = 0; i < dataset->GetLayerCount(); ++i) {
    OGRLayer* layer = dataset->GetLayer(i);
    const std::string name = layer->GetName();
    if (name == "layer_styles" || name == "qgis_projects") continue;
    if (std::find(skipped.begin(), skipped.end(), name) != skipped.end()) continue;
    if (contents.crs.empty() && layer->GetSpatialRef() != nullptr) {
      const OGRSpatialReference* srs = layer->GetSpatialRef();
      const char* authority = srs->GetAuthorityName(nullptr);
      const char* code = srs->GetAuthorityCode(nullptr);
      if (authority != nullptr && code != nullptr) {
        contents.crs = std::string(authority) + ":" + code;
      }
    }
    contents.tables.push_back(read_table(*layer, styles));
  }
  errors.throw_if_failed(file);
  return contents;
}

std::optional<std::string> table_value(const GeoTable& table, const std::string& key) {
  const OutputColumn* keys = table.column("key");
  const OutputColumn* values = table.column("value");
  if (keys == nullptr || values == nullptr) return std::nullopt;
  if (keys->type != OutputColumn::Type::text) return std::nullopt;
  for (std::size_t i = 0; i < keys->size() && i < values->size(); ++i) {
    if (keys->is_null(i) || keys->text(i) != key) continue;
    if (values->type == OutputColumn::Type::text && !values->is_null(i)) {
      return std::string(values->text(i));
    }
    return std::string();
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> style_aliases(const std::string& qml) {
  std::vector<std::pair<std::string, std::string>> aliases;
  const auto start = qml.find("<aliases>");
  const auto end = qml.find("</aliases>");
  if (start == std::string::npos || end == std::string::npos) return aliases;
  for (auto at = qml.find("<alias ", start); at != std::string::npos && at < end;
       at = qml.find("<alias ", at + 1)) {
    const auto close = qml.find("/>", at);
    const std::string element = qml.substr(at, close - at);
    aliases.emplace_back(xml_attribute(element, "field"), xml_attribute(element, "name"));
  }
  return aliases;
}

}  // namespace couverture
