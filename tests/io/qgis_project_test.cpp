#include "couverture/io/qgis_project.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "couverture/io/geopackage_writer.hpp"
#include "couverture/io/qml_style.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// A small Couverture-like GeoPackage: two services' facilities, one commune
// coloured by the crèches' mean time, the services' isochrones.
std::vector<OutputLayer> sample_run() {
  std::vector<OutputLayer> layers(3);
  OutputLayer& facilities = layers[0];
  facilities.name = "facilities";
  facilities.geometry_type = "point";
  facilities.geometries.push_back(geos_point(6.59, 48.017));
  facilities.geometries.push_back(geos_point(6.60, 48.03));
  facilities.columns.push_back(
      {"service_type", OutputColumn::Type::text, {std::string("alsh"), std::string("eaje")}, ""});
  const std::vector<StyleCategory> categories = {{"eaje", "eaje", {228, 26, 28, 255}},
                                                 {"alsh", "alsh", {55, 126, 184, 255}}};
  facilities.style_qml = categorized_style_qml("service_type", GeometryKind::point, categories);
  const std::vector<double> breaks = {0, 10, 100000};
  const std::vector<std::string> labels = {"0 – 10 min", "> 10 min"};
  OutputLayer& communes = layers[1];
  communes.name = "communes";
  communes.geometry_type = "multipolygon";
  communes.geometries.push_back(
      geos_from_wkt("POLYGON((6.55 48.0, 6.65 48.0, 6.65 48.05, 6.55 48.05, 6.55 48.0))"));
  communes.columns.push_back({"eaje_mean_min", OutputColumn::Type::real, {4.0}, ""});
  communes.columns.push_back({"alsh_mean_min", OutputColumn::Type::real, {14.0}, ""});
  communes.style_qml = graduated_style_qml("eaje_mean_min", GeometryKind::polygon, breaks,
                                           green_to_red(2), labels, "");
  OutputLayer& bands = layers[2];
  bands.name = "service_isochrones";
  bands.geometry_type = "multipolygon";
  bands.geometries.push_back(
      geos_from_wkt("POLYGON((6.57 48.01, 6.62 48.01, 6.62 48.04, 6.57 48.04, 6.57 48.01))"));
  bands.columns.push_back({"service_type", OutputColumn::Type::text, {std::string("eaje")}, ""});
  bands.columns.push_back({"minutes", OutputColumn::Type::real, {10.0}, ""});
  bands.style_qml =
      graduated_style_qml("minutes", GeometryKind::polygon, breaks, green_to_red(2), labels, "");
  return layers;
}

// A Float32 travel-time surface as GDAL writes it into a GeoPackage: a 2D
// gridded coverage table.
void add_surface(const fs::path& gpkg, const std::string& table) {
  GDALAllRegister();
  char** options = CSLSetNameValue(nullptr, "APPEND_SUBDATASET", "YES");
  options = CSLSetNameValue(options, "RASTER_TABLE", table.c_str());
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDataset* raster = driver->Create(gpkg.c_str(), 40, 40, 1, GDT_Float32, options);
  CSLDestroy(options);
  ASSERT_NE(raster, nullptr) << CPLGetLastErrorMsg();
  OGRSpatialReference lambert;
  lambert.importFromEPSG(2154);
  raster->SetSpatialRef(&lambert);
  double transform[6] = {966000.0, 200.0, 0.0, 6784000.0, 0.0, -200.0};
  raster->SetGeoTransform(transform);
  std::vector<float> minutes(40 * 40);
  for (int i = 0; i < 40 * 40; ++i) minutes[i] = static_cast<float>((i % 40) + (i / 40)) * 0.5f;
  ASSERT_EQ(raster->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 40, 40, minutes.data(), 40, 40,
                                               GDT_Float32, 0, 0),
            CE_None);
  GDALClose(raster);
}

// The stored project as text: the .qgs inside the hex-encoded .qgz.
std::string stored_qgs(const fs::path& gpkg) {
  GDALDatasetUniquePtr dataset(static_cast<GDALDataset*>(
      GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!dataset) return {};
  OGRLayer* rows = dataset->ExecuteSQL(
      "SELECT name, content FROM qgis_projects WHERE name = 'couverture'", nullptr, nullptr);
  if (rows == nullptr) return {};
  std::unique_ptr<OGRFeature> row{rows->GetNextFeature()};
  std::string hex = row ? row->GetFieldAsString(1) : "";
  row.reset();
  dataset->ReleaseResultSet(rows);
  // OGR reads the BLOB column as binary and hands it out as hex: the hex
  // text QGIS stores comes back hex-encoded once more.
  int size = 0;
  GByte* once = CPLHexToBinary(hex.c_str(), &size);
  if (size > 4 && std::string(reinterpret_cast<char*>(once), 4) == "504b") {
    hex.assign(reinterpret_cast<char*>(once), static_cast<std::size_t>(size));
  }
  CPLFree(once);
  GByte* bytes = CPLHexToBinary(hex.c_str(), &size);
  VSIFCloseL(
      VSIFileFromMemBuffer("/vsimem/stored.zip", bytes, static_cast<vsi_l_offset>(size), FALSE));
  char** entries = VSIReadDir("/vsizip//vsimem/stored.zip");
  std::string qgs;
  if (entries != nullptr && entries[0] != nullptr) {
    const std::string inner = std::string("/vsizip//vsimem/stored.zip/") + entries[0];
    VSILFILE* file = VSIFOpenL(inner.c_str(), "rb");
    char buffer[4096];
    for (std::size_t n; file && (n = VSIFReadL(buffer, 1, sizeof buffer, file)) > 0;) {
      qgs.append(buffer, n);
    }
    if (file) VSIFCloseL(file);
  }
  CSLDestroy(entries);
  VSIUnlink("/vsimem/stored.zip");
  CPLFree(bytes);
  return qgs;
}

bool have_pyqgis() {
  std::string output;
  return testing::run_command("/usr/bin/python3 -c 'import qgis.core'", output) == 0;
}

int check_in_qgis(const fs::path& gpkg, const fs::path& dir, const std::string& rasters,
                  std::string& output) {
  return testing::run_command(
      "QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=" + dir.string() +
          " /usr/bin/python3 " COUVERTURE_SOURCE_DIR "/tests/io/check_qgis_project.py " +
          gpkg.string() + " " + (dir / "project.png").string() + " " + rasters,
      output);
}

TEST(QgisProject, GroupsLayersByServiceWithTheFirstServiceShown) {
  const auto dir = testing::make_temp_dir("qgis-project");
  write_geopackage(dir / "run.gpkg", sample_run(), "EPSG:2154", false);
  store_qgis_project(dir / "run.gpkg");
  const std::string qgs = stored_qgs(dir / "run.gpkg");
  ASSERT_FALSE(qgs.empty());
  // Crèches first and shown; the accueil de loisirs group off.
  const auto eaje =
      qgs.find("<layer-tree-group name=\"EAJE (crèche, micro-crèche)\" checked=\"Qt::Checked\"");
  const auto alsh =
      qgs.find("<layer-tree-group name=\"accueil de loisirs\" checked=\"Qt::Unchecked\"");
  ASSERT_NE(eaje, std::string::npos) << qgs;
  ASSERT_NE(alsh, std::string::npos) << qgs;
  EXPECT_LT(eaje, alsh);
  // In a group: facilities, then isochrones, then communes.
  const auto facilities = qgs.find("id=\"facilities_eaje\"", eaje);
  const auto isochrones = qgs.find("id=\"isochrones_eaje\"", eaje);
  const auto communes = qgs.find("id=\"communes_eaje\"", eaje);
  EXPECT_LT(facilities, isochrones);
  EXPECT_LT(isochrones, communes);
  // The alsh communes are coloured by their own service's mean time.
  EXPECT_NE(qgs.find("attr=\"alsh_mean_min\""), std::string::npos);
  EXPECT_NE(
      qgs.find(
          "./run.gpkg|layername=facilities|subset=&quot;service_type&quot; = &apos;alsh&apos;"),
      std::string::npos);
  EXPECT_EQ(qgs.find("surface_"), std::string::npos) << "no raster, no surface layer";
  if (have_pyqgis()) {
    std::string output;
    EXPECT_EQ(check_in_qgis(dir / "run.gpkg", dir, "", output), 0) << output;
  }
  fs::remove_all(dir);
}

TEST(QgisProject, TakesTheTravelTimeSurfacesWhenTheyExist) {
  const auto dir = testing::make_temp_dir("qgis-project");
  write_geopackage(dir / "run.gpkg", sample_run(), "EPSG:2154", false);
  add_surface(dir / "run.gpkg", "surface_eaje");
  store_qgis_project(dir / "run.gpkg");
  // Storing again replaces the project rather than adding a second one.
  store_qgis_project(dir / "run.gpkg");
  const std::string qgs = stored_qgs(dir / "run.gpkg");
  const auto isochrones = qgs.find("id=\"isochrones_eaje\"");
  const auto surface = qgs.find("id=\"surface_eaje\"");
  const auto communes = qgs.find("id=\"communes_eaje\"");
  ASSERT_NE(surface, std::string::npos) << qgs;
  EXPECT_LT(isochrones, surface);
  EXPECT_LT(surface, communes);
  EXPECT_NE(qgs.find("GPKG:./run.gpkg:surface_eaje"), std::string::npos);
  EXPECT_NE(qgs.find("singlebandpseudocolor"), std::string::npos);
  {
    GDALDatasetUniquePtr dataset(static_cast<GDALDataset*>(GDALOpenEx(
        (dir / "run.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    OGRLayer* count = dataset->ExecuteSQL("SELECT COUNT(*) FROM qgis_projects", nullptr, nullptr);
    std::unique_ptr<OGRFeature> row{count->GetNextFeature()};
    EXPECT_EQ(row->GetFieldAsInteger(0), 1);
    row.reset();
    dataset->ReleaseResultSet(count);
  }
  if (have_pyqgis()) {
    std::string output;
    EXPECT_EQ(check_in_qgis(dir / "run.gpkg", dir, "surface_eaje", output), 0) << output;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace couverture
