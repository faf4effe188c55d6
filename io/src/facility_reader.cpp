#include "couverture/io/facility_reader.hpp"

#include <map>

#include "couverture/geodata/data_error.hpp"
#include "field_lookup.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;
using gs::trimmed;

// Where a feature's position comes from: its geometry, or two columns.
struct PositionSource {
  std::optional<gs::FieldLookup> x, y;
  gs::Transformation transformation;
  std::size_t non_points = 0;
};

LonLat position_from_columns(const OGRFeature& feature, PositionSource& source,
                             const std::string& record) {
  const auto x = source.x->number(feature, record);
  const auto y = source.y->number(feature, record);
  if (!x || !y) {
    throw DataError(record + ": no coordinate in field '" + (x ? source.y : source.x)->name() +
                    "'; give both coordinates");
  }
  double lon = *x;
  double lat = *y;
  if (!source.transformation->Transform(1, &lon, &lat)) {
    throw DataError(record + ": coordinates (" + std::to_string(*x) + ", " + std::to_string(*y) +
                    ") cannot be transformed to WGS84; check facilities.crs and the columns");
  }
  return {lon, lat};
}

LonLat position_from_geometry(const OGRFeature& feature, PositionSource& source,
                              const std::string& record) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (geometry == nullptr || geometry->IsEmpty()) {
    throw DataError(record + ": no geometry; every facility needs a location");
  }
  OGRPoint point;
  if (wkbFlatten(geometry->getGeometryType()) == wkbPoint) {
    point = *geometry->toPoint();
  } else {
    OGRGeometryH inside =
        OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(geometry)));
    if (inside == nullptr || OGR_G_IsEmpty(inside)) {
      if (inside != nullptr) OGR_G_DestroyGeometry(inside);
      throw DataError(record + ": cannot place a point on its " +
                      OGRGeometryTypeToName(geometry->getGeometryType()) +
                      "; give facilities as points");
    }
    point = *OGRGeometry::FromHandle(inside)->toPoint();
    OGR_G_DestroyGeometry(inside);
    ++source.non_points;
  }
  double lon = point.getX();
  double lat = point.getY();
  if (!source.transformation->Transform(1, &lon, &lat)) {
    throw DataError(record + ": the position cannot be transformed to WGS84");
  }
  return {lon, lat};
}

}  // namespace

std::vector<Facility> read_facilities(const FacilitySource& source,
                                      std::vector<std::string>& warnings) {
  auto dataset = gs::open_vector(source.path, "facilities");
  OGRLayer* layer = gs::select_layer(*dataset, source.path, source.layer, "facilities.layer");
  const std::string where = source.path.string() + ", layer '" + layer->GetName() + "'";

  PositionSource position;
  const bool from_columns = !source.x_field.empty() || !source.y_field.empty();
  if (from_columns) {
    if (source.x_field.empty() || source.y_field.empty()) {
      throw DataError(where + ": set both facilities.x_field and facilities.y_field");
    }
    if (source.crs.empty()) {
      throw DataError(where +
                      ": the coordinate columns need a CRS; set facilities.crs, e.g. "
                      "\"EPSG:2154\" for Lambert-93 metres or \"EPSG:4326\" for lon/lat degrees");
    }
    position.x.emplace(*layer, source.x_field, where, "facilities.x_field");
    position.y.emplace(*layer, source.y_field, where, "facilities.y_field");
    const OGRSpatialReference srs = gs::spatial_reference(source.crs, where + ", facilities.crs");
    position.transformation = gs::make_transformation(srs, gs::wgs84(), where);
  } else {
    const OGRSpatialReference* layer_srs = layer->GetSpatialRef();
    if (layer->GetGeomType() == wkbNone || layer_srs == nullptr) {
      throw DataError(where + (layer->GetGeomType() == wkbNone
                                   ? ": no geometry; for a table set facilities.x_field, "
                                     "facilities.y_field and facilities.crs"
                                   : ": the layer has no CRS; assign one, e.g. ogr2ogr -a_srs "
                                     "EPSG:2154, or give x/y columns with facilities.crs"));
    }
    OGRSpatialReference srs(*layer_srs);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    position.transformation = gs::make_transformation(srs, gs::wgs84(), where);
  }

  const gs::FieldLookup id(*layer, source.id_field, where, "facilities.id_field");
  const gs::FieldLookup type(*layer, source.type_field, where, "facilities.type_field");
  std::optional<gs::FieldLookup> name;
  if (!source.name_field.empty())
    name.emplace(*layer, source.name_field, where, "facilities.name_field");
  std::optional<gs::FieldLookup> capacity;
  if (!source.capacity_field.empty()) {
    capacity.emplace(*layer, source.capacity_field, where, "facilities.capacity_field");
  }

  gs::ErrorCollector errors;
  std::vector<Facility> facilities;
  std::map<std::string, std::string> record_of_id;
  for (auto& feature : *layer) {
    const std::string record = where + ", " + gs::record_name(*dataset, feature->GetFID());
    errors.throw_if_failed(record);
    Facility facility;
    facility.id = trimmed(id.text(*feature).value_or(""));
    if (facility.id.empty()) {
      throw DataError(record + ": no id in field '" + id.name() + "'; give every facility an id");
    }
    const auto [first, inserted] = record_of_id.try_emplace(facility.id, record);
    if (!inserted) {
      throw DataError(record + ": id '" + facility.id + "' already used by " + first->second +
                      "; facility ids must be unique");
    }
    facility.service_type = trimmed(type.text(*feature).value_or(""));
    if (facility.service_type.empty()) {
      throw DataError(record + ": facility '" + facility.id + "' has an empty type in field '" +
                      type.name() + "'; give its service type (e.g. eaje, alsh)");
    }
    facility.name = name ? trimmed(name->text(*feature).value_or("")) : std::string();
    if (facility.name.empty()) facility.name = facility.id;
    if (capacity) {
      const auto places = capacity->number(*feature, record);
      if (places && *places < 0) {
        throw DataError(record + ": negative capacity in field '" + capacity->name() + "'");
      }
      facility.capacity = places.value_or(0.0);
      facility.capacity_known = places.has_value();
    } else {
      facility.capacity_known = false;
    }
    facility.position = from_columns ? position_from_columns(*feature, position, record)
                                     : position_from_geometry(*feature, position, record);
    facilities.push_back(std::move(facility));
  }
  errors.throw_if_failed(where);
  for (const std::string& warning : errors.warnings()) {
    warnings.push_back(where + ": GDAL: " + warning);
  }
  if (position.non_points > 0) {
    warnings.push_back(where + ": " + std::to_string(position.non_points) +
                       " facilities are areas or lines, placed at a point inside each");
  }
  if (facilities.empty()) throw DataError(where + ": no facilities; check facilities.path");
  return facilities;
}

}  // namespace couverture
