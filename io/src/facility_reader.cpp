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

// Where the positions come from: the x/y columns in `facilities.crs` (both
// named, with a CRS), or the layer's geometries in its own CRS.
PositionSource position_source(OGRLayer& layer, const FacilitySource& source, bool from_columns,
                               const std::string& where) {
  PositionSource position;
  if (from_columns) {
    if (source.x_field.empty() || source.y_field.empty()) {
      throw DataError(where + ": set both facilities.x_field and facilities.y_field");
    }
    if (source.crs.empty()) {
      throw DataError(where +
                      ": the coordinate columns need a CRS; set facilities.crs, e.g. "
                      "\"EPSG:2154\" for Lambert-93 metres or \"EPSG:4326\" for lon/lat degrees");
    }
    position.x.emplace(layer, source.x_field, where, "facilities.x_field");
    position.y.emplace(layer, source.y_field, where, "facilities.y_field");
    const OGRSpatialReference srs = gs::spatial_reference(source.crs, where + ", facilities.crs");
    position.transformation = gs::make_transformation(srs, gs::wgs84(), where);
  } else {
    const OGRSpatialReference* layer_srs = layer.GetSpatialRef();
    if (layer.GetGeomType() == wkbNone || layer_srs == nullptr) {
      throw DataError(where + (layer.GetGeomType() == wkbNone
                                   ? ": no geometry; for a table set facilities.x_field, "
                                     "facilities.y_field and facilities.crs"
                                   : ": the layer has no CRS; assign one, e.g. ogr2ogr -a_srs "
                                     "EPSG:2154, or give x/y columns with facilities.crs"));
    }
    OGRSpatialReference srs(*layer_srs);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    position.transformation = gs::make_transformation(srs, gs::wgs84(), where);
  }
  return position;
}

// facilities.filter set on the layer, GDAL's complaint in our message.
void apply_filter(OGRLayer& layer, const FacilitySource& source, const std::string& where) {
  if (source.filter.empty()) return;
  gs::ErrorCollector filter_errors;  // GDAL's message goes into ours
  if (layer.SetAttributeFilter(source.filter.c_str()) != OGRERR_NONE) {
    const auto detail = filter_errors.take_failure();
    throw DataError(where + ": facilities.filter \"" + source.filter +
                    "\" is not a valid attribute filter (OGR SQL, e.g. \"DEP = '88'\")" +
                    (detail ? " (" + *detail + ")" : "") +
                    "; columns are: " + gs::field_names(*layer.GetLayerDefn()));
  }
}

std::optional<gs::FieldLookup> optional_field(OGRLayer& layer, const std::string& name,
                                              const std::string& where, const std::string& key) {
  if (name.empty()) return std::nullopt;
  return gs::FieldLookup(layer, name, where, key);
}

// The attributes of one facility row, read with the scenario's columns;
// remembers the rows left out (unmapped types, poor coordinates) and the
// ids seen, so that a repeated id names its first record.
class FacilityRows {
 public:
  FacilityRows(OGRLayer& layer, const FacilitySource& source, const std::string& where)
      : source_(source),
        id_(optional_field(layer, source.id_field, where, "facilities.id_field")),
        type_(layer, source.type_field, where, "facilities.type_field"),
        quality_(optional_field(layer, source.quality_field, where, "facilities.quality_field")),
        poor_(source.poor_quality.begin(), source.poor_quality.end()),
        name_(optional_field(layer, source.name_field, where, "facilities.name_field")),
        capacity_(
            optional_field(layer, source.capacity_field, where, "facilities.capacity_field")) {}

  // The row's facility without its position, or nullopt when the row is
  // left out; throws DataError on a missing or repeated id, an empty type
  // or a bad capacity.
  std::optional<Facility> read(const OGRFeature& feature, const std::string& record) {
    Facility facility;
    const std::string type_value = trimmed(type_.text(feature).value_or(""));
    if (!source_.type_map.empty()) {
      const auto mapped = source_.type_map.find(type_value);
      if (mapped == source_.type_map.end()) {
        ++unmapped_[type_value];
        return std::nullopt;
      }
      facility.service_type = mapped->second;
    } else {
      facility.service_type = type_value;
    }
    facility.id =
        id_ ? trimmed(id_->text(feature).value_or("")) : "row-" + std::to_string(feature.GetFID());
    if (facility.id.empty()) {
      throw DataError(record + ": no id in field '" + id_->name() + "'; give every facility an id");
    }
    if (quality_) {
      const std::string value = trimmed(quality_->text(feature).value_or(""));
      if (poor_.count(value) != 0) {
        poor_rows_.push_back(facility.id + " (" + value + ")");
        return std::nullopt;
      }
    }
    const auto [first, inserted] = record_of_id_.try_emplace(facility.id, record);
    if (!inserted) {
      throw DataError(record + ": id '" + facility.id + "' already used by " + first->second +
                      "; facility ids must be unique");
    }
    if (facility.service_type.empty()) {
      throw DataError(record + ": facility '" + facility.id + "' has an empty type in field '" +
                      type_.name() + "'; give its service type (e.g. eaje, alsh)");
    }
    facility.name = name_ ? trimmed(name_->text(feature).value_or("")) : std::string();
    if (facility.name.empty()) facility.name = facility.id;
    read_capacity(feature, record, facility);
    return facility;
  }

  [[nodiscard]] const std::map<std::string, std::size_t>& unmapped() const { return unmapped_; }
  [[nodiscard]] const std::vector<std::string>& poor_rows() const { return poor_rows_; }

 private:
  // The places, unknown when there is no capacity column or the cell is
  // empty; negative or implausibly large figures are errors.
  void read_capacity(const OGRFeature& feature, const std::string& record,
                     Facility& facility) const {
    if (!capacity_) {
      facility.capacity_known = false;
      return;
    }
    const auto places = capacity_->number(feature, record);
    if (places && *places < 0) {
      throw DataError(record + ": negative capacity in field '" + capacity_->name() + "'");
    }
    if (places && *places > kMaxFacilityCapacity) {
      throw DataError(record + ": capacity " + number_text(*places) + " in field '" +
                      capacity_->name() + "' of facility '" + facility.id + "' is above " +
                      number_text(kMaxFacilityCapacity) +
                      " places, which no single facility has; fix the value, or leave it "
                      "empty when unknown");
    }
    facility.capacity = places.value_or(0.0);
    facility.capacity_known = places.has_value();
  }

  const FacilitySource& source_;
  std::optional<gs::FieldLookup> id_;
  gs::FieldLookup type_;
  std::optional<gs::FieldLookup> quality_;
  std::set<std::string> poor_;
  std::optional<gs::FieldLookup> name_;
  std::optional<gs::FieldLookup> capacity_;
  std::map<std::string, std::size_t> unmapped_;  // type value -> rows left out
  std::vector<std::string> poor_rows_;
  std::map<std::string, std::string> record_of_id_;
};

}  // namespace

std::vector<Facility> read_facilities(const FacilitySource& source,
                                      std::vector<std::string>& warnings) {
  auto dataset = gs::open_vector(source.path, "facilities");
  OGRLayer* layer = gs::select_layer(*dataset, source.path, source.layer, "facilities.layer");
  const std::string where = source.path.string() + ", layer '" + layer->GetName() + "'";
  const bool from_columns = !source.x_field.empty() || !source.y_field.empty();
  PositionSource position = position_source(*layer, source, from_columns, where);
  apply_filter(*layer, source, where);
  FacilityRows rows(*layer, source, where);

  gs::ErrorCollector errors;
  std::vector<Facility> facilities;
  for (auto& feature : *layer) {
    const std::string record = where + ", " + gs::record_name(*dataset, feature->GetFID());
    errors.throw_if_failed(record);
    std::optional<Facility> facility = rows.read(*feature, record);
    if (!facility) continue;
    facility->position = from_columns ? position_from_columns(*feature, position, record)
                                      : position_from_geometry(*feature, position, record);
    facilities.push_back(std::move(*facility));
  }
  errors.throw_if_failed(where);
  for (const std::string& warning : errors.warnings()) {
    warnings.push_back(where + ": GDAL: " + warning);
  }
  if (position.non_points > 0) {
    warnings.push_back(where + ": " + std::to_string(position.non_points) +
                       " facilities are areas or lines, placed at a point inside each");
  }
  report_left_out(where, rows.unmapped(), rows.poor_rows(), source, warnings);
  if (facilities.empty()) {
    throw DataError(where + ": no facilities" +
                    (source.type_map.empty() && source.filter.empty()
                         ? "; check facilities.path"
                         : "; check facilities.filter and [facilities.type_map]"));
  }
  return facilities;
}

}  // namespace couverture
