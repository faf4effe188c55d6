#include "couverture/io/qgis_project.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <map>
#include <sstream>
#include <vector>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/service_type.hpp"
#include "couverture/io/column_names.hpp"
#include "couverture/io/qml_style.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;

std::string sql_text(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> text_column(GDALDataset& dataset, const std::string& sql) {
  std::vector<std::string> values;
  OGRLayer* rows = dataset.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (rows == nullptr) return values;
  while (std::unique_ptr<OGRFeature> row{rows->GetNextFeature()}) {
    values.emplace_back(row->GetFieldAsString(0));
  }
  dataset.ReleaseResultSet(rows);
  return values;
}

// One layer of the project: a table (or a raster table), its title, an
// optional filter and its style.
struct ProjectLayer {
  std::string id;
  std::string title;
  std::string table;
  std::string subset;  // OGR SQL filter, empty for none
  std::string style_qml;
  bool raster = false;
};

struct ProjectGroup {
  std::string name;
  bool visible = false;
  std::vector<ProjectLayer> layers;
};

// The symbology of a QGIS style document: what lies between <qgis> and
// </qgis>, which is also what a project's <maplayer> holds.
std::string style_body(const std::string& qml) {
  const auto open = qml.find("<qgis");
  const auto start = open == std::string::npos ? std::string::npos : qml.find('>', open);
  const auto end = qml.rfind("</qgis>");
  if (start == std::string::npos || end == std::string::npos) return {};
  std::string body = qml.substr(start + 1, end - start - 1);
  const auto geometry = body.find("<layerGeometryType>");
  if (geometry != std::string::npos) {
    body.erase(geometry, body.find("</layerGeometryType>") + 20 - geometry);
  }
  return body;
}

// The style with its renderer reading `field` instead of the field it names.
std::string for_field(const std::string& qml, const std::string& field) {
  const auto renderer = qml.find("<renderer-v2");
  const auto attr = qml.find(" attr=\"", renderer);
  if (renderer == std::string::npos || attr == std::string::npos) return qml;
  const auto from = attr + 7;
  const auto to = qml.find('"', from);
  return qml.substr(0, from) + xml_escaped(field) + qml.substr(to);
}

std::string spatial_reference_xml(const OGRSpatialReference* srs) {
  std::string wkt, proj4, authid, code;
  if (srs != nullptr) {
    char* text = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (srs->exportToWkt(&text, options) == OGRERR_NONE && text != nullptr) wkt = text;
    CPLFree(text);
    text = nullptr;
    if (srs->exportToProj4(&text) == OGRERR_NONE && text != nullptr) proj4 = text;
    CPLFree(text);
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* number = srs->GetAuthorityCode(nullptr);
    if (authority != nullptr && number != nullptr) {
      authid = std::string(authority) + ":" + number;
      code = number;
    }
  }
  return "<spatialrefsys><wkt>" + xml_escaped(wkt) + "</wkt><proj4>" + xml_escaped(proj4) +
         "</proj4><srid>" + code + "</srid><authid>" + xml_escaped(authid) +
         "</authid></spatialrefsys>";
}

// A singleband pseudocolour renderer of travel minutes: the classes of the
// vector styles (green to red), drawn at 75 % opacity.
std::string surface_renderer(const std::vector<double>& thresholds) {
  const std::vector<Colour> colours = green_to_red(thresholds.size() + 1);
  std::ostringstream items;
  double lower = 0.0;
  for (std::size_t i = 0; i < colours.size(); ++i) {
    const bool last = i == thresholds.size();
    char colour[8];
    std::snprintf(colour, sizeof colour, "#%02x%02x%02x", colours[i].red, colours[i].green,
                  colours[i].blue);
    std::ostringstream label;
    if (last) {
      label << "> " << lower << " min";
    } else {
      label << lower << " – " << thresholds[i] << " min";
    }
    items << "<item alpha=\"255\" value=\"" << (last ? std::string("inf") : [&] {
      std::ostringstream v;
      v << thresholds[i];
      return v.str();
    }()) << "\" label=\"" << xml_escaped(label.str()) << "\" color=\"" << colour << "\"/>";
    if (!last) lower = thresholds[i];
  }
  std::ostringstream out;
  out << "<pipe><rasterrenderer type=\"singlebandpseudocolor\" band=\"1\" opacity=\"0.75\""
      << " alphaBand=\"-1\" classificationMin=\"0\" classificationMax=\"" << lower << "\">"
      << "<rasterTransparency/><minMaxOrigin><limits>None</limits><extent>WholeRaster</extent>"
      << "<statAccuracy>Estimated</statAccuracy><cumulativeCutLower>0.02</cumulativeCutLower>"
      << "<cumulativeCutUpper>0.98</cumulativeCutUpper><stdDevFactor>2</stdDevFactor>"
      << "</minMaxOrigin><rastershader><colorrampshader colorRampType=\"DISCRETE\""
      << " classificationMode=\"1\" clip=\"0\" minimumValue=\"0\" maximumValue=\"" << lower << "\">"
      << items.str() << "</colorrampshader></rastershader></rasterrenderer>"
      << "<brightnesscontrast brightness=\"0\" contrast=\"0\" gamma=\"1\"/>"
      << "<huesaturation saturation=\"0\" grayscaleMode=\"0\" invertColors=\"0\""
      << " colorizeOn=\"0\" colorizeRed=\"255\" colorizeGreen=\"128\" colorizeBlue=\"128\""
      << " colorizeStrength=\"100\"/><rasterresampler maxOversampling=\"2\"/></pipe>"
      << "<blendMode>0</blendMode>";
  return out.str();
}

struct ProjectContext {
  std::string file_name;
  std::string srs_xml;
  std::vector<double> thresholds;
  std::map<std::string, std::string> geometry;  // table -> QGIS geometry name
  std::map<std::string, std::string> wkb_type;  // table -> wkbType
};

std::string datasource(const ProjectContext& context, const ProjectLayer& layer) {
  if (layer.raster) return "GPKG:./" + context.file_name + ":" + layer.table;
  std::string source = "./" + context.file_name + "|layername=" + layer.table;
  if (!layer.subset.empty()) source += "|subset=" + layer.subset;
  return source;
}

std::string map_layer_xml(const ProjectContext& context, const ProjectLayer& layer) {
  std::ostringstream out;
  if (layer.raster) {
    out << "<maplayer type=\"raster\" styleCategories=\"AllStyleCategories\""
        << " hasScaleBasedVisibilityFlag=\"0\" minScale=\"0\" maxScale=\"0\">";
  } else {
    const bool labels = layer.style_qml.find("labelsEnabled=\"1\"") != std::string::npos;
    out << "<maplayer type=\"vector\" geometry=\"" << context.geometry.at(layer.table)
        << "\" wkbType=\"" << context.wkb_type.at(layer.table) << "\" labelsEnabled=\""
        << (labels ? 1 : 0)
        << "\" styleCategories=\"AllStyleCategories\" hasScaleBasedVisibilityFlag=\"0\""
        << " minScale=\"0\" maxScale=\"0\" readOnly=\"0\">";
  }
  out << "<id>" << xml_escaped(layer.id) << "</id><datasource>"
      << xml_escaped(datasource(context, layer)) << "</datasource><layername>"
      << xml_escaped(layer.title) << "</layername><srs>" << context.srs_xml << "</srs>"
      << "<provider encoding=\"UTF-8\">" << (layer.raster ? "gdal" : "ogr") << "</provider>";
  out << (layer.raster ? surface_renderer(context.thresholds) : style_body(layer.style_qml))
      << "</maplayer>\n";
  return out.str();
}

std::string project_xml(const ProjectContext& context, const std::vector<ProjectGroup>& groups,
                        const OGREnvelope& extent) {
  std::ostringstream tree;
  std::ostringstream layers;
  std::ostringstream order;
  for (const ProjectGroup& group : groups) {
    tree << "<layer-tree-group name=\"" << xml_escaped(group.name) << "\" checked=\""
         << (group.visible ? "Qt::Checked" : "Qt::Unchecked") << "\" expanded=\""
         << (group.visible ? 1 : 0) << "\"><customproperties/>";
    for (const ProjectLayer& layer : group.layers) {
      tree << "<layer-tree-layer id=\"" << xml_escaped(layer.id) << "\" name=\""
           << xml_escaped(layer.title) << "\" source=\"" << xml_escaped(datasource(context, layer))
           << "\" providerKey=\"" << (layer.raster ? "gdal" : "ogr")
           << "\" checked=\"Qt::Checked\" expanded=\"0\"><customproperties/></layer-tree-layer>";
      layers << map_layer_xml(context, layer);
      order << "<layer id=\"" << xml_escaped(layer.id) << "\"/>";
    }
    tree << "</layer-tree-group>\n";
  }
  std::ostringstream out;
  out.precision(12);
  out << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis version=\"3.22.16-Białowieża\" projectname=\"Couverture\">\n"
      << "<homePath path=\"\"/>\n<title>Couverture</title>\n"
      << "<projectCrs>" << context.srs_xml << "</projectCrs>\n"
      << "<layer-tree-group><customproperties/>\n"
      << tree.str() << "</layer-tree-group>\n"
      << "<mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\"><units>meters</units>"
      << "<extent><xmin>" << extent.MinX << "</xmin><ymin>" << extent.MinY << "</ymin><xmax>"
      << extent.MaxX << "</xmax><ymax>" << extent.MaxY << "</ymax></extent>"
      << "<rotation>0</rotation><destinationsrs>" << context.srs_xml
      << "</destinationsrs><rendermaptile>0</rendermaptile></mapcanvas>\n"
      << "<projectlayers>\n"
      << layers.str() << "</projectlayers>\n<layerorder>" << order.str() << "</layerorder>\n"
      << "<properties><Paths><Absolute type=\"bool\">false</Absolute></Paths></properties>\n"
      << "</qgis>\n";
  return out.str();
}

// The project zipped as QGIS's .qgz, in memory.
std::string qgz_bytes(const std::string& qgs, const std::string& file) {
  // A name of its own per call: GDAL's memory files are shared by threads.
  static std::atomic<unsigned> calls{0};
  const std::string zip_path =
      "/vsimem/couverture-project-" + std::to_string(calls.fetch_add(1)) + ".qgz";
  void* zip = CPLCreateZip(zip_path.c_str(), nullptr);
  if (zip == nullptr) throw DataError(file + ": cannot zip the QGIS project");
  if (CPLCreateFileInZip(zip, "couverture.qgs", nullptr) != CE_None ||
      CPLWriteFileInZip(zip, qgs.data(), static_cast<int>(qgs.size())) != CE_None ||
      CPLCloseFileInZip(zip) != CE_None) {
    CPLCloseZip(zip);
    throw DataError(file + ": cannot zip the QGIS project");
  }
  CPLCloseZip(zip);
  vsi_l_offset length = 0;
  GByte* data = VSIGetMemFileBuffer(zip_path.c_str(), &length, TRUE);
  std::string bytes(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  CPLFree(data);
  return bytes;
}

std::string hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::string qgis_geometry(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint:
      return "Point";
    case wkbLineString:
    case wkbMultiLineString:
      return "Line";
    default:
      return "Polygon";
  }
}

// What the project is drawn from: the GeoPackage's tables and styles.
struct StoredTables {
  std::vector<std::string> spatial;           // vector layers, in file order
  std::vector<std::string> rasters;           // gridded coverages, by name
  std::vector<std::string> services;          // service types of the facilities, EAJE first
  std::map<std::string, std::string> styles;  // table -> default QML
  OGREnvelope extent;                         // of the communes (or the first spatial layer)

  [[nodiscard]] bool has(const std::string& name) const {
    return std::find(spatial.begin(), spatial.end(), name) != spatial.end();
  }
  [[nodiscard]] bool has_raster(const std::string& name) const {
    return std::find(rasters.begin(), rasters.end(), name) != rasters.end();
  }
  [[nodiscard]] std::string style_of(const std::string& table) const {
    const auto found = styles.find(table);
    return found == styles.end() ? std::string() : found->second;
  }
};

std::map<std::string, std::string> default_styles(GDALDataset& dataset) {
  std::map<std::string, std::string> styles;
  if (dataset.GetLayerByName("layer_styles") == nullptr) return styles;
  OGRLayer* rows = dataset.ExecuteSQL(
      "SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1", nullptr, nullptr);
  if (rows == nullptr) return styles;
  while (std::unique_ptr<OGRFeature> row{rows->GetNextFeature()}) {
    styles.emplace(row->GetFieldAsString(0), row->GetFieldAsString(1));
  }
  dataset.ReleaseResultSet(rows);
  return styles;
}

// The spatial layers, their geometry types and CRS into `context`, and the
// extent the project opens on.
void read_spatial_layers(GDALDataset& dataset, ProjectContext& context, StoredTables& tables) {
  bool have_extent = false;
  for (int i = 0; i < dataset.GetLayerCount(); ++i) {
    OGRLayer* layer = dataset.GetLayer(i);
    if (wkbFlatten(layer->GetGeomType()) == wkbNone) continue;
    const std::string name = layer->GetName();
    tables.spatial.push_back(name);
    context.geometry[name] = qgis_geometry(layer->GetGeomType());
    context.wkb_type[name] = OGRToOGCGeomType(layer->GetGeomType());
    std::replace(context.wkb_type[name].begin(), context.wkb_type[name].end(), ' ', '_');
    if (context.srs_xml.empty()) context.srs_xml = spatial_reference_xml(layer->GetSpatialRef());
    if (name == "communes" || name == "communes_diff" || !have_extent) {
      OGREnvelope e;
      if (layer->GetExtent(&e, TRUE) == OGRERR_NONE) {
        tables.extent = e;
        have_extent = true;
      }
    }
  }
}

// The run's thresholds (run_info), for the surfaces' classes.
std::vector<double> run_thresholds(GDALDataset& dataset) {
  std::string text;
  if (dataset.GetLayerByName("run_info") != nullptr) {
    const auto values =
        text_column(dataset, "SELECT value FROM run_info WHERE key = 'thresholds_minutes'");
    if (!values.empty()) text = values.front();
  }
  std::vector<double> thresholds;
  std::istringstream list(text.empty() ? "5, 10, 15, 20" : text);
  for (std::string item; std::getline(list, item, ',');) {
    try {
      thresholds.push_back(std::stod(item));
    } catch (const std::exception&) {
      // Left out: the surface classes follow the thresholds that parse.
    }
  }
  return thresholds;
}

StoredTables read_stored_tables(GDALDataset& dataset, ProjectContext& context) {
  StoredTables tables;
  tables.styles = default_styles(dataset);
  read_spatial_layers(dataset, context, tables);
  tables.rasters = text_column(dataset,
                               "SELECT table_name FROM gpkg_contents WHERE data_type = "
                               "'2d-gridded-coverage' ORDER BY table_name");
  if (tables.has("facilities")) {
    for (const std::string& type :
         text_column(dataset, "SELECT DISTINCT service_type FROM facilities")) {
      if (!type.empty()) tables.services.push_back(type);
    }
  }
  std::stable_partition(tables.services.begin(), tables.services.end(),
                        [](const std::string& s) { return service_type_key(s) == "eaje"; });
  return tables;
}

// One group per service (facilities above isochrones above surface above
// communes, the first service shown), then the other layers.
std::vector<ProjectGroup> project_groups(const StoredTables& tables) {
  std::vector<ProjectGroup> groups;
  std::vector<std::string> grouped;
  for (std::size_t s = 0; s < tables.services.size(); ++s) {
    const std::string& type = tables.services[s];
    const std::string stem = service_column(type);
    const std::string filter = "\"service_type\" = '" + type + "'";
    ProjectGroup group{default_service_info(type).french_name, s == 0, {}};
    group.layers.push_back({"facilities_" + stem, "Équipements", "facilities", filter,
                            tables.style_of("facilities"), false});
    if (tables.has("service_isochrones")) {
      group.layers.push_back({"isochrones_" + stem, "Isochrones", "service_isochrones", filter,
                              tables.style_of("service_isochrones"), false});
    }
    if (tables.has_raster("surface_" + stem)) {
      group.layers.push_back(
          {"surface_" + stem, "Surface de temps de trajet", "surface_" + stem, "", "", true});
      grouped.push_back("surface_" + stem);
    }
    if (tables.has("communes")) {
      group.layers.push_back({"communes_" + stem, "Communes — temps moyen (min)", "communes", "",
                              for_field(tables.style_of("communes"), stem + "_mean_min"), false});
    }
    groups.push_back(std::move(group));
  }
  const bool by_service = !tables.services.empty();
  ProjectGroup others{by_service ? "Autres couches" : "Couverture", !by_service, {}};
  for (const std::string& table : tables.spatial) {
    if (by_service &&
        (table == "facilities" || table == "service_isochrones" || table == "communes")) {
      continue;
    }
    others.layers.push_back({"other_" + table, table, table, "", tables.style_of(table), false});
  }
  for (const std::string& raster : tables.rasters) {
    if (std::find(grouped.begin(), grouped.end(), raster) == grouped.end()) {
      others.layers.push_back({"other_" + raster, raster, raster, "", "", true});
    }
  }
  if (!others.layers.empty()) groups.push_back(std::move(others));
  return groups;
}

// Writes the project row as QGIS does: a name, JSON metadata and the .qgz as hex.
void write_project_row(GDALDataset& dataset, const std::string& project_name,
                       const std::string& qgz) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  const std::string metadata = std::string("{\"last_modified_time\": \"") + stamp +
                               "\", \"last_modified_user\": \"couverture\" }";
  dataset.ExecuteSQL(
      "CREATE TABLE IF NOT EXISTS qgis_projects(name TEXT PRIMARY KEY, metadata BLOB, content "
      "BLOB)",
      nullptr, nullptr);
  dataset.ExecuteSQL(("DELETE FROM qgis_projects WHERE name = " + sql_text(project_name)).c_str(),
                     nullptr, nullptr);
  dataset.ExecuteSQL(("INSERT INTO qgis_projects VALUES (" + sql_text(project_name) + ", " +
                      sql_text(metadata) + ", " + sql_text(hex(qgz)) + ")")
                         .c_str(),
                     nullptr, nullptr);
}

}  // namespace

void store_qgis_project(const std::filesystem::path& gpkg, const std::string& project_name) {
  gs::ensure_registered();
  const std::string file = gpkg.string();
  gs::ErrorCollector errors;
  const char* const drivers[] = {"GPKG", nullptr};
  GDALDatasetUniquePtr dataset(static_cast<GDALDataset*>(
      GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr)));
  if (!dataset) throw DataError(file + ": cannot open the GeoPackage to store its QGIS project");

  ProjectContext context;
  context.file_name = gpkg.filename().string();
  const StoredTables tables = read_stored_tables(*dataset, context);
  if (tables.spatial.empty()) return;
  context.thresholds = run_thresholds(*dataset);
  const std::string qgz =
      qgz_bytes(project_xml(context, project_groups(tables), tables.extent), file);
  write_project_row(*dataset, project_name, qgz);
  errors.throw_if_failed(file + ": storing the QGIS project");
  dataset.reset();
  errors.throw_if_failed(file + ": storing the QGIS project");
}

}  // namespace couverture
