#include "couverture/io/commune_reader.hpp"

#include <map>
#include <unordered_map>

#include "couverture/geodata/data_error.hpp"
#include "field_lookup.hpp"
#include "gdal_support.hpp"
#include "layer_crs_check.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;
using gs::trimmed;

struct TableEntry {
  double population = 0.0;
  std::string record;
};

std::unordered_map<std::string, TableEntry> read_population_table(const PopulationTable& table) {
  const std::string key = "communes.population_table";
  auto dataset = gs::open_vector(table.path, key);
  OGRLayer* layer = gs::select_layer(*dataset, table.path, "", key + ".path (one table)");
  const std::string where = table.path.string();
  const gs::FieldLookup code(*layer, table.code_field, where, key + ".code_field");
  const gs::FieldLookup population(*layer, table.population_field, where,
                                   key + ".population_field");
  gs::ErrorCollector errors;
  std::unordered_map<std::string, TableEntry> entries;
  for (auto& feature : *layer) {
    const std::string record = where + ", " + gs::record_name(*dataset, feature->GetFID());
    errors.throw_if_failed(record);
    const std::string value = trimmed(code.text(*feature).value_or(""));
    if (value.empty()) {
      throw DataError(record + ": no code in field '" + code.name() +
                      "'; fill it or remove the row");
    }
    const auto number = population.number(*feature, record);
    if (!number || *number < 0) {
      throw DataError(record + ": commune " + value + " has no valid population in field '" +
                      population.name() + "'; give a number of inhabitants");
    }
    const auto [existing, inserted] = entries.try_emplace(value, TableEntry{*number, record});
    if (!inserted) {
      throw DataError(record + ": code " + value + " appears again (first at " +
                      existing->second.record + "); keep one row per commune");
    }
  }
  errors.throw_if_failed(where);
  return entries;
}

void join_population(std::vector<Commune>& communes, const PopulationTable& table,
                     const std::string& where, bool numeric_codes) {
  const auto entries = read_population_table(table);
  std::vector<std::string> missing;
  for (Commune& commune : communes) {
    const auto found = entries.find(commune.code);
    if (found == entries.end()) {
      missing.push_back(commune.code + (commune.name.empty() ? "" : " " + commune.name));
    } else {
      commune.population = found->second.population;
    }
  }
  if (missing.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < missing.size() && i < 20; ++i) list += (i ? ", " : "") + missing[i];
  if (missing.size() > 20) list += ", and " + std::to_string(missing.size() - 20) + " more";
  throw DataError(table.path.string() + ": " + std::to_string(missing.size()) + " commune(s) of " +
                  where + " have no row (joined on '" + table.code_field + "'): " + list +
                  " — add them to the table or filter them out" +
                  (numeric_codes ? "; note: the commune code field is numeric, so leading "
                                   "zeros may have been lost"
                                 : ""));
}

// GDAL accepts a GeoJSON ring whose last point is not its first (with a
// warning), GEOS does not: say which feature, rather than GEOS's message.
void check_rings_closed(const OGRGeometry& polygonal, const std::string& record) {
  const auto check = [&record](const OGRPolygon& polygon) {
    for (int r = 0; r < polygon.getNumInteriorRings() + 1; ++r) {
      const OGRLinearRing* ring =
          r == 0 ? polygon.getExteriorRing() : polygon.getInteriorRing(r - 1);
      if (ring != nullptr && !ring->IsEmpty() && !ring->get_IsClosed()) {
        throw DataError(record + ": ring " + std::to_string(r + 1) +
                        " of the boundary is not closed (its last point is not its first); "
                        "close it, e.g. with QGIS's Fix geometries or ogr2ogr -makevalid");
      }
    }
  };
  if (const auto* polygon = dynamic_cast<const OGRPolygon*>(&polygonal)) {
    check(*polygon);
  } else if (const auto* multi = dynamic_cast<const OGRMultiPolygon*>(&polygonal)) {
    for (const OGRPolygon* part : *multi) check(*part);
  }
}

GeosGeometry boundary_of(const OGRFeature& feature, OGRCoordinateTransformation& transformation,
                         const std::string& record) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (geometry == nullptr || geometry->IsEmpty()) {
    throw DataError(record + ": no geometry; every commune needs its boundary polygon");
  }
  std::unique_ptr<OGRGeometry> polygonal;
  const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
  if (type == wkbPolygon || type == wkbMultiPolygon) {
    polygonal.reset(geometry->clone());
  } else if (type == wkbCurvePolygon || type == wkbMultiSurface) {
    polygonal.reset(geometry->getLinearGeometry());
  } else {
    throw DataError(record + ": geometry is a " + OGRGeometryTypeToName(type) +
                    ", not a polygon; communes need area boundaries");
  }
  polygonal->flattenTo2D();
  check_rings_closed(*polygonal, record);
  if (polygonal->transform(&transformation) != OGRERR_NONE) {
    throw DataError(record + ": cannot reproject the boundary to WGS84 (" +
                    std::string(CPLGetLastErrorMsg()) + ")");
  }
  std::vector<unsigned char> wkb(polygonal->WkbSize());
  polygonal->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return geos_from_wkb(wkb);
}

// Before any column is looked up: a population source is named, and the
// layer is not empty (an empty export has no fields either: say it is
// empty, not that the code field is missing).
void check_communes_layer(GDALDataset& dataset, OGRLayer& layer, const CommuneSource& source,
                          const std::string& where) {
  if (source.population_field.empty() && !source.population_table) {
    throw DataError(where +
                    ": no population source; set communes.population_field or "
                    "[communes.population_table] in the scenario");
  }
  // (Counting reads the whole file with the OSM driver: not there.)
  const bool osm = std::string(dataset.GetDriver()->GetDescription()) == "OSM";
  if (!osm && layer.GetFeatureCount(TRUE) == 0) {
    throw DataError(where +
                    ": the layer has no features (an empty export?); check "
                    "communes.path and communes.layer, and export the communes again");
  }
}

// The columns read per commune.
struct CommuneFields {
  gs::FieldLookup code;
  std::optional<gs::FieldLookup> name;
  std::optional<gs::FieldLookup> population;
};

CommuneFields commune_fields(OGRLayer& layer, const CommuneSource& source,
                             const std::string& where) {
  CommuneFields fields{gs::FieldLookup(layer, source.code_field, where, "communes.code_field"),
                       std::nullopt, std::nullopt};
  if (!source.name_field.empty())
    fields.name.emplace(layer, source.name_field, where, "communes.name_field");
  // A population table, when given, is the population source.
  if (!source.population_table) {
    fields.population.emplace(layer, source.population_field, where, "communes.population_field");
  }
  return fields;
}

// From the layer's CRS, which must be there and plausible, to WGS84.
gs::Transformation to_wgs84(GDALDataset& dataset, OGRLayer& layer, const CommuneSource& source,
                            const std::string& where) {
  const OGRSpatialReference* layer_srs = layer.GetSpatialRef();
  if (layer_srs == nullptr) {
    throw DataError(where +
                    ": the layer has no CRS; assign the right one, e.g. "
                    "ogr2ogr -a_srs EPSG:2154 fixed.gpkg " +
                    source.path.filename().string());
  }
  gs::check_layer_crs(dataset, layer, source.path, where);
  OGRSpatialReference srs(*layer_srs);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return gs::make_transformation(srs, gs::wgs84(), where);
}

// An invalid boundary is repaired with MakeValid, and the repair said; one
// with no area left is an error.
void repair_boundary(Commune& commune, const std::string& record,
                     std::vector<std::string>& warnings) {
  if (geos_is_valid(*commune.boundary)) return;
  const std::string reason = geos_invalid_reason(*commune.boundary);
  commune.boundary = geos_make_valid_polygonal(*commune.boundary);
  if (GEOSisEmpty_r(geos_context(), commune.boundary.get()) != 0) {
    throw DataError(record + ": boundary is invalid (" + reason +
                    ") and has no area once repaired; fix the polygon");
  }
  commune.repaired = true;
  warnings.push_back(record + " (commune " + commune.code + "): invalid boundary (" + reason +
                     "), repaired with MakeValid; check it in QGIS");
}

// One commune: its code (unique: `record_of_code` holds the codes seen),
// name, population when the layer holds it, and boundary in WGS84.
Commune read_commune(const OGRFeature& feature, const CommuneFields& fields,
                     OGRCoordinateTransformation& transformation, const std::string& record,
                     std::map<std::string, std::string>& record_of_code,
                     std::vector<std::string>& warnings) {
  Commune commune;
  commune.code = trimmed(fields.code.text(feature).value_or(""));
  if (commune.code.empty()) {
    throw DataError(record + ": no code in field '" + fields.code.name() +
                    "'; every commune needs its code (the join key)");
  }
  const auto [first, inserted] = record_of_code.try_emplace(commune.code, record);
  if (!inserted) {
    throw DataError(record + ": code " + commune.code + " already used by " + first->second +
                    "; codes must be unique (check communes.code_field or the filter)");
  }
  if (fields.name) commune.name = fields.name->text(feature).value_or("");
  if (fields.population) {
    const auto value = fields.population->number(feature, record);
    if (!value || *value < 0) {
      throw DataError(record + ": no valid population in field '" + fields.population->name() +
                      "'; give a number of inhabitants");
    }
    commune.population = *value;
  }
  commune.boundary = boundary_of(feature, transformation, record);
  repair_boundary(commune, record, warnings);
  return commune;
}

}  // namespace

std::vector<Commune> read_communes(const CommuneSource& source,
                                   std::vector<std::string>& warnings) {
  auto dataset = gs::open_vector(source.path, "communes");
  OGRLayer* layer = gs::select_layer(*dataset, source.path, source.layer, "communes.layer");
  const std::string where = source.path.string() + ", layer '" + layer->GetName() + "'";
  check_communes_layer(*dataset, *layer, source, where);
  const CommuneFields fields = commune_fields(*layer, source, where);
  const auto transformation = to_wgs84(*dataset, *layer, source, where);

  gs::ErrorCollector errors;
  if (!source.filter.empty() && layer->SetAttributeFilter(source.filter.c_str()) != OGRERR_NONE) {
    throw DataError(where + ": filter \"" + source.filter + "\" is not valid (" +
                    errors.take_failure().value_or(CPLGetLastErrorMsg()) +
                    "); fix communes.filter in the scenario");
  }
  layer->ResetReading();
  std::vector<Commune> communes;
  std::map<std::string, std::string> record_of_code;
  for (auto& feature : *layer) {
    const std::string record = where + ", " + gs::record_name(*dataset, feature->GetFID());
    errors.throw_if_failed(record);
    communes.push_back(
        read_commune(*feature, fields, *transformation, record, record_of_code, warnings));
  }
  errors.throw_if_failed(where);
  for (const std::string& warning : errors.warnings()) {
    warnings.push_back(where + ": GDAL: " + warning);
  }
  if (communes.empty()) {
    throw DataError(where + (source.filter.empty()
                                 ? ": no features; check communes.path and communes.layer"
                                 : ": no feature matches the filter \"" + source.filter +
                                       "\"; fix communes.filter"));
  }
  if (source.population_table) {
    join_population(communes, *source.population_table, where, fields.code.numeric());
  }
  return communes;
}

}  // namespace couverture
