#include "couverture/io/elevation_reader.hpp"

#include <cpl_vsi.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "couverture/geodata/data_error.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace fs = std::filesystem;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

GDALDatasetUniquePtr open_raster(const std::string& name) {
  return GDALDatasetUniquePtr(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
}

// GDAL opens a zipped SRTM tile directly; any other zip is searched for the
// first member GDAL reads as a raster.
GDALDatasetUniquePtr open_zipped_raster(const fs::path& path) {
  const std::string archive = "/vsizip/" + path.string();
  char** members = VSIReadDirRecursive(archive.c_str());
  GDALDatasetUniquePtr dataset;
  for (int i = 0; members != nullptr && members[i] != nullptr && !dataset; ++i) {
    dataset = open_raster(archive + "/" + members[i]);
  }
  CSLDestroy(members);
  return dataset;
}

GDALDatasetUniquePtr open_dem(const fs::path& path) {
  gdal_support::ensure_registered();
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw DataError(path.string() + ": no such file; check network.dem in the scenario");
  }
  gdal_support::ErrorCollector errors;
  GDALDatasetUniquePtr dataset = open_raster(path.string());
  if (!dataset && path.extension() == ".zip") dataset = open_zipped_raster(path);
  if (!dataset) {
    const auto failure = errors.take_failure();
    throw DataError(path.string() + ": cannot be read as an elevation raster (" +
                    failure.value_or("no GDAL driver recognises it") +
                    "); give an SRTM .hgt or .hgt.zip tile or a GeoTIFF as network.dem");
  }
  if (dataset->GetRasterCount() < 1) {
    throw DataError(path.string() + ": holds no raster band; give an elevation raster");
  }
  return dataset;
}

// Band 1 over a window of pixels, row-major, NaN on nodata.
struct PixelWindow {
  int first_column = 0;
  int first_row = 0;
  int columns = 0;
  int rows = 0;
  std::vector<double> value;

  [[nodiscard]] double at(int column, int row) const {
    return value[static_cast<std::size_t>(row - first_row) * static_cast<std::size_t>(columns) +
                 static_cast<std::size_t>(column - first_column)];
  }
};

PixelWindow read_window(GDALRasterBand& band, int first_column, int first_row, int last_column,
                        int last_row, const fs::path& path) {
  PixelWindow window;
  window.first_column = first_column;
  window.first_row = first_row;
  window.columns = last_column - first_column + 1;
  window.rows = last_row - first_row + 1;
  window.value.resize(static_cast<std::size_t>(window.columns) *
                      static_cast<std::size_t>(window.rows));
  gdal_support::ErrorCollector errors;
  if (band.RasterIO(GF_Read, first_column, first_row, window.columns, window.rows,
                    window.value.data(), window.columns, window.rows, GDT_Float64, 0, 0,
                    nullptr) != CE_None) {
    throw DataError(path.string() + ": elevations cannot be read (" +
                    errors.take_failure().value_or("damaged raster") + ")");
  }
  int has_nodata = 0;
  const double nodata = band.GetNoDataValue(&has_nodata);
  for (double& z : window.value) {
    if (has_nodata != 0 && z == nodata) z = kNaN;
  }
  return window;
}

}  // namespace

PointElevations read_node_elevations(const fs::path& dem_path, std::span<const LonLat> points) {
  PointElevations result;
  result.elevation_m.assign(points.size(), kNaN);
  result.missing = points.size();
  GDALDatasetUniquePtr dataset = open_dem(dem_path);
  const OGRSpatialReference* raster_crs = dataset->GetSpatialRef();
  if (raster_crs == nullptr) {
    throw DataError(dem_path.string() +
                    ": the raster has no CRS; assign one, e.g. gdal_edit.py -a_srs EPSG:4326");
  }
  double to_world[6];
  double to_pixel[6];
  if (dataset->GetGeoTransform(to_world) != CE_None || !GDALInvGeoTransform(to_world, to_pixel)) {
    throw DataError(dem_path.string() +
                    ": the raster is not georeferenced (no usable geotransform)");
  }
  OGRSpatialReference target(*raster_crs);
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const gdal_support::Transformation transformation = gdal_support::make_transformation(
      gdal_support::wgs84(), target, dem_path.string() + " (network.dem)");
  if (points.empty()) return result;

  std::vector<double> x(points.size());
  std::vector<double> y(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    x[i] = points[i].lon;
    y[i] = points[i].lat;
  }
  std::vector<int> transformed(points.size(), 0);
  {
    gdal_support::ErrorCollector errors;  // points PROJ cannot map stay NaN
    transformation->Transform(static_cast<int>(points.size()), x.data(), y.data(), nullptr,
                              transformed.data());
  }
  const int width = dataset->GetRasterXSize();
  const int height = dataset->GetRasterYSize();
  // Pixel coordinates with pixel centres on whole numbers; NaN outside.
  int min_column = width;
  int min_row = height;
  int max_column = -1;
  int max_row = -1;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double column = to_pixel[0] + to_pixel[1] * x[i] + to_pixel[2] * y[i];
    const double row = to_pixel[3] + to_pixel[4] * x[i] + to_pixel[5] * y[i];
    const bool inside =
        transformed[i] != 0 && column >= 0.0 && column <= width && row >= 0.0 && row <= height;
    x[i] = inside ? std::clamp(column - 0.5, 0.0, width - 1.0) : kNaN;
    y[i] = inside ? std::clamp(row - 0.5, 0.0, height - 1.0) : kNaN;
    if (!inside) continue;
    min_column = std::min(min_column, static_cast<int>(x[i]));
    min_row = std::min(min_row, static_cast<int>(y[i]));
    max_column = std::max(max_column, std::min(static_cast<int>(x[i]) + 1, width - 1));
    max_row = std::max(max_row, std::min(static_cast<int>(y[i]) + 1, height - 1));
  }
  if (max_column < 0) return result;  // no point on the raster

  const PixelWindow window =
      read_window(*dataset->GetRasterBand(1), min_column, min_row, max_column, max_row, dem_path);
  result.missing = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (std::isnan(x[i])) {
      ++result.missing;
      continue;
    }
    const int c0 = static_cast<int>(x[i]);
    const int r0 = static_cast<int>(y[i]);
    const int c1 = std::min(c0 + 1, width - 1);
    const int r1 = std::min(r0 + 1, height - 1);
    const double fx = x[i] - c0;
    const double fy = y[i] - r0;
    const double top = (1.0 - fx) * window.at(c0, r0) + fx * window.at(c1, r0);
    const double bottom = (1.0 - fx) * window.at(c0, r1) + fx * window.at(c1, r1);
    // A nodata pixel, even weighted 0, makes the point unknown: a void's
    // edge is unreliable.
    const double z = (1.0 - fy) * top + fy * bottom;
    result.elevation_m[i] = z;
    if (std::isnan(z)) ++result.missing;
  }
  return result;
}

}  // namespace couverture
