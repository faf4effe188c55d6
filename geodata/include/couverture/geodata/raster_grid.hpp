#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "couverture/geodata/scenario_defaults.hpp"

namespace couverture {

// A regular north-up grid of square cells in a projected CRS (metres): the
// frame of a travel-time surface. Cell (column c, row r) spans
// [min_x + c·cell_m, min_x + (c+1)·cell_m] × [max_y − (r+1)·cell_m, max_y − r·cell_m];
// rows run from north to south, as in a raster file. Cells are numbered
// row-major: index = r · columns + c.
struct RasterGrid {
  double min_x = 0.0;
  double max_y = 0.0;
  double cell_m = kDefaultIsochroneCellM;
  std::uint32_t columns = 0;
  std::uint32_t rows = 0;
  std::string crs;  // any definition PROJ understands, e.g. "EPSG:2154"

  [[nodiscard]] std::size_t cell_count() const {
    return static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
  }
  [[nodiscard]] double centre_x(std::uint32_t column) const {
    return min_x + (static_cast<double>(column) + 0.5) * cell_m;
  }
  [[nodiscard]] double centre_y(std::uint32_t row) const {
    return max_y - (static_cast<double>(row) + 0.5) * cell_m;
  }
  [[nodiscard]] double max_x() const { return min_x + static_cast<double>(columns) * cell_m; }
  [[nodiscard]] double min_y() const { return max_y - static_cast<double>(rows) * cell_m; }
};

// A rectangle of cells of a grid: columns [column, column + columns) and
// rows [row, row + rows).
struct GridWindow {
  std::uint32_t column = 0;
  std::uint32_t row = 0;
  std::uint32_t columns = 0;
  std::uint32_t rows = 0;
};

// The grid of `window` as a grid of its own (same cell size and CRS).
RasterGrid window_grid(const RasterGrid& grid, const GridWindow& window);

// The smallest grid of `cell_m` cells, aligned on multiples of cell_m (so
// that two runs over nearby extents share cell centres), that covers the
// rectangle [min_x, max_x] × [min_y, max_y]. Throws std::invalid_argument
// when cell_m is not positive, the rectangle is empty or not finite, or the
// grid would exceed `max_cells` cells.
RasterGrid grid_covering(double min_x, double min_y, double max_x, double max_y, double cell_m,
                         const std::string& crs,
                         std::size_t max_cells = std::numeric_limits<std::uint32_t>::max());

}  // namespace couverture
