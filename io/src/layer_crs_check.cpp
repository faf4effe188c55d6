#include "layer_crs_check.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include "couverture/geodata/data_error.hpp"

namespace couverture::gdal_support {

namespace {

constexpr const char* kDeclare =
    "declare it in the file, e.g. \"crs\": {\"type\": \"name\", \"properties\": {\"name\": "
    "\"urn:ogc:def:crs:EPSG::2154\"}} for Lambert-93, or convert it with "
    "ogr2ogr -s_srs EPSG:2154 -t_srs EPSG:4326 fixed.geojson ";

// The name of the "crs" member of a GeoJSON, or empty. GDAL reads it but,
// when PROJ does not know it, only logs an error and takes WGS84; the
// member sits before the features, so the start of the file holds it.
std::string declared_geojson_crs(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(1 << 16, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  static const std::regex crs_name(
      R"re("crs"\s*:\s*\{[^{}]*"properties"\s*:\s*\{[^{}]*"name"\s*:\s*"([^"]*)")re");
  std::smatch match;
  return std::regex_search(head, match, crs_name) ? match[1].str() : std::string();
}

std::string coordinate_text(double x, double y) {
  std::ostringstream text;
  text.precision(10);
  text << "(" << x << ", " << y << ")";
  return text.str();
}

}  // namespace

void check_layer_crs(GDALDataset& dataset, OGRLayer& layer, const std::filesystem::path& path,
                     const std::string& where) {
  const std::string file = path.filename().string();
  GDALDriver* driver = dataset.GetDriver();
  if (driver != nullptr && std::string(driver->GetDescription()) == "GeoJSON") {
    const std::string name = declared_geojson_crs(path);
    if (!name.empty()) {
      OGRSpatialReference known;
      ErrorCollector quiet;
      if (known.SetFromUserInput(name.c_str()) != OGRERR_NONE) {
        throw DataError(where + ": the CRS '" + name +
                        "' named in the file's \"crs\" member is unknown (GDAL would read the "
                        "coordinates as WGS84); name a known one, e.g. "
                        "\"urn:ogc:def:crs:EPSG::2154\" for Lambert-93, or reproject with "
                        "ogr2ogr -t_srs EPSG:4326 fixed.geojson " +
                        file);
      }
    }
  }
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  // The OSM driver is always WGS84, and its extent means reading it all.
  const bool osm = driver != nullptr && std::string(driver->GetDescription()) == "OSM";
  if (srs == nullptr || !srs->IsGeographic() || osm) return;
  OGREnvelope extent;
  ErrorCollector quiet;
  if (layer.GetExtent(&extent, TRUE) != OGRERR_NONE) return;
  // Degrees, with a little room for sloppy world-edge data.
  const bool degrees =
      extent.MinX >= -180.5 && extent.MaxX <= 180.5 && extent.MinY >= -90.5 && extent.MaxY <= 90.5;
  if (degrees) return;
  const bool lambert93 =
      extent.MinX > 0 && extent.MaxX < 1.3e6 && extent.MinY > 6.0e6 && extent.MaxY < 7.2e6;
  throw DataError(where + ": coordinates such as " + coordinate_text(extent.MinX, extent.MinY) +
                  " are not longitudes and latitudes, but the layer declares " +
                  (srs->GetName() != nullptr ? srs->GetName() : "degrees") +
                  (lambert93 ? " (they look like Lambert-93, EPSG:2154)" : "") +
                  " — a GeoJSON without a \"crs\" member is read as WGS84; " + kDeclare + file);
}

}  // namespace couverture::gdal_support
