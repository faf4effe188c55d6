#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "couverture/algorithms/name_table.hpp"
#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/raster_grid.hpp"

namespace couverture {

// Which areas contour_polygons draws between its levels.
enum class ContourForm {
  bands,  // level k: every place whose value is <= levels[k] (nested)
  rings,  // level k: places with levels[k-1] < value <= levels[k] (disjoint)
};

// The scenario's [isochrones] form and `couverture isochrones --form`.
inline constexpr NameTable<ContourForm, 2> kContourFormNames = {{
    {ContourForm::bands, "bands"},
    {ContourForm::rings, "rings"},
}};
[[nodiscard]] constexpr std::string_view to_string(ContourForm form) {
  return name_in(kContourFormNames, form);
}
[[nodiscard]] constexpr std::optional<ContourForm> contour_form_from(std::string_view name) {
  return value_in(kContourFormNames, name);
}

// The value marking a cell with no data (no time: no road near enough).
inline constexpr float kNoSurfaceValue = -1.0F;

// Areas of a surface below each level, drawn by GDAL's contour generator in
// polygon mode (marching squares between cell centres, values interpolated
// linearly along cell edges). `values` holds one value per cell of `grid`,
// row-major from the north-west; kNoSurfaceValue cells are left out of
// every area (as whole cells), and +inf or large values stand for places
// beyond every level.
//
// A value equal to a level counts as within it (<=), as travel times do.
// Returns one polygon or multipolygon per level, in the grid's CRS (an empty
// polygon when nothing lies below it), each valid: an invalid result is
// repaired with GEOS and flagged in `repaired` (by level) when given.
// Throws std::invalid_argument on a size mismatch, levels not strictly
// increasing or not finite, and std::runtime_error when GDAL fails.
std::vector<GeosGeometry> contour_polygons(const RasterGrid& grid, std::span<const float> values,
                                           std::span<const double> levels, ContourForm form,
                                           std::vector<bool>* repaired = nullptr);

}  // namespace couverture
