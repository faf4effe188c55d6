#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/crs_transformation.hpp"
#include "couverture/geodata/raster_grid.hpp"
#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// A point of a projected CRS (metres).
struct GridXY {
  double x = 0.0;
  double y = 0.0;
};

// The cells of a grid joined to the road network exactly as demand points
// are: each cell centre is snapped by the same rule (nearest road the mode
// may join, main network; NetworkSnapper) so that a travel time read at a
// cell is the time a demand point at its centre gets. Cells farther than
// `max_offroad_m` from every such road are not placed: they have no time.
struct SurfaceCells {
  RasterGrid grid;
  double max_offroad_m = 0.0;
  // Per placed cell, in increasing cell order:
  std::vector<std::uint32_t> cell;         // index in the grid (row-major)
  std::vector<NetworkPosition> positions;  // where its centre joins the network
  std::vector<GridXY> road_point;          // that place on the road, in the grid's CRS
  // Per grid cell: its index among the placed cells, kInvalidId when none.
  std::vector<std::uint32_t> placed_index;

  [[nodiscard]] std::size_t placed_count() const { return cell.size(); }
};

// Snaps every cell centre of `grid` once (one snapper shared by the worker
// threads, each with its own projection; positions converted with one
// batched PROJ call). `to_grid` converts
// between WGS84 and the grid's CRS. Throws std::invalid_argument when
// max_offroad_m is not positive or the graph has nothing to snap to.
SurfaceCells place_surface_cells(const RoadGraph& graph, const RasterGrid& grid,
                                 const CrsTransformation& to_grid, double max_offroad_m,
                                 std::optional<RoadClassSet> snappable_classes = std::nullopt);

// The travel time in minutes to (or from, per `times`' direction) the
// nearest of `facilities` at every cell of the grid: kNoSurfaceValue
// (contour_polygons.hpp) where a cell is not placed, +inf where it is
// placed but nothing is reachable. One multi-source search: the one that
// gives demand points their nearest-facility time.
std::vector<float> nearest_facility_surface(NearestFacilityTimes& times,
                                            std::span<const NetworkPosition> facilities,
                                            const SurfaceCells& cells);

// Minutes from seconds, as a surface stores them (+inf stays +inf).
float surface_minutes(double seconds);

// Points in WGS84 converted to the grid's CRS in one batch.
std::vector<GridXY> to_grid_xy(std::span<const LonLat> points, const CrsTransformation& to_grid);

}  // namespace couverture
