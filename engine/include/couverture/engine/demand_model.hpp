#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/geodata/demand_point.hpp"
#include "couverture/geodata/demand_source_choice.hpp"
#include "couverture/geodata/population_sources.hpp"
#include "couverture/geodata/scenario_defaults.hpp"

namespace couverture {

// Where a commune's demand points come from, from the most to the least
// precise.
enum class DemandSource : std::uint8_t { insee_grid, buildings, residential_landuse, regular_grid };

// "insee_grid", "buildings", "residential_landuse", "regular_grid".
[[nodiscard]] std::string_view to_string(DemandSource source);
// The French label a planner reads: "carroyage INSEE", "bâtiments résidentiels"...
[[nodiscard]] std::string_view french_label(DemandSource source);
// Parses to_string() forms and the scenario's short forms "landuse" and
// "grid"; nullopt for anything else (including "auto").
[[nodiscard]] std::optional<DemandSource> parse_demand_source(std::string_view text);

// The source a scenario's choice names; nullopt for `automatic`.
[[nodiscard]] std::optional<DemandSource> demand_source_of(DemandSourceChoice choice);

struct DemandModelOptions {
  // automatic: per commune, the first source that has data inside it; or
  // one source to use only that one, communes it has no data in falling
  // back to the regular grid.
  DemandSourceChoice source = DemandSourceChoice::automatic;
  // The regular grid (residential land use uses half of it), and the square
  // cells buildings are gathered into.
  double grid_spacing_m = kDefaultDemandSpacingM;
  double building_cell_m = kDefaultBuildingCellM;
};

struct DemandModel {
  std::vector<DemandPoint> points;
  std::vector<DemandSource> source_by_commune;  // by commune index
  // The bands the points of each commune add up to: its population_by_band,
  // except for communes whose bands were estimated from shares and that the
  // population grid places: those take the grid cells' own age structure.
  std::vector<BandPopulation> bands_by_commune;
  std::vector<std::uint32_t> communes_aged_by_grid;  // those communes, by index
  std::vector<std::string> warnings;
};

// Places each commune's population, band by band, where people live:
// (a) insee_grid: one point per populated grid cell whose centre lies in the
//     commune, at that centre; each band shared in proportion to the cells'
//     count of that band (of their total when the band is absent from them);
// (b) buildings: buildings (by centroid) gathered into building_cell_m cells,
//     one point per cell at the area-weighted centroid, everyone shared in
//     proportion to footprint area;
// (c) residential_landuse: the residential areas inside the commune, grid
//     nodes grid_spacing_m / 2 apart inside them sharing everyone equally;
//     an area holding no node gets its point on surface, weighted by its
//     area in cells;
// (d) regular_grid: spread_demand_evenly's grid over the whole commune.
// Every person is counted once: per commune, the points' population and
// each band add up to the commune's population and bands_by_commune, and a
// point's population is the sum of its bands. A grid cell or building is
// counted in the first commune that covers its centre, or in none.
// Communes without a boundary get no point (and a warning).
// Throws std::invalid_argument for an unknown source, a non-positive
// spacing, or a commune whose bands do not add up to its population (call
// assign_age_bands first).
DemandModel build_demand(std::span<const Commune> communes, const PopulationSources& sources,
                         const DemandModelOptions& options);

}  // namespace couverture
