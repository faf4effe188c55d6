#include "couverture/io/population_grid_reader.hpp"

#include <array>
#include <cmath>
#include <optional>
#include <string_view>

#include "couverture/geodata/data_error.hpp"
#include "field_lookup.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;

constexpr const char* kKey = "demand.insee_grid";

// Filosofi's columns, in the order the band split below reads them.
enum Column : std::size_t { ind, ind_0_3, ind_4_5, ind_6_10, ind_11_17, column_count };
constexpr std::array<const char*, column_count> kColumnNames = {"Ind", "Ind_0_3", "Ind_4_5",
                                                                "Ind_6_10", "Ind_11_17"};

// The column, found whatever its case (GDAL's GetFieldIndex ignores case:
// Filosofi 2015 spells `Ind_0_3`, some later files `ind_0_3`).
gs::FieldLookup column(OGRLayer& layer, const char* name, const std::string& where) {
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  const int index = definition.GetFieldIndex(name);
  if (index < 0) {
    throw DataError(where + ": no column '" + name +
                    "'; columns are: " + gs::field_names(definition) +
                    " — give an INSEE Filosofi 200 m grid (carreaux, with Ind, Ind_0_3, "
                    "Ind_4_5, Ind_6_10, Ind_11_17) as " +
                    kKey);
  }
  // The column's own spelling, so FieldLookup finds it as a column.
  return gs::FieldLookup(layer, definition.GetFieldDefn(index)->GetNameRef(), where, kKey);
}

// Whether the layer's CRS says where it is on Earth. A GeoPackage written
// without CRS reports GDAL's "Undefined geographic SRS" or "Undefined
// Cartesian SRS" (srs_id 0 and -1), not null; a local CRS has no datum.
bool is_known(const OGRSpatialReference* srs) {
  if (srs == nullptr || srs->IsLocal() || srs->IsEmpty()) return false;
  const char* name = srs->GetName();
  return name == nullptr || std::string_view(name).rfind("Undefined ", 0) != 0;
}

LonLat centre_of(const OGRFeature& feature, OGRCoordinateTransformation& transformation,
                 const std::string& record) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (geometry == nullptr || geometry->IsEmpty()) {
    throw DataError(record + ": no geometry; every grid cell needs its square (or centre point)");
  }
  OGRPoint centre;
  if (geometry->Centroid(&centre) != OGRERR_NONE || centre.IsEmpty()) {
    throw DataError(record + ": cannot compute the centre of its " +
                    OGRGeometryTypeToName(geometry->getGeometryType()) + "; fix the geometry");
  }
  double x = centre.getX();
  double y = centre.getY();
  if (!transformation.Transform(1, &x, &y) || !(std::fabs(x) <= 180.0 && std::fabs(y) <= 90.0)) {
    throw DataError(record + ": the cell centre (" + std::to_string(centre.getX()) + ", " +
                    std::to_string(centre.getY()) +
                    ") is not on Earth in the layer's CRS; assign the right CRS, e.g. ogr2ogr "
                    "-a_srs EPSG:2154");
  }
  return {x, y};
}

}  // namespace

namespace {

// The lookups of the grid columns [demand.groups] reads, in their order.
std::vector<gs::FieldLookup> extra_lookups(OGRLayer& layer_ref,
                                           const std::vector<std::string>& extra_columns,
                                           const std::string& where, const std::string& extra_key) {
  OGRLayer* layer = &layer_ref;
  std::vector<gs::FieldLookup> extra;
  for (const std::string& name : extra_columns) {
    OGRFeatureDefn& definition = *layer->GetLayerDefn();
    const int index = definition.GetFieldIndex(name.c_str());
    if (index < 0) {
      throw DataError(where + ": no column '" + name +
                      "'; columns are: " + gs::field_names(definition) + " — fix " + extra_key +
                      " (Filosofi's Men, Men_pauv, Men_fmp, Men_5ind, Log_soc)");
    }
    extra.emplace_back(*layer, definition.GetFieldDefn(index)->GetNameRef(), where, extra_key);
  }
  return extra;
}

// The transformation from the layer's CRS to WGS84 lon/lat; throws when the
// layer has none.
auto to_wgs84(OGRLayer& layer, const std::filesystem::path& path, const std::string& where) {
  const OGRSpatialReference* layer_srs = layer.GetSpatialRef();
  if (!is_known(layer_srs)) {
    throw DataError(where +
                    ": the layer has no CRS; assign the right one, e.g. ogr2ogr -a_srs "
                    "EPSG:2154 fixed.gpkg " +
                    path.filename().string() + " (EPSG:3035 for the European LAEA grid)");
  }
  OGRSpatialReference srs(*layer_srs);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  auto transformation = gs::make_transformation(srs, gs::wgs84(), where);
  return transformation;
}

// A cell's age bands from Filosofi's columns: 0-3 years split 3/4 to 0-2
// and 1/4 to 3-5, 11-17 split 1/7 to 6-11; adults are what the age columns
// leave of Ind (0 when they exceed it: `negative_adults` counts those).
BandPopulation cell_bands(const std::array<double, column_count>& value,
                          std::size_t& negative_adults) {
  PopulationCell cell;
  cell.by_band[index_of(AgeBand::age_0_2)] = 0.75 * value[ind_0_3];
  cell.by_band[index_of(AgeBand::age_3_5)] = 0.25 * value[ind_0_3] + value[ind_4_5];
  cell.by_band[index_of(AgeBand::age_6_11)] = value[ind_6_10] + value[ind_11_17] / 7.0;
  cell.by_band[index_of(AgeBand::age_12_17)] = value[ind_11_17] * 6.0 / 7.0;
  const double adults =
      value[ind] - (value[ind_0_3] + value[ind_4_5] + value[ind_6_10] + value[ind_11_17]);
  if (adults < 0) ++negative_adults;
  cell.by_band[index_of(AgeBand::adults)] = adults < 0 ? 0.0 : adults;
  return cell.by_band;
}

// The cell's counts of the extra columns; throws for an empty or negative one.
std::vector<double> extra_counts(const std::vector<gs::FieldLookup>& extra, OGRFeature& feature,
                                 const std::string& record, const std::string& extra_key) {
  std::vector<double> counts;
  for (const gs::FieldLookup& column : extra) {
    const std::optional<double> number = column.number(feature, record);
    if (!number || *number < 0) {
      throw DataError(record + ": column '" + column.name() + "' is " +
                      (number ? "negative" : "empty") + "; a Filosofi cell needs a count (" +
                      extra_key + ")");
    }
    counts.push_back(*number);
  }
  return counts;
}

}  // namespace

std::vector<PopulationCell> read_population_grid(const std::filesystem::path& path,
                                                 const std::string& layer_name,
                                                 std::vector<std::string>& warnings,
                                                 const std::vector<std::string>& extra_columns,
                                                 const std::string& extra_key) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    throw DataError(path.string() + ": no such file; check " + kKey + " in the scenario");
  }
  auto dataset = gs::open_vector(path, kKey);
  OGRLayer* layer = gs::select_layer(*dataset, path, layer_name, std::string(kKey) + "_layer");
  const std::string where = path.string() + ", layer '" + layer->GetName() + "'";

  std::array<std::optional<gs::FieldLookup>, column_count> columns;
  for (std::size_t i = 0; i < column_count; ++i) {
    columns[i].emplace(column(*layer, kColumnNames[i], where));
  }

  const std::vector<gs::FieldLookup> extra = extra_lookups(*layer, extra_columns, where, extra_key);

  const auto transformation = to_wgs84(*layer, path, where);

  gs::ErrorCollector errors;
  std::vector<PopulationCell> cells;
  std::size_t negative_adults = 0;
  layer->ResetReading();
  for (auto& feature : *layer) {
    const std::string record = where + ", " + gs::record_name(*dataset, feature->GetFID());
    errors.throw_if_failed(record);
    std::array<double, column_count> value{};
    for (std::size_t i = 0; i < column_count; ++i) {
      const std::optional<double> number = columns[i]->number(*feature, record);
      if (!number || *number < 0) {
        throw DataError(record + ": column '" + columns[i]->name() + "' is " +
                        (number ? "negative (" + std::to_string(*number) + ")" : "empty") +
                        "; a Filosofi cell needs a number of people");
      }
      value[i] = *number;
    }
    PopulationCell cell;
    cell.centre = centre_of(*feature, *transformation, record);
    cell.by_band = cell_bands(value, negative_adults);
    cell.total = total_of(cell.by_band);
    cell.extra = extra_counts(extra, *feature, record, extra_key);
    cells.push_back(std::move(cell));
  }
  errors.throw_if_failed(where);
  for (const std::string& warning : errors.warnings()) {
    warnings.push_back(where + ": GDAL: " + warning);
  }
  if (cells.empty()) {
    throw DataError(where + ": no grid cells; give the Filosofi carreaux layer as " + kKey +
                    " (and " + kKey + "_layer)");
  }
  if (negative_adults > 0) {
    warnings.push_back(where + ": " + std::to_string(negative_adults) +
                       " cell(s) count fewer people in Ind than in its age columns; their "
                       "adults were set to 0");
  }
  return cells;
}

}  // namespace couverture
