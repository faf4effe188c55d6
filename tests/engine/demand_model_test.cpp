#include "couverture/engine/demand_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

#include "couverture/engine/age_structure.hpp"

namespace couverture {
namespace {

std::string square_wkt(double lon0, double lat0, double width, double height) {
  const auto pair = [](double x, double y) { return std::to_string(x) + " " + std::to_string(y); };
  return "POLYGON((" + pair(lon0, lat0) + "," + pair(lon0 + width, lat0) + "," +
         pair(lon0 + width, lat0 + height) + "," + pair(lon0, lat0 + height) + "," +
         pair(lon0, lat0) + "))";
}

// A square commune whose bands are given (as an age table would).
Commune square_commune(const std::string& code, double lon0, double lat0, double size_deg,
                       const BandPopulation& bands) {
  Commune commune;
  commune.code = code;
  commune.name = "commune " + code;
  commune.population_by_band = bands;
  commune.population = total_of(bands);
  commune.bands_estimated = false;
  commune.boundary = geos_from_wkt(square_wkt(lon0, lat0, size_deg, size_deg));
  return commune;
}

PopulationCell cell_at(double lon, double lat, const BandPopulation& bands) {
  return {{lon, lat}, bands, total_of(bands)};
}

const DemandPoint* point_at(const DemandModel& model, LonLat position) {
  for (const DemandPoint& point : model.points) {
    if (std::abs(point.position.lon - position.lon) < 1e-9 &&
        std::abs(point.position.lat - position.lat) < 1e-9) {
      return &point;
    }
  }
  return nullptr;
}

void expect_bands(const BandPopulation& actual, const BandPopulation& expected, double tolerance) {
  for (std::size_t b = 0; b < kAgeBandCount; ++b) {
    EXPECT_NEAR(actual[b], expected[b], tolerance) << "band " << to_string(kAgeBands[b]);
  }
}

bool mentions(const std::vector<std::string>& warnings, const std::string& text) {
  for (const std::string& warning : warnings) {
    if (warning.find(text) != std::string::npos) return true;
  }
  return false;
}

// Every person counted once: per commune, the points' population and bands
// add up to the commune's population and bands_by_commune, and each point's
// population is the sum of its bands.
void expect_everyone_counted_once(std::span<const Commune> communes, const DemandModel& model) {
  ASSERT_EQ(model.bands_by_commune.size(), communes.size());
  std::vector<double> population(communes.size(), 0.0);
  std::vector<BandPopulation> bands(communes.size(), BandPopulation{});
  for (const DemandPoint& point : model.points) {
    ASSERT_LT(point.commune, communes.size());
    EXPECT_NEAR(point.population, total_of(point.by_band), 1e-9 * (1 + point.population));
    population[point.commune] += point.population;
    for (std::size_t b = 0; b < kAgeBandCount; ++b) bands[point.commune][b] += point.by_band[b];
  }
  for (std::size_t c = 0; c < communes.size(); ++c) {
    const double scale = std::max(1.0, communes[c].population);
    EXPECT_NEAR(population[c], communes[c].population, 1e-9 * scale) << communes[c].code;
    EXPECT_NEAR(total_of(model.bands_by_commune[c]), communes[c].population, 1e-9 * scale);
    for (std::size_t b = 0; b < kAgeBandCount; ++b) {
      EXPECT_NEAR(bands[c][b], model.bands_by_commune[c][b], 1e-9 * scale)
          << communes[c].code << " band " << b;
    }
  }
}

// Two communes side by side, 0.02° wide (about 1.5 × 2.2 km).
std::vector<Commune> two_communes() {
  std::vector<Commune> communes;
  communes.push_back(square_commune("A", 6.50, 48.00, 0.02, {40, 50, 90, 100, 736}));
  communes.push_back(square_commune("B", 6.52, 48.00, 0.02, {20, 20, 50, 60, 350}));
  return communes;
}

TEST(DemandModel, GridCellsShareEachBandByTheirOwnCounts) {
  const std::vector<Commune> communes = two_communes();
  PopulationSources sources;
  sources.grid_cells.push_back(cell_at(6.505, 48.005, {3, 2, 6, 0, 39}));      // c1 in A, 50
  sources.grid_cells.push_back(cell_at(6.515, 48.015, {1, 0, 4, 0, 145}));     // c2 in A, 150
  sources.grid_cells.push_back(cell_at(6.525, 48.010, {2, 2, 5, 6, 85}));      // c3 in B, 100
  sources.grid_cells.push_back(cell_at(6.510, 48.010, {0, 0, 0, 0, 0}));       // nobody: no point
  sources.grid_cells.push_back(cell_at(6.600, 48.010, {10, 10, 10, 10, 10}));  // outside both
  const DemandModel model = build_demand(communes, sources, {});
  ASSERT_EQ(model.points.size(), 3u);
  EXPECT_EQ(model.source_by_commune,
            (std::vector<DemandSource>{DemandSource::insee_grid, DemandSource::insee_grid}));
  // A = (40, 50, 90, 100, 736); the cells of A count (4, 2, 10, 0, 184) and
  // 200 people in all.
  //   0-2:   40 × 3/4 = 30 and 40 × 1/4 = 10
  //   3-5:   50 × 2/2 = 50 and 0
  //   6-11:  90 × 6/10 = 54 and 90 × 4/10 = 36
  //   12-17: nobody in A's cells: by total, 100 × 50/200 = 25 and 100 × 150/200 = 75
  //   adults: 736 × 39/184 = 156 and 736 × 145/184 = 580
  // c1 = 315 people, c2 = 701: 1016 = A's population.
  const DemandPoint* c1 = point_at(model, {6.505, 48.005});
  const DemandPoint* c2 = point_at(model, {6.515, 48.015});
  const DemandPoint* c3 = point_at(model, {6.525, 48.010});
  ASSERT_TRUE(c1 && c2 && c3);
  EXPECT_EQ(c1->commune, 0u);
  EXPECT_EQ(c3->commune, 1u);
  expect_bands(c1->by_band, {30, 50, 54, 25, 156}, 1e-9);
  expect_bands(c2->by_band, {10, 0, 36, 75, 580}, 1e-9);
  EXPECT_NEAR(c1->population, 315, 1e-9);
  EXPECT_NEAR(c2->population, 701, 1e-9);
  // B's only cell carries all of B.
  expect_bands(c3->by_band, {20, 20, 50, 60, 350}, 1e-9);
  EXPECT_NEAR(c3->population, 500, 1e-9);
  EXPECT_TRUE(model.communes_aged_by_grid.empty());
  EXPECT_TRUE(model.warnings.empty());
  expect_everyone_counted_once(communes, model);
}

TEST(DemandModel, EstimatedBandsGiveWayToTheGridsAgeStructure) {
  std::vector<Commune> communes = two_communes();
  communes[1].population_by_band = estimate_bands(500, default_band_shares());
  communes[1].bands_estimated = true;
  PopulationSources sources;
  sources.grid_cells.push_back(cell_at(6.525, 48.005, {2, 2, 5, 6, 35}));  // 50
  sources.grid_cells.push_back(cell_at(6.535, 48.015, {0, 0, 0, 0, 50}));  // 50
  const DemandModel model = build_demand(communes, sources, {});
  // B's cells count (2, 2, 5, 6, 85) of 100: B's 500 people become
  // (10, 10, 25, 30, 425), and each band goes where the grid counted it:
  // the first cell 10, 10, 25, 30, 425 × 35/85 = 175; the second 250.
  expect_bands(model.bands_by_commune[1], {10, 10, 25, 30, 425}, 1e-9);
  EXPECT_EQ(model.communes_aged_by_grid, std::vector<std::uint32_t>{1});
  EXPECT_TRUE(mentions(model.warnings, "B commune B"));
  const DemandPoint* first = point_at(model, {6.525, 48.005});
  const DemandPoint* second = point_at(model, {6.535, 48.015});
  ASSERT_TRUE(first && second);
  expect_bands(first->by_band, {10, 10, 25, 30, 175}, 1e-9);
  expect_bands(second->by_band, {0, 0, 0, 0, 250}, 1e-9);
  // A has no cell: the regular grid, with A's own bands.
  EXPECT_EQ(model.source_by_commune[0], DemandSource::regular_grid);
  expect_bands(model.bands_by_commune[0], communes[0].population_by_band, 0);
  expect_everyone_counted_once(communes, model);
}

TEST(DemandModel, BuildingsShareThePopulationByFootprintAreaPerCell) {
  std::vector<Commune> communes;
  communes.push_back(square_commune("A", 6.50, 48.00, 0.02, {30, 30, 60, 60, 420}));  // 600
  PopulationSources sources;
  // Two buildings in the commune's south-west 200 m cell (a cell is
  // 0.0018° of latitude, 0.0027° of longitude), one far from them.
  sources.buildings.push_back({{6.5001, 48.0001}, 100});
  sources.buildings.push_back({{6.5003, 48.0003}, 300});
  sources.buildings.push_back({{6.5101, 48.0101}, 200});
  sources.buildings.push_back({{6.5105, 48.0105}, 0});     // no footprint: ignored
  sources.buildings.push_back({{6.6000, 48.0100}, 5000});  // outside the commune
  const DemandModel model = build_demand(communes, sources, {});
  EXPECT_EQ(model.source_by_commune[0], DemandSource::buildings);
  ASSERT_EQ(model.points.size(), 2u);
  // 400 m² of 600 -> 2/3 of everyone, at the area-weighted centroid
  // (6.5001 × 100 + 6.5003 × 300) / 400 = 6.50025, and 48.00025 likewise.
  const DemandPoint* joined = point_at(model, {6.50025, 48.00025});
  const DemandPoint* alone = point_at(model, {6.5101, 48.0101});
  ASSERT_TRUE(joined && alone);
  EXPECT_NEAR(joined->population, 400, 1e-9);
  expect_bands(joined->by_band, {20, 20, 40, 40, 280}, 1e-9);
  EXPECT_NEAR(alone->population, 200, 1e-9);
  expect_bands(alone->by_band, {10, 10, 20, 20, 140}, 1e-9);
  expect_everyone_counted_once(communes, model);
}

TEST(DemandModel, SmallerBuildingCellsKeepNearbyBuildingsApart) {
  std::vector<Commune> communes;
  communes.push_back(square_commune("A", 6.50, 48.00, 0.02, {30, 30, 60, 60, 420}));
  PopulationSources sources;
  // 0.0002° of latitude apart (22 m): one 200 m cell, two 10 m cells.
  sources.buildings.push_back({{6.5001, 48.0001}, 100});
  sources.buildings.push_back({{6.5001, 48.0003}, 300});
  DemandModelOptions options;
  EXPECT_EQ(build_demand(communes, sources, options).points.size(), 1u);
  options.building_cell_m = 10;
  const DemandModel fine = build_demand(communes, sources, options);
  ASSERT_EQ(fine.points.size(), 2u);
  // 100 and 300 m² of 400: 150 and 450 of 600 people.
  EXPECT_NEAR(point_at(fine, {6.5001, 48.0001})->population, 150, 1e-9);
  EXPECT_NEAR(point_at(fine, {6.5001, 48.0003})->population, 450, 1e-9);
}

// The 200 m frame over commune A of two_communes(), as documented in
// GridFrame: steps on the mean sphere at the middle latitude 48.01°.
struct HalfGrid {
  double step_lat = 200.0 / (6371008.8 * std::numbers::pi / 180.0);
  double step_lon = step_lat / std::cos(48.01 * std::numbers::pi / 180.0);
};

TEST(DemandModel, ResidentialLandUseHoldsEveryPointAndSharesEqually) {
  const std::vector<Commune> communes = two_communes();
  PopulationSources sources;
  // The west half of A, overflowing the commune on three sides, drawn twice
  // (overlapping OSM polygons must not count the ground twice).
  sources.residential_areas.push_back(geos_from_wkt(square_wkt(6.49, 47.99, 0.02, 0.04)));
  sources.residential_areas.push_back(geos_from_wkt(square_wkt(6.495, 47.995, 0.015, 0.03)));
  const DemandModel model = build_demand(communes, sources, {});
  EXPECT_EQ(model.source_by_commune[0], DemandSource::residential_landuse);
  // The residential area overlaps B only along their common edge: B has no
  // residential land, it falls back to the grid.
  EXPECT_EQ(model.source_by_commune[1], DemandSource::regular_grid);
  EXPECT_TRUE(mentions(model.warnings, "B commune B"));
  // Nodes 200 m apart in 6.50–6.51 × 48.00–48.02: lon 6.50 + (i + ½) ×
  // 0.0026889 < 6.51 for i = 0..3, lat 48 + (j + ½) × 0.0017986 < 48.02 for
  // j = 0..10: 4 × 11 = 44 points of 1016 / 44 people each.
  const HalfGrid grid;
  int columns = 0;
  while (6.50 + (columns + 0.5) * grid.step_lon < 6.51) ++columns;
  int rows = 0;
  while (48.00 + (rows + 0.5) * grid.step_lat < 48.02) ++rows;
  EXPECT_EQ(columns * rows, 44);
  std::size_t in_a = 0;
  for (const DemandPoint& point : model.points) {
    if (point.commune != 0) continue;
    ++in_a;
    EXPECT_GT(point.position.lon, 6.50);
    EXPECT_LT(point.position.lon, 6.51);
    EXPECT_GT(point.position.lat, 48.00);
    EXPECT_LT(point.position.lat, 48.02);
    EXPECT_NEAR(point.population, 1016.0 / 44, 1e-9);
    EXPECT_NEAR(point.by_band[4], 736.0 / 44, 1e-9);
  }
  EXPECT_EQ(in_a, 44u);
  expect_everyone_counted_once(communes, model);
}

TEST(DemandModel, AResidentialAreaTooSmallForANodeWeighsItsAreaInCells) {
  const std::vector<Commune> communes = two_communes();
  const HalfGrid grid;
  PopulationSources sources;
  sources.residential_areas.push_back(geos_from_wkt(square_wkt(6.49, 47.99, 0.02, 0.04)));
  // 0.0002° square centred on a cell corner of the east half: at least half
  // a step (about 100 m) from every node.
  const double corner_lon = 6.50 + 6 * grid.step_lon;
  const double corner_lat = 48.00 + 5 * grid.step_lat;
  sources.residential_areas.push_back(
      geos_from_wkt(square_wkt(corner_lon - 0.0001, corner_lat - 0.0001, 0.0002, 0.0002)));
  const DemandModel model = build_demand(communes, sources, {});
  // 44 nodes weigh 1 each; the small square weighs its area in cells,
  // w = 0.0002² / (step_lon × step_lat) ≈ 0.0083, and gets 1016 w / (44 + w).
  const double w = 0.0002 * 0.0002 / (grid.step_lon * grid.step_lat);
  std::size_t in_a = 0;
  const DemandPoint* small = nullptr;
  for (const DemandPoint& point : model.points) {
    if (point.commune != 0) continue;
    ++in_a;
    if (point.position.lon > 6.51) {
      small = &point;
    } else {
      EXPECT_NEAR(point.population, 1016.0 / (44 + w), 1e-9);
    }
  }
  EXPECT_EQ(in_a, 45u);
  ASSERT_NE(small, nullptr);
  EXPECT_NEAR(small->population, 1016.0 * w / (44 + w), 1e-9);
  EXPECT_NEAR(small->position.lon, corner_lon, 0.0001);
  EXPECT_NEAR(small->position.lat, corner_lat, 0.0001);
  expect_everyone_counted_once(communes, model);
}

TEST(DemandModel, AutoTakesThePreferredSourceThatHasDataInEachCommune) {
  std::vector<Commune> communes = two_communes();
  communes.push_back(square_commune("C", 6.50, 48.02, 0.02, {1, 2, 3, 4, 90}));
  communes.push_back(square_commune("D", 6.52, 48.02, 0.02, {2, 2, 2, 2, 92}));
  PopulationSources sources;
  sources.grid_cells.push_back(cell_at(6.505, 48.005, {3, 2, 6, 1, 39}));  // A
  sources.buildings.push_back({{6.506, 48.006}, 120});                     // A, unused
  sources.buildings.push_back({{6.525, 48.005}, 80});                      // B
  sources.residential_areas.push_back(geos_from_wkt(square_wkt(6.505, 48.025, 0.01, 0.01)));
  sources.residential_areas.push_back(geos_from_wkt(square_wkt(6.521, 48.001, 0.005, 0.005)));
  // C: residential land only; D: nothing at all.
  const DemandModel model = build_demand(communes, sources, {});
  EXPECT_EQ(
      model.source_by_commune,
      (std::vector<DemandSource>{DemandSource::insee_grid, DemandSource::buildings,
                                 DemandSource::residential_landuse, DemandSource::regular_grid}));
  ASSERT_EQ(model.warnings.size(), 1u);
  EXPECT_TRUE(mentions(model.warnings, "D commune D"));
  EXPECT_FALSE(mentions(model.warnings, "A commune A"));
  // A's only cell carries all of A; B's only building all of B.
  EXPECT_NEAR(point_at(model, {6.505, 48.005})->population, 1016, 1e-9);
  EXPECT_NEAR(point_at(model, {6.525, 48.005})->population, 500, 1e-9);
  expect_everyone_counted_once(communes, model);
}

TEST(DemandModel, ANamedSourceFallsBackToTheGridWhereItHasNoData) {
  std::vector<Commune> communes = two_communes();
  PopulationSources sources;
  sources.grid_cells.push_back(cell_at(6.505, 48.005, {3, 2, 6, 1, 39}));  // A
  sources.grid_cells.push_back(cell_at(6.525, 48.005, {3, 2, 6, 1, 39}));  // B
  sources.buildings.push_back({{6.506, 48.006}, 120});                     // A
  DemandModelOptions options;
  options.source = DemandSourceChoice::buildings;
  const DemandModel model = build_demand(communes, sources, options);
  EXPECT_EQ(model.source_by_commune,
            (std::vector<DemandSource>{DemandSource::buildings, DemandSource::regular_grid}));
  EXPECT_TRUE(mentions(model.warnings, "'buildings'"));
  EXPECT_TRUE(mentions(model.warnings, "B commune B"));
  EXPECT_NEAR(point_at(model, {6.506, 48.006})->population, 1016, 1e-9);
  expect_everyone_counted_once(communes, model);

  options.source = DemandSourceChoice::grid;  // the scenario's short name for regular_grid
  const DemandModel even = build_demand(communes, sources, options);
  EXPECT_EQ(even.source_by_commune,
            (std::vector<DemandSource>{DemandSource::regular_grid, DemandSource::regular_grid}));
  EXPECT_TRUE(even.warnings.empty());
  expect_everyone_counted_once(communes, even);
}

TEST(DemandModel, ACellOnTheBorderOfTwoCommunesIsCountedOnce) {
  const std::vector<Commune> communes = two_communes();
  PopulationSources sources;
  sources.grid_cells.push_back(cell_at(6.52, 48.01, {1, 1, 1, 1, 6}));  // on the A|B edge
  const DemandModel model = build_demand(communes, sources, {});
  std::size_t at_edge = 0;
  for (const DemandPoint& point : model.points) {
    if (point.position == LonLat{6.52, 48.01}) ++at_edge;
  }
  EXPECT_EQ(at_edge, 1u);
  expect_everyone_counted_once(communes, model);
}

TEST(DemandModel, ACommuneWithoutBoundaryGetsNoPointAndAWarning) {
  std::vector<Commune> communes = two_communes();
  communes[1].boundary.reset();
  const DemandModel model = build_demand(communes, {}, {});
  for (const DemandPoint& point : model.points) EXPECT_EQ(point.commune, 0u);
  EXPECT_FALSE(model.points.empty());
  EXPECT_TRUE(mentions(model.warnings, "without a boundary"));
  EXPECT_TRUE(mentions(model.warnings, "B commune B"));
}

TEST(DemandModel, EachScenarioChoiceNamesItsSourceAndAutoNone) {
  EXPECT_EQ(demand_source_of(DemandSourceChoice::automatic), std::nullopt);
  EXPECT_EQ(demand_source_of(DemandSourceChoice::insee_grid), DemandSource::insee_grid);
  EXPECT_EQ(demand_source_of(DemandSourceChoice::buildings), DemandSource::buildings);
  EXPECT_EQ(demand_source_of(DemandSourceChoice::landuse), DemandSource::residential_landuse);
  EXPECT_EQ(demand_source_of(DemandSourceChoice::grid), DemandSource::regular_grid);
}

TEST(DemandModel, RejectsBadOptionsAndBandsThatMissThePopulation) {
  const std::vector<Commune> communes = two_communes();
  DemandModelOptions options;
  options.grid_spacing_m = 0;
  EXPECT_THROW((void)build_demand(communes, {}, options), std::invalid_argument);
  options = {};
  options.building_cell_m = -1;
  EXPECT_THROW((void)build_demand(communes, {}, options), std::invalid_argument);

  std::vector<Commune> unassigned = two_communes();
  unassigned[0].population_by_band = {};  // assign_age_bands was not called
  EXPECT_THROW((void)build_demand(unassigned, {}, {}), std::invalid_argument);
}

TEST(DemandSource, NamesLabelsAndParsing) {
  const std::pair<DemandSource, const char*> names[] = {
      {DemandSource::insee_grid, "insee_grid"},
      {DemandSource::buildings, "buildings"},
      {DemandSource::residential_landuse, "residential_landuse"},
      {DemandSource::regular_grid, "regular_grid"}};
  for (const auto& [source, name] : names) {
    EXPECT_EQ(to_string(source), name);
    EXPECT_EQ(parse_demand_source(name), source);
    EXPECT_FALSE(french_label(source).empty());
  }
  EXPECT_EQ(french_label(DemandSource::insee_grid), "carroyage INSEE");
  EXPECT_EQ(french_label(DemandSource::regular_grid), "grille régulière");
  EXPECT_EQ(parse_demand_source("landuse"), DemandSource::residential_landuse);
  EXPECT_EQ(parse_demand_source("grid"), DemandSource::regular_grid);
  EXPECT_EQ(parse_demand_source("auto"), std::nullopt);
  EXPECT_EQ(parse_demand_source("Buildings"), std::nullopt);
}

// Random cells, buildings and residential areas over three communes (and
// around them), ages from a table for two and estimated for the third:
// whatever the source, everyone is counted once; the grid's shares are also
// checked against a naive formulation (plain, unprepared GEOS tests).
TEST(DemandModel, EveryoneIsCountedOnceOnRandomInputs) {
  std::mt19937 random(20260401);
  std::uniform_real_distribution<double> lon(6.49, 6.55);
  std::uniform_real_distribution<double> lat(47.99, 48.05);
  std::uniform_int_distribution<int> count(0, 20);
  std::uniform_real_distribution<double> area(20, 500);
  for (int round = 0; round < 5; ++round) {
    std::vector<Commune> communes = two_communes();
    communes.push_back(square_commune("C", 6.50, 48.02, 0.02, {}));
    communes[0].population = 1234;
    communes[1].population = 87;
    communes[2].population = 555;
    const std::map<std::string, BandPopulation> table = {{"A", {30, 40, 70, 60, 800}},
                                                         {"B", {5, 0, 7, 3, 70}}};
    std::vector<std::string> warnings;
    (void)assign_age_bands(communes, &table, default_band_shares(), warnings);

    PopulationSources sources;
    for (int i = 0; i < 40; ++i) {
      BandPopulation bands{};
      for (double& band : bands) band = count(random) < 6 ? 0 : count(random);
      sources.grid_cells.push_back(cell_at(lon(random), lat(random), bands));
    }
    for (int i = 0; i < 300; ++i)
      sources.buildings.push_back({{lon(random), lat(random)}, area(random)});
    for (int i = 0; i < 3; ++i) {
      sources.residential_areas.push_back(
          geos_from_wkt(square_wkt(lon(random), lat(random), 0.004, 0.003)));
    }
    for (const auto& [source, name] : kDemandSourceChoiceNames) {
      SCOPED_TRACE(std::string(name) + ", round " + std::to_string(round));
      DemandModelOptions options;
      options.source = source;
      const DemandModel model = build_demand(communes, sources, options);
      expect_everyone_counted_once(communes, model);
      for (const DemandPoint& point : model.points) {
        const GeosGeometry p = geos_point(point.position.lon, point.position.lat);
        EXPECT_EQ(GEOSIntersects_r(geos_context(), communes[point.commune].boundary.get(), p.get()),
                  1);
      }
      if (source != DemandSourceChoice::insee_grid) continue;
      // Naive grid shares: the first commune intersecting the centre, then
      // bands × the cell's count / the commune's cells' count (by total when
      // the band is absent from them).
      std::vector<BandPopulation> sums(3, BandPopulation{});
      std::vector<double> totals(3, 0.0);
      std::vector<int> owner(sources.grid_cells.size(), -1);
      for (std::size_t i = 0; i < sources.grid_cells.size(); ++i) {
        const PopulationCell& cell = sources.grid_cells[i];
        if (cell.total == 0) continue;
        const GeosGeometry p = geos_point(cell.centre.lon, cell.centre.lat);
        for (int c = 0; c < 3; ++c) {
          if (GEOSIntersects_r(geos_context(), communes[c].boundary.get(), p.get()) == 1) {
            owner[i] = c;
            break;
          }
        }
        if (owner[i] < 0) continue;
        totals[owner[i]] += cell.total;
        for (std::size_t b = 0; b < kAgeBandCount; ++b) sums[owner[i]][b] += cell.by_band[b];
      }
      std::size_t expected_points = 0;
      for (std::size_t i = 0; i < sources.grid_cells.size(); ++i) {
        if (owner[i] < 0) continue;
        ++expected_points;
        const PopulationCell& cell = sources.grid_cells[i];
        const BandPopulation& bands = model.bands_by_commune[owner[i]];
        const DemandPoint* point = point_at(model, cell.centre);
        ASSERT_NE(point, nullptr);
        for (std::size_t b = 0; b < kAgeBandCount; ++b) {
          const double expected = sums[owner[i]][b] > 0
                                      ? bands[b] * cell.by_band[b] / sums[owner[i]][b]
                                      : bands[b] * cell.total / totals[owner[i]];
          EXPECT_NEAR(point->by_band[b], expected, 1e-9);
        }
      }
      // Communes holding no cell are on the regular grid; the others have
      // exactly one point per populated cell.
      std::size_t grid_points = 0;
      for (const DemandPoint& point : model.points) {
        if (model.source_by_commune[point.commune] == DemandSource::insee_grid) ++grid_points;
      }
      EXPECT_EQ(grid_points, expected_points);
      // C's bands were estimated: when it holds aged cells, it takes their structure.
      if (total_of(sums[2]) > 0) {
        for (std::size_t b = 0; b < kAgeBandCount; ++b) {
          EXPECT_NEAR(model.bands_by_commune[2][b], 555 * sums[2][b] / total_of(sums[2]), 1e-9);
        }
      }
    }
  }
}

}  // namespace
}  // namespace couverture
