#include "couverture/engine/demand_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "couverture/engine/demand_spreader.hpp"
#include "couverture/geodata/geos_operations.hpp"

namespace couverture {

namespace {

constexpr std::uint32_t kNoCommune = std::numeric_limits<std::uint32_t>::max();

struct SourceNames {
  std::string_view name;
  std::string_view french;
};

constexpr std::array<SourceNames, 4> kSourceNames = {{
    {"insee_grid", "carroyage INSEE"},
    {"buildings", "bâtiments résidentiels"},
    {"residential_landuse", "zones d'habitat (occupation du sol)"},
    {"regular_grid", "grille régulière"},
}};

constexpr std::array<DemandSource, 4> kPreferenceOrder = {
    DemandSource::insee_grid, DemandSource::buildings, DemandSource::residential_landuse,
    DemandSource::regular_grid};

struct Envelope {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  [[nodiscard]] bool contains(LonLat p) const {
    return p.lon >= min_x && p.lon <= max_x && p.lat >= min_y && p.lat <= max_y;
  }
  [[nodiscard]] bool intersects(const Envelope& o) const {
    return min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y && o.min_y <= max_y;
  }
};

Envelope envelope_of(const GEOSGeometry& geometry) {
  GEOSContextHandle_t context = geos_context();
  Envelope e;
  if (GEOSisEmpty_r(context, &geometry) != 0 ||
      GEOSGeom_getXMin_r(context, &geometry, &e.min_x) == 0 ||
      GEOSGeom_getYMin_r(context, &geometry, &e.min_y) == 0 ||
      GEOSGeom_getXMax_r(context, &geometry, &e.max_x) == 0 ||
      GEOSGeom_getYMax_r(context, &geometry, &e.max_y) == 0) {
    // An envelope nothing falls in.
    return {1.0, 1.0, -1.0, -1.0};
  }
  return e;
}

// Finds the commune covering a point: an envelope test first, then the
// prepared boundary (so tens of thousands of buildings stay cheap).
class CommuneLocator {
 public:
  explicit CommuneLocator(std::span<const Commune> communes) {
    prepared_.reserve(communes.size());
    envelopes_.reserve(communes.size());
    for (const Commune& commune : communes) {
      if (commune.boundary) {
        prepared_.push_back(geos_prepare(*commune.boundary));
        envelopes_.push_back(envelope_of(*commune.boundary));
      } else {
        prepared_.emplace_back();
        envelopes_.push_back({1.0, 1.0, -1.0, -1.0});
      }
    }
  }

  [[nodiscard]] std::uint32_t locate(LonLat position) const {
    GeosGeometry point;
    for (std::size_t c = 0; c < prepared_.size(); ++c) {
      if (!envelopes_[c].contains(position)) continue;
      if (!point) point = geos_point(position.lon, position.lat);
      if (GEOSPreparedIntersects_r(geos_context(), prepared_[c].get(), point.get()) == 1) {
        return static_cast<std::uint32_t>(c);
      }
    }
    return kNoCommune;
  }

  [[nodiscard]] const Envelope& envelope(std::size_t c) const { return envelopes_[c]; }
  [[nodiscard]] const GEOSPreparedGeometry& prepared(std::size_t c) const { return *prepared_[c]; }

 private:
  std::vector<GeosPrepared> prepared_;
  std::vector<Envelope> envelopes_;
};

// Indices of the items (by position) per commune covering them.
template <typename Item, typename Position, typename Keep>
std::vector<std::vector<std::uint32_t>> bucket_by_commune(const CommuneLocator& locator,
                                                          std::size_t commune_count,
                                                          const std::vector<Item>& items,
                                                          Position position, Keep keep) {
  std::vector<std::vector<std::uint32_t>> buckets(commune_count);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!keep(items[i])) continue;
    const std::uint32_t c = locator.locate(position(items[i]));
    if (c != kNoCommune) buckets[c].push_back(static_cast<std::uint32_t>(i));
  }
  return buckets;
}

double cell_total(const PopulationCell& cell) {
  return cell.total > 0.0 ? cell.total : total_of(cell.by_band);
}

// Appends one point per position, carrying `bands` in proportion to its
// weight (the weights are positive and not all zero).
void share_by_weight(std::uint32_t commune, const BandPopulation& bands,
                     std::span<const LonLat> positions, std::span<const double> weights,
                     std::vector<DemandPoint>& out) {
  double weight_sum = 0.0;
  for (double w : weights) weight_sum += w;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    DemandPoint point;
    point.commune = commune;
    point.position = positions[i];
    const double share = weights[i] / weight_sum;
    for (std::size_t b = 0; b < kAgeBandCount; ++b) point.by_band[b] = bands[b] * share;
    point.population = total_of(point.by_band);
    out.push_back(point);
  }
}

// The polygons of a GEOS result (polygon, multipolygon or collection),
// dropping the lines and points an intersection can leave.
void collect_polygons(const GEOSGeometry& geometry, std::vector<const GEOSGeometry*>& polygons) {
  GEOSContextHandle_t context = geos_context();
  const int type = GEOSGeomTypeId_r(context, &geometry);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(context, &geometry) == 0) polygons.push_back(&geometry);
    return;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int count = GEOSGetNumGeometries_r(context, &geometry);
    for (int k = 0; k < count; ++k) {
      collect_polygons(*GEOSGetGeometryN_r(context, &geometry, k), polygons);
    }
  }
}

std::string names_of(std::span<const Commune> communes, const std::vector<std::uint32_t>& which) {
  std::string text;
  for (std::uint32_t c : which) {
    if (!text.empty()) text += ", ";
    text += communes[c].code + " " + communes[c].name;
  }
  return text;
}

class DemandBuilder {
 public:
  DemandBuilder(std::span<const Commune> communes, const PopulationSources& sources,
                const DemandModelOptions& options, bool use_grid, bool use_buildings)
      : communes_(communes), sources_(sources), options_(options), locator_(communes) {
    if (use_grid) {
      cells_ = bucket_by_commune(
          locator_, communes.size(), sources.grid_cells,
          [](const PopulationCell& cell) { return cell.centre; },
          [](const PopulationCell& cell) { return cell_total(cell) > 0.0; });
    }
    if (use_buildings) {
      buildings_ = bucket_by_commune(
          locator_, communes.size(), sources.buildings,
          [](const ResidentialBuilding& building) { return building.centroid; },
          [](const ResidentialBuilding& building) {
            return std::isfinite(building.footprint_m2) && building.footprint_m2 > 0.0;
          });
    }
  }

  // Places commune c from `source`; false when the source has no data there.
  bool place(DemandSource source, std::uint32_t c, DemandModel& model) {
    switch (source) {
      case DemandSource::insee_grid:
        return from_grid_cells(c, model);
      case DemandSource::buildings:
        return from_buildings(c, model);
      case DemandSource::residential_landuse:
        return from_landuse(c, model);
      case DemandSource::regular_grid:
        return from_regular_grid(c, model);
    }
    return false;
  }

 private:
  bool from_grid_cells(std::uint32_t c, DemandModel& model) {
    if (cells_.empty() || cells_[c].empty()) return false;
    const Commune& commune = communes_[c];
    const std::vector<std::uint32_t>& cells = cells_[c];
    double total = 0.0;
    BandPopulation band_sums{};
    for (std::uint32_t i : cells) {
      const PopulationCell& cell = sources_.grid_cells[i];
      total += cell_total(cell);
      for (std::size_t b = 0; b < kAgeBandCount; ++b) band_sums[b] += cell.by_band[b];
    }
    BandPopulation& bands = model.bands_by_commune[c];
    const double aged_total = total_of(band_sums);
    if (commune.bands_estimated && aged_total > 0.0) {
      // The grid counts the ages of the people actually living here: closer
      // to the truth than national shares.
      for (std::size_t b = 0; b < kAgeBandCount; ++b) {
        bands[b] = commune.population * (band_sums[b] / aged_total);
      }
      model.communes_aged_by_grid.push_back(c);
    }
    for (std::uint32_t i : cells) {
      const PopulationCell& cell = sources_.grid_cells[i];
      DemandPoint point;
      point.commune = c;
      point.position = cell.centre;
      point.grid_cell = i;
      for (std::size_t b = 0; b < kAgeBandCount; ++b) {
        point.by_band[b] = band_sums[b] > 0.0 ? bands[b] * (cell.by_band[b] / band_sums[b])
                                              : bands[b] * (cell_total(cell) / total);
      }
      point.population = total_of(point.by_band);
      model.points.push_back(point);
    }
    return true;
  }

  bool from_buildings(std::uint32_t c, DemandModel& model) {
    if (buildings_.empty() || buildings_[c].empty()) return false;
    const GridFrame frame = grid_frame_over(*communes_[c].boundary, options_.building_cell_m);
    struct CellSum {
      double area = 0.0;
      double lon_area = 0.0;
      double lat_area = 0.0;
    };
    // Ordered by cell so the points come out in the same order every run.
    std::map<std::pair<std::int64_t, std::int64_t>, CellSum> cells;
    for (std::uint32_t i : buildings_[c]) {
      const ResidentialBuilding& building = sources_.buildings[i];
      const auto column = static_cast<std::int64_t>(
          std::floor((building.centroid.lon - frame.min_lon) / frame.step_lon));
      const auto row = static_cast<std::int64_t>(
          std::floor((building.centroid.lat - frame.min_lat) / frame.step_lat));
      CellSum& sum = cells[{row, column}];
      sum.area += building.footprint_m2;
      // Within a cell a couple of hundred metres wide, the area-weighted mean
      // of lon/lat is the metric centroid to well under a millimetre.
      sum.lon_area += building.centroid.lon * building.footprint_m2;
      sum.lat_area += building.centroid.lat * building.footprint_m2;
    }
    std::vector<LonLat> positions;
    std::vector<double> weights;
    positions.reserve(cells.size());
    weights.reserve(cells.size());
    for (const auto& [key, sum] : cells) {
      positions.push_back({sum.lon_area / sum.area, sum.lat_area / sum.area});
      weights.push_back(sum.area);
    }
    share_by_weight(c, model.bands_by_commune[c], positions, weights, model.points);
    return true;
  }

  bool from_landuse(std::uint32_t c, DemandModel& model) {
    if (sources_.residential_areas.empty()) return false;
    const Commune& commune = communes_[c];
    GEOSContextHandle_t context = geos_context();
    std::vector<GeosGeometry> repaired;
    std::vector<const GEOSGeometry*> candidates;
    for (const GeosGeometry& area : sources_.residential_areas) {
      if (!area || !locator_.envelope(c).intersects(envelope_of(*area))) continue;
      if (GEOSPreparedIntersects_r(context, &locator_.prepared(c), area.get()) != 1) continue;
      if (geos_is_valid(*area)) {
        candidates.push_back(area.get());
      } else {
        repaired.push_back(geos_make_valid_polygonal(*area));
        candidates.push_back(repaired.back().get());
      }
    }
    if (candidates.empty()) return false;
    // Overlapping residential polygons must not count the ground twice.
    const GeosGeometry merged = geos_union_all(candidates);
    const GeosGeometry inside =
        take_geos(GEOSIntersection_r(context, commune.boundary.get(), merged.get()),
                  "residential land use inside commune");
    std::vector<const GEOSGeometry*> parts;
    collect_polygons(*inside, parts);
    const GridFrame frame = grid_frame_over(*commune.boundary, options_.grid_spacing_m / 2.0);
    // A grid node stands for one cell; an area too small to hold one counts
    // for its area in cells (both in degrees², the frame's units).
    const double cell_area = frame.step_lon * frame.step_lat;
    std::vector<LonLat> positions;
    std::vector<double> weights;
    for (const GEOSGeometry* part : parts) {
      const std::vector<LonLat> nodes = grid_points_inside(*part, frame);
      if (!nodes.empty()) {
        positions.insert(positions.end(), nodes.begin(), nodes.end());
        weights.insert(weights.end(), nodes.size(), 1.0);
        continue;
      }
      const double area = geos_area(*part);
      if (area > 0.0) {
        positions.push_back(point_on_surface(*part));
        weights.push_back(area / cell_area);
      }
    }
    if (positions.empty()) return false;
    share_by_weight(c, model.bands_by_commune[c], positions, weights, model.points);
    return true;
  }

  bool from_regular_grid(std::uint32_t c, DemandModel& model) {
    const std::vector<LonLat> positions =
        regular_grid_points(*communes_[c].boundary, options_.grid_spacing_m);
    const std::vector<double> weights(positions.size(), 1.0);
    share_by_weight(c, model.bands_by_commune[c], positions, weights, model.points);
    return true;
  }

  std::span<const Commune> communes_;
  const PopulationSources& sources_;
  const DemandModelOptions& options_;
  CommuneLocator locator_;
  std::vector<std::vector<std::uint32_t>> cells_;
  std::vector<std::vector<std::uint32_t>> buildings_;
};

void check_bands(const Commune& commune) {
  const double bands = total_of(commune.population_by_band);
  bool valid = std::isfinite(bands) &&
               std::abs(bands - commune.population) <= 1e-9 * std::max(1.0, commune.population);
  for (double count : commune.population_by_band) valid = valid && count >= 0.0;
  if (!valid) {
    throw std::invalid_argument("commune " + commune.code + ": its age bands add up to " +
                                std::to_string(bands) + ", not its population " +
                                std::to_string(commune.population) +
                                " (fill them with assign_age_bands first)");
  }
}

}  // namespace

std::string_view to_string(DemandSource source) {
  return kSourceNames[static_cast<std::size_t>(source)].name;
}

std::string_view french_label(DemandSource source) {
  return kSourceNames[static_cast<std::size_t>(source)].french;
}

std::optional<DemandSource> parse_demand_source(std::string_view text) {
  for (DemandSource source : kPreferenceOrder) {
    if (text == to_string(source)) return source;
  }
  if (text == "landuse") return DemandSource::residential_landuse;
  if (text == "grid") return DemandSource::regular_grid;
  return std::nullopt;
}

std::optional<DemandSource> demand_source_of(DemandSourceChoice choice) {
  switch (choice) {
    case DemandSourceChoice::automatic:
      return std::nullopt;
    case DemandSourceChoice::insee_grid:
      return DemandSource::insee_grid;
    case DemandSourceChoice::buildings:
      return DemandSource::buildings;
    case DemandSourceChoice::landuse:
      return DemandSource::residential_landuse;
    case DemandSourceChoice::grid:
      return DemandSource::regular_grid;
  }
  return std::nullopt;
}

DemandModel build_demand(std::span<const Commune> communes, const PopulationSources& sources,
                         const DemandModelOptions& options) {
  if (!(options.grid_spacing_m > 0.0))
    throw std::invalid_argument("demand spacing must be positive");
  if (!(options.building_cell_m > 0.0)) {
    throw std::invalid_argument("building cell size must be positive");
  }
  const std::optional<DemandSource> named = demand_source_of(options.source);
  const bool automatic = !named;
  std::vector<DemandSource> order;
  if (automatic) {
    order.assign(kPreferenceOrder.begin(), kPreferenceOrder.end());
  } else {
    order = {*named};
    if (*named != DemandSource::regular_grid) order.push_back(DemandSource::regular_grid);
  }
  const auto uses = [&](DemandSource source) {
    return std::find(order.begin(), order.end(), source) != order.end();
  };
  for (const Commune& commune : communes) check_bands(commune);

  DemandModel model;
  model.source_by_commune.assign(communes.size(), DemandSource::regular_grid);
  model.bands_by_commune.reserve(communes.size());
  for (const Commune& commune : communes)
    model.bands_by_commune.push_back(commune.population_by_band);
  DemandBuilder builder(communes, sources, options,
                        uses(DemandSource::insee_grid) && !sources.grid_cells.empty(),
                        uses(DemandSource::buildings) && !sources.buildings.empty());
  std::vector<std::uint32_t> without_boundary;
  std::vector<std::uint32_t> on_fallback_grid;
  for (std::uint32_t c = 0; c < communes.size(); ++c) {
    if (!communes[c].boundary) {
      without_boundary.push_back(c);
      continue;
    }
    for (DemandSource source : order) {
      if (builder.place(source, c, model)) {
        model.source_by_commune[c] = source;
        break;
      }
    }
    if (model.source_by_commune[c] == DemandSource::regular_grid &&
        order.front() != DemandSource::regular_grid) {
      on_fallback_grid.push_back(c);
    }
  }

  const bool any_source = !sources.grid_cells.empty() || !sources.buildings.empty() ||
                          !sources.residential_areas.empty();
  if (!on_fallback_grid.empty() && (!automatic || any_source)) {
    const std::string what =
        automatic ? std::string(
                        "no population grid cell, residential building or residential "
                        "area")
                  : "no data from demand source '" + std::string(to_string(options.source)) + "'";
    model.warnings.push_back(what + " in " + std::to_string(on_fallback_grid.size()) +
                             " commune(s), their population spread on a regular grid instead: " +
                             names_of(communes, on_fallback_grid));
  }
  if (!model.communes_aged_by_grid.empty()) {
    model.warnings.push_back(
        "the age bands of " + std::to_string(model.communes_aged_by_grid.size()) +
        " commune(s), estimated from national shares, were taken from the population grid's own "
        "age structure instead (the grid knows the local ages better): " +
        names_of(communes, model.communes_aged_by_grid));
  }
  if (!without_boundary.empty()) {
    model.warnings.push_back(std::to_string(without_boundary.size()) +
                             " commune(s) without a boundary, their population not placed: " +
                             names_of(communes, without_boundary));
  }
  return model;
}

}  // namespace couverture
