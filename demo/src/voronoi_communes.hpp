#pragma once

#include <span>
#include <vector>

#include "couverture/geodata/geos_geometry.hpp"
#include "local_frame.hpp"

namespace couverture::synthetic {

// Synthetic commune shapes: the Voronoi cells of the town centres, clipped to
// the centres' convex hull grown by `margin_m`, converted to WGS84. Shape i
// contains centres[i]; the shapes are valid convex polygons that meet only
// along their edges, as communes tile a territory.
std::vector<GeosGeometry> voronoi_commune_shapes(std::span<const Metres> centres, double margin_m,
                                                 const LocalFrame& frame);

}  // namespace couverture::synthetic
