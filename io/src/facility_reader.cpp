#include "couverture/io/facility_reader.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "couverture/geodata/data_error.hpp"
#include "field_lookup.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;

// No crèche, centre or school holds more: a larger figure is a typing error
// (or a sentinel like 1e308) that would turn the places per child, the
// E2SFCA ratios and the tension into infinities in the output.
constexpr double kMaxFacilityCapacity = 10000.0;

std::string number_text(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}
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

// Rows a register holds but the run does not use, said plainly: the types
// the map leaves out (the ten most frequent named), the rows of poor
// coordinate quality (every id: they may be facilities the planner expects).
void report_left_out(const std::string& where, const std::map<std::string, std::size_t>& unmapped,
                     const std::vector<std::string>& poor_rows, const FacilitySource& source,
                     std::vector<std::string>& warnings) {
  if (!unmapped.empty()) {
    std::vector<std::pair<std::size_t, std::string>> by_count;
    std::size_t rows = 0;
    for (const auto& [value, count] : unmapped) {
      by_count.emplace_back(count, value);
      rows += count;
    }
    std::stable_sort(by_count.begin(), by_count.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string values;
    for (std::size_t k = 0; k < by_count.size() && k < 10; ++k) {
      values += (values.empty() ? "" : ", ") + by_count[k].second + " (" +
                std::to_string(by_count[k].first) + ")";
    }
    if (by_count.size() > 10) values += ", ...";
    warnings.push_back(where + ": " + std::to_string(rows) + " row(s) whose " + source.type_field +
                       " is not in [facilities.type_map] were left out: " + values);
  }
  if (!poor_rows.empty()) {
    std::string ids;
    for (const std::string& row : poor_rows) ids += (ids.empty() ? "" : ", ") + row;
    warnings.push_back(where + ": " + std::to_string(poor_rows.size()) +
                       " facility(ies) left out for the poor quality of their coordinates (" +
                       source.quality_field + "): " + ids +
                       "; locate them and give their coordinates, or remove the value from "
                       "facilities.poor_quality to use them as they are");
  }
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

  if (!source.filter.empty()) {
    gs::ErrorCollector filter_errors;  // GDAL's message goes into ours
    if (layer->SetAttributeFilter(source.filter.c_str()) != OGRERR_NONE) {
      const auto detail = filter_errors.take_failure();
      throw DataError(where + ": facilities.filter \"" + source.filter +
                      "\" is not a valid attribute filter (OGR SQL, e.g. \"DEP = '88'\")" +
                      (detail ? " (" + *detail + ")" : "") +
                      "; columns are: " + gs::field_names(*layer->GetLayerDefn()));
    }
  }
  std::optional<gs::FieldLookup> id;
  if (!source.id_field.empty()) id.emplace(*layer, source.id_field, where, "facilities.id_field");
  const gs::FieldLookup type(*layer, source.type_field, where, "facilities.type_field");
  std::optional<gs::FieldLookup> quality;
  if (!source.quality_field.empty()) {
    quality.emplace(*layer, source.quality_field, where, "facilities.quality_field");
  }
  const std::set<std::string> poor(source.poor_quality.begin(), source.poor_quality.end());
  std::map<std::string, std::size_t> unmapped;  // type value -> rows left out
  std::vector<std::string> poor_rows;
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
    const std::string type_value = trimmed(type.text(*feature).value_or(""));
    if (!source.type_map.empty()) {
      const auto mapped = source.type_map.find(type_value);
      if (mapped == source.type_map.end()) {
        ++unmapped[type_value];
        continue;
      }
      facility.service_type = mapped->second;
    } else {
      facility.service_type = type_value;
    }
    facility.id =
        id ? trimmed(id->text(*feature).value_or("")) : "row-" + std::to_string(feature->GetFID());
    if (facility.id.empty()) {
      throw DataError(record + ": no id in field '" + id->name() + "'; give every facility an id");
    }
    if (quality) {
      const std::string value = trimmed(quality->text(*feature).value_or(""));
      if (poor.count(value) != 0) {
        poor_rows.push_back(facility.id + " (" + value + ")");
        continue;
      }
    }
    const auto [first, inserted] = record_of_id.try_emplace(facility.id, record);
    if (!inserted) {
      throw DataError(record + ": id '" + facility.id + "' already used by " + first->second +
                      "; facility ids must be unique");
    }
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
      if (places && *places > kMaxFacilityCapacity) {
        throw DataError(record + ": capacity " + number_text(*places) + " in field '" +
                        capacity->name() + "' of facility '" + facility.id + "' is above " +
                        number_text(kMaxFacilityCapacity) +
                        " places, which no single facility has; fix the value, or leave it "
                        "empty when unknown");
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
  report_left_out(where, unmapped, poor_rows, source, warnings);
  if (facilities.empty()) {
    throw DataError(where + ": no facilities" +
                    (source.type_map.empty() && source.filter.empty()
                         ? "; check facilities.path"
                         : "; check facilities.filter and [facilities.type_map]"));
  }
  return facilities;
}

}  // namespace couverture
