#include "couverture/geodata/raster_grid.hpp"

#include <cmath>
#include <stdexcept>

namespace couverture {

RasterGrid window_grid(const RasterGrid& grid, const GridWindow& window) {
  RasterGrid sub = grid;
  sub.min_x = grid.min_x + static_cast<double>(window.column) * grid.cell_m;
  sub.max_y = grid.max_y - static_cast<double>(window.row) * grid.cell_m;
  sub.columns = window.columns;
  sub.rows = window.rows;
  return sub;
}

RasterGrid grid_covering(double min_x, double min_y, double max_x, double max_y, double cell_m,
                         const std::string& crs, std::size_t max_cells) {
  if (!(cell_m > 0.0) || !std::isfinite(cell_m)) {
    throw std::invalid_argument("the cell size must be a positive number of metres");
  }
  if (!std::isfinite(min_x) || !std::isfinite(min_y) || !std::isfinite(max_x) ||
      !std::isfinite(max_y) || min_x > max_x || min_y > max_y) {
    throw std::invalid_argument("the extent of the grid is empty or not finite");
  }
  RasterGrid grid;
  grid.cell_m = cell_m;
  grid.crs = crs;
  grid.min_x = std::floor(min_x / cell_m) * cell_m;
  grid.max_y = std::ceil(max_y / cell_m) * cell_m;
  const double columns = std::max(1.0, std::ceil((max_x - grid.min_x) / cell_m));
  const double rows = std::max(1.0, std::ceil((grid.max_y - min_y) / cell_m));
  if (columns * rows > static_cast<double>(max_cells)) {
    throw std::invalid_argument("a grid of " + std::to_string(static_cast<long long>(columns)) +
                                " × " + std::to_string(static_cast<long long>(rows)) +
                                " cells exceeds the limit of " + std::to_string(max_cells) +
                                " cells");
  }
  grid.columns = static_cast<std::uint32_t>(columns);
  grid.rows = static_cast<std::uint32_t>(rows);
  return grid;
}

}  // namespace couverture
