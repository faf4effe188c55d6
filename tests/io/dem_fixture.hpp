#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "couverture/geodata/road_graph.hpp"
#include "couverture/io/osm_pbf_writer.hpp"

namespace couverture::testing {

// A tiny elevation raster written with GDAL for a test: `columns` × `rows`
// pixels of `pixel_size` (CRS units) from the top-left corner (`left`,
// `top`), elevations row-major from the top row.
struct DemRaster {
  int epsg = 4326;
  double left = 0.0;
  double top = 0.0;
  double pixel_size = 0.001;
  int columns = 0;
  int rows = 0;
  std::vector<float> elevation_m;
  std::optional<double> nodata;
};

inline void write_geotiff(const std::filesystem::path& path, const DemRaster& dem) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  if (driver == nullptr) throw std::runtime_error("no GTiff driver");
  GDALDatasetUniquePtr dataset(
      driver->Create(path.string().c_str(), dem.columns, dem.rows, 1, GDT_Float32, nullptr));
  if (!dataset) throw std::runtime_error("cannot create " + path.string());
  double transform[6] = {dem.left, dem.pixel_size, 0.0, dem.top, 0.0, -dem.pixel_size};
  dataset->SetGeoTransform(transform);
  OGRSpatialReference crs;
  crs.importFromEPSG(dem.epsg);
  dataset->SetSpatialRef(&crs);
  GDALRasterBand* band = dataset->GetRasterBand(1);
  if (dem.nodata) band->SetNoDataValue(*dem.nodata);
  std::vector<float> values = dem.elevation_m;
  if (band->RasterIO(GF_Write, 0, 0, dem.columns, dem.rows, values.data(), dem.columns, dem.rows,
                     GDT_Float32, 0, 0, nullptr) != CE_None) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

// `columns` × `rows` pixels of 0.001° from (6.000 E, 48.004 N) holding the
// plane z = 100 + per_column·column + per_row·row (pixel centres).
inline DemRaster degree_plane_dem(int columns, int rows, int per_column, int per_row) {
  DemRaster dem;
  dem.left = 6.0;
  dem.top = 48.004;
  dem.columns = columns;
  dem.rows = rows;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      dem.elevation_m.push_back(static_cast<float>(100 + per_column * c + per_row * r));
    }
  }
  return dem;
}

// 8 × 4 pixels rising 10 m per 0.001° column eastwards, flat north-south.
inline DemRaster east_rising_dem() { return degree_plane_dem(8, 4, 10, 0); }

// A triangle of streets on east_rising_dem(): residential 1-2 (node 1 at
// lon 6.0015, 110 m; node 2 at 6.0035, 130 m) and 2-3, and a private service
// road 3-1.
inline void write_triangle_extract(const std::filesystem::path& path) {
  const std::vector<OsmNodeRecord> nodes = {
      {1, {6.0015, 48.002}}, {2, {6.0035, 48.002}}, {3, {6.0035, 48.0005}}};
  const std::vector<OsmWayRecord> ways = {
      {10, {1, 2}, {{"highway", "residential"}}},
      {11, {2, 3}, {{"highway", "residential"}}},
      {12, {3, 1}, {{"highway", "service"}, {"access", "private"}}}};
  write_osm_pbf(path, nodes, ways);
}

// The node of `roads` for an OSM node id, whatever the numbering.
inline NodeId node_of_osm(const RoadGraph& roads, std::int64_t osm_id) {
  for (NodeId u = 0; u < roads.node_osm_id.size(); ++u) {
    if (roads.node_osm_id[u] == osm_id) return u;
  }
  throw std::runtime_error("no node for OSM node " + std::to_string(osm_id));
}

}  // namespace couverture::testing
