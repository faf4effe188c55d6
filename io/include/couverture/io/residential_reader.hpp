#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/population_sources.hpp"

namespace couverture {

// Where people live according to an OSM extract.
struct ResidentialPlaces {
  std::vector<ResidentialBuilding> buildings;   // in the order the extract gives them
  std::vector<GeosGeometry> residential_areas;  // landuse=residential, WGS84, valid
  std::size_t buildings_skipped_small = 0;
  std::size_t buildings_skipped_non_residential = 0;
};

// Reads the residential buildings and residential land use of an OSM PBF
// with libosmium, the shapes GDAL's OSM driver gave in its `multipolygons`
// layer: closed ways tagged building or landuse (their ring as drawn) and
// multipolygon or boundary relations so tagged (assembled by libosmium's
// multipolygon assembler). Node locations are held in memory for one pass,
// so an extract of any size is read (GDAL's driver stopped on large ones).
//
// A building is residential when its `building` tag is house, residential,
// apartments, detached, semidetached_house, terrace, bungalow, farm,
// dormitory, or yes. `yes` (an untyped building, most of OSM) counts unless
// its centroid lies in (or on the edge of) non-residential land use:
// landuse=industrial, commercial, retail, military or railway. A farmyard is
// NOT non-residential: the farmhouse stands in it (barns and sheds carry
// their own tags, building=barn, shed... and are skipped by type).
// Every other building value (garage, shed, school, church, industrial...)
// is counted in buildings_skipped_non_residential; building=no is not a
// building at all. A residential footprint whose geodesic area (WGS84
// ellipsoid, holes removed) is below `min_building_m2` is counted in
// buildings_skipped_small; the size is checked before the land use, so a
// small untyped shed in an industrial zone counts as small.
// Centroids are planar centroids of the lon/lat footprint (off by
// millimetres for a building).
//
// Residential areas are the landuse=residential polygons, repaired with
// GEOS MakeValid when invalid (reported in `warnings`).
//
// Throws DataError naming the file when it is missing, is not an OSM file,
// or is truncated or corrupt (libosmium's exceptions, with their message).
ResidentialPlaces read_residential_places(const std::filesystem::path& pbf, double min_building_m2,
                                          std::vector<std::string>& warnings);

}  // namespace couverture
