#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <vector>

#include "couverture/geodata/lon_lat.hpp"

namespace couverture {

struct PointElevations {
  std::vector<double> elevation_m;  // one per point, NaN where unknown
  std::size_t missing = 0;          // points outside the raster or on nodata
};

// The elevation of each point read from band 1 of a raster GDAL opens (SRTM
// .hgt, a zipped .hgt.zip, GeoTIFF...; any other zip is searched for its
// first raster through /vsizip/). Points are reprojected from lon/lat to the
// raster's CRS and interpolated bilinearly between the four nearest pixel
// centres (the half pixel along the edges takes the edge value). A point
// outside the raster, or next to a nodata pixel, gets NaN and is counted in
// `missing`. Throws DataError naming the file when it is missing, not a
// raster, or without CRS or georeferencing.
PointElevations read_node_elevations(const std::filesystem::path& dem_path,
                                     std::span<const LonLat> points);

}  // namespace couverture
