#include "couverture/engine/isochrone_analysis.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <queue>
#include <random>
#include <vector>

#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/geodata/geos_operations.hpp"
#include "surface_test_network.hpp"

namespace couverture {
namespace {

using namespace surface_test;

// A scene: a run's inputs around one network: facilities and demand points snapped
// as the coverage analysis snaps them, nearest-facility times per service.
struct Scene {
  RoadGraph graph;
  std::vector<Commune> communes;
  std::vector<Facility> facilities;
  std::vector<NetworkPosition> facility_positions;
  std::vector<DemandPoint> demand;
  std::vector<NetworkPosition> demand_positions;
  std::vector<ServiceCoverage> services;

  void add_facility(GridXY at) {
    Facility f;
    f.id = "f" + std::to_string(facilities.size());
    f.service_type = "eaje";
    f.position = lonlat(at);
    facilities.push_back(f);
  }
  void add_demand(GridXY at, double people) {
    DemandPoint d;
    d.position = lonlat(at);
    d.population = people;
    demand.push_back(d);
  }
  IsochroneInputs inputs(TravelDirection direction = TravelDirection::to_facility) {
    const NetworkSnapper snapper(graph);
    facility_positions.clear();
    demand_positions.clear();
    for (const Facility& f : facilities) facility_positions.push_back(snapper.snap(f.position));
    for (const DemandPoint& d : demand) demand_positions.push_back(snapper.snap(d.position));
    NearestFacilityTimes times(graph, kWalkMps, direction);
    ServiceCoverage service;
    service.service_type = "eaje";
    for (std::uint32_t f = 0; f < facilities.size(); ++f) service.facilities.push_back(f);
    for (const NearestFacility& n : times.compute(facility_positions, demand_positions)) {
      service.demand_minutes.push_back(n.seconds / 60.0);
    }
    services = {service};
    IsochroneInputs in;
    in.roads = &graph;
    in.communes = communes;
    in.facilities = facilities;
    in.facility_positions = facility_positions;
    in.demand = demand;
    in.demand_positions = demand_positions;
    in.services = services;
    in.crs = kCrs;
    return in;
  }
};

IsochroneParameters parameters(std::vector<double> minutes, double cell_m, double max_offroad_m,
                               TravelDirection direction = TravelDirection::to_facility) {
  IsochroneParameters p;
  p.thresholds_minutes = std::move(minutes);
  p.cell_m = cell_m;
  p.max_offroad_m = max_offroad_m;
  p.network.access_speed_kmh = kWalkMps * 3.6;
  p.network.direction = direction;
  return p;
}

struct Extent {
  double min_x, min_y, max_x, max_y;
};

// The polygon's envelope, in metres from origin().
Extent extent(const GeosGeometry& g) {
  const GridXY o = origin();
  Extent e{};
  GEOSGeom_getXMin_r(geos_context(), g.get(), &e.min_x);
  GEOSGeom_getYMin_r(geos_context(), g.get(), &e.min_y);
  GEOSGeom_getXMax_r(geos_context(), g.get(), &e.max_x);
  GEOSGeom_getYMax_r(geos_context(), g.get(), &e.max_y);
  return {e.min_x - o.x, e.min_y - o.y, e.max_x - o.x, e.max_y - o.y};
}

bool holds(const GeosGeometry& polygon, GridXY p) {
  const GridXY o = origin();
  return geos_covers(*polygon, *geos_point(o.x + p.x, o.y + p.y));
}

// A straight two-way road along y = 0 from x = -3000 to 3000 (a node every
// 1000 m, 72 s each), a facility on it at x = 0.
Scene straight_road() {
  Scene run;
  std::vector<GridXY> xy;
  std::vector<Road> roads;
  for (int k = 0; k <= 6; ++k) {
    xy.push_back({-3000.0 + 1000.0 * k, 0.0});
    if (k > 0) roads.push_back({static_cast<NodeId>(k - 1), static_cast<NodeId>(k)});
  }
  run.graph = network(xy, roads);
  run.communes.push_back(commune(-3500, -1000, 3500, 1000));
  run.add_facility({0.0, 0.0});
  return run;
}

// The time of a place (x, y) beside the road, by hand: |x| / v along the
// road plus |y| / w of walk. Cell centres lie 5 m off the road at best
// (10 m cells aligned on the road), so along the road the surface reads
// 4 s of walk: the 2-minute area ends where |x| / v = 116 s, at 1611.1 m,
// and is 2 × 149.55 m wide at x = ±5 m (119.64 s of walk). Its area is the
// rhombus |x| / v + |y| / w <= 120 s (2 × 1666.67 × 150 = 500,000 m²) less
// the two tips of the rhombus beyond 1611.1 m (10 m × 55.6 m / 2 each).
TEST(IsochroneAnalysis, StraightRoadGivesTheHandWorkedArea) {
  Scene run = straight_road();
  const IsochroneOutcome outcome = analyse_isochrones(run.inputs(), parameters({2.0}, 10.0, 500.0));
  ASSERT_EQ(outcome.per_facility.size(), 1u);
  const IsochroneFeature& band = outcome.per_facility[0];
  const Extent e = extent(band.area);
  EXPECT_NEAR(e.max_x, 1611.1, 10.0);
  EXPECT_NEAR(e.min_x, -1611.1, 10.0);
  EXPECT_NEAR(e.max_y, 149.55, 1.0);
  EXPECT_NEAR(e.min_y, -149.55, 1.0);
  EXPECT_NEAR(band.area_km2 * 1e6, 500000.0 - 2.0 * 277.8, 0.003 * 500000.0);
  EXPECT_TRUE(band.quality.guarantees_hold());
  EXPECT_TRUE(band.quality.valid);
  // The service's surface (one facility) gives the same polygon.
  ASSERT_EQ(outcome.by_service.size(), 1u);
  EXPECT_NEAR(outcome.by_service[0].area_km2, band.area_km2, 1e-9);
}

// A river 300 m wide between two roads (y = 0 and y = 300, x = 0 to 3000),
// one bridge at x = 3000; the facility at (0, 0). Within 4 minutes (240 s)
// a walker could cover 300 m, but a place north of the river's middle is
// nearest the north road, whose nearest point at x = 500 is 5500 m of road
// away (396 s): the far bank is not swallowed.
TEST(IsochroneAnalysis, FarBankOfARiverWithOneBridgeIsNotSwallowed) {
  Scene run;
  run.graph = network(
      {{0, 0}, {1000, 0}, {2000, 0}, {3000, 0}, {0, 300}, {1000, 300}, {2000, 300}, {3000, 300}},
      {{0, 1}, {1, 2}, {2, 3}, {3, 7}, {4, 5}, {5, 6}, {6, 7}});
  run.communes.push_back(commune(-500, -500, 3500, 800));
  run.add_facility({0.0, 0.0});
  const IsochroneOutcome outcome = analyse_isochrones(run.inputs(), parameters({4.0}, 10.0, 500.0));
  const IsochroneFeature& band = outcome.per_facility[0];
  EXPECT_TRUE(holds(band.area, {500.0, 120.0}));   // 36 s + 96 s of walk
  EXPECT_FALSE(holds(band.area, {500.0, 200.0}));  // nearest the north road
  // Nothing north of the river's middle (to a cell) away from the bridge;
  // on the bridge, 150 m north of the south road, 216 + 10.8 s + 8 s of walk.
  for (double x = 0.0; x <= 2500.0; x += 50.0) {
    EXPECT_FALSE(holds(band.area, {x, 160.0})) << "x = " << x;
    EXPECT_FALSE(holds(band.area, {x, 300.0})) << "x = " << x;
  }
  EXPECT_TRUE(holds(band.area, {2990.0, 150.0}));
  EXPECT_TRUE(band.quality.guarantees_hold());
  EXPECT_EQ(band.quality.far_points_inside, 0u);
}

// A one-way loop: A (0, 0) -> B (1000, 0) -> C (1000, 1000) -> D (0, 1000)
// -> A, 72 s per side; the facility at A. The cell centred at (970, 10)
// joins the road A-B at x = 970, 10 m off it (8 s of walk). By hand:
// from A it is 0.97 × 72 s + 8 s = 77.84 s; to A it must go on to B
// (2.16 s) and round by C and D (216 s): 226.16 s.
TEST(IsochroneAnalysis, OneWayLoopSurfacesDifferInAndOut) {
  const RoadGraph graph = network({{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}},
                                  {{0, 1, false}, {1, 2, false}, {2, 3, false}, {3, 0, false}});
  const GridXY o = origin();
  const RasterGrid grid = grid_covering(o.x - 200, o.y - 200, o.x + 1200, o.y + 1200, 20.0, kCrs);
  const CrsTransformation l93(kCrs);
  const SurfaceCells cells = place_surface_cells(graph, grid, l93, 500.0);
  const NetworkSnapper snapper(graph);
  const std::vector<NetworkPosition> facility{snapper.snap(lonlat({0.0, 0.0}))};
  const auto cell_at = [&](double x, double y) {
    const auto column = static_cast<std::size_t>((o.x + x - grid.min_x) / grid.cell_m);
    const auto row = static_cast<std::size_t>((grid.max_y - (o.y + y)) / grid.cell_m);
    return row * grid.columns + column;
  };
  NearestFacilityTimes out(graph, kWalkMps, TravelDirection::from_facility);
  NearestFacilityTimes in(graph, kWalkMps, TravelDirection::to_facility);
  const std::vector<float> from_a = nearest_facility_surface(out, facility, cells);
  const std::vector<float> to_a = nearest_facility_surface(in, facility, cells);
  EXPECT_NEAR(from_a[cell_at(970, 10)], 77.84 / 60.0, 0.002);
  EXPECT_NEAR(to_a[cell_at(970, 10)], 226.16 / 60.0, 0.002);
  // Symmetrically on the side D -> A (x = 10, y = 970: 30 m after D): on
  // into A, 0.97 × 72 s + 8 s; out of A by B, C and D, 216 s + 2.16 s + 8 s.
  EXPECT_NEAR(to_a[cell_at(10, 970)], 77.84 / 60.0, 0.002);
  EXPECT_NEAR(from_a[cell_at(10, 970)], 226.16 / 60.0, 0.002);
}

// Cells farther than max_offroad_m from every road have no time, and the
// people living there are reported, not drawn.
TEST(IsochroneAnalysis, PlacesBeyondTheOffroadLimitHaveNoTime) {
  Scene run = straight_road();
  run.add_demand({0.0, 600.0}, 40.0);   // 600 m from the road
  run.add_demand({100.0, 50.0}, 25.0);  // near the facility
  const IsochroneOutcome outcome = analyse_isochrones(run.inputs(), parameters({2.0}, 50.0, 200.0));
  EXPECT_EQ(outcome.demand_points_off_surface, 1u);
  EXPECT_DOUBLE_EQ(outcome.population_off_surface, 40.0);
  ASSERT_EQ(outcome.surfaces.size(), 1u);
  const RasterGrid& grid = outcome.grid;
  const GridXY o = origin();
  const auto value_at = [&](double x, double y) {
    const auto column = static_cast<std::size_t>((o.x + x - grid.min_x) / grid.cell_m);
    const auto row = static_cast<std::size_t>((grid.max_y - (o.y + y)) / grid.cell_m);
    return outcome.surfaces[0].minutes[row * grid.columns + column];
  };
  EXPECT_EQ(value_at(10, 610), kNoSurfaceValue);
  EXPECT_EQ(value_at(10, 260), kNoSurfaceValue);  // centre 275 m off the road
  EXPECT_NE(value_at(10, 160), kNoSurfaceValue);  // centre 175 m off
  const IsochroneFeature& band = outcome.per_facility[0];
  EXPECT_EQ(band.quality.demand_points_checked, 1u);  // the one on the surface
  EXPECT_DOUBLE_EQ(band.population, 25.0);
  EXPECT_DOUBLE_EQ(band.population_reached, 25.0);  // 7.2 s + 40 s of walk
}

// Rings are the bands less the previous band: disjoint, and adding up.
TEST(IsochroneAnalysis, RingsComeFromTheSameLevelsAsBands) {
  Scene run = straight_road();
  IsochroneParameters p = parameters({1.0, 2.0, 3.0}, 20.0, 500.0);
  const IsochroneOutcome bands = analyse_isochrones(run.inputs(), p);
  p.form = ContourForm::rings;
  const IsochroneOutcome rings = analyse_isochrones(run.inputs(), p);
  ASSERT_EQ(rings.per_facility.size(), 3u);
  double sum = 0.0;
  for (std::size_t k = 0; k < 3; ++k) {
    sum += rings.per_facility[k].area_km2;
    EXPECT_NEAR(sum, bands.per_facility[k].area_km2, 1e-6);
    EXPECT_DOUBLE_EQ(rings.per_facility[k].from_minutes, k == 0 ? 0.0 : static_cast<double>(k));
  }
  const GeosGeometry overlap =
      geos_difference(*rings.per_facility[1].area, *rings.per_facility[0].area);
  EXPECT_NEAR(geos_area(*overlap), geos_area(*rings.per_facility[1].area), 1e-3);
}

// The reference: a plain Dijkstra written here (binary heap over the
// graph's arcs, towards the facility's node), and the point's time as the
// walk to its road plus the cheaper way to an end of its segment.
std::vector<double> reference_seconds_to(const RoadGraph& graph, NodeId target) {
  std::vector<double> seconds(graph.node_count(), std::numeric_limits<double>::infinity());
  using Item = std::pair<double, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  seconds[target] = 0.0;
  heap.push({0.0, target});
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (d > seconds[v]) continue;
    for (NodeId u = 0; u < graph.node_count(); ++u) {  // arcs u -> v, by brute force
      const ArcId arc = graph.find_arc(u, v);
      if (arc == kInvalidId) continue;
      const double through = d + graph.graph.weight[arc] / 1000.0;
      if (through < seconds[u]) {
        seconds[u] = through;
        heap.push({through, u});
      }
    }
  }
  return seconds;
}

TEST(IsochroneAnalysis, SurfaceValueIsThePointPipelineTimeAtRandomPlaces) {
  // A 5 × 5 two-way grid of streets 500 m apart with random travel times
  // (20 to 80 s per block); the facility on node 12, the middle one.
  std::mt19937 random(7);
  std::vector<GridXY> xy;
  std::vector<ArcTriple> arcs;
  for (int r = 0; r < 5; ++r) {
    for (int c = 0; c < 5; ++c) xy.push_back({500.0 * c, 500.0 * r});
  }
  std::uniform_int_distribution<Millis> block(20000, 80000);
  const auto link = [&](NodeId a, NodeId b) {
    const Millis ms = block(random);
    arcs.push_back({a, b, ms});
    arcs.push_back({b, a, block(random)});
  };
  for (NodeId r = 0; r < 5; ++r) {
    for (NodeId c = 0; c < 5; ++c) {
      if (c < 4) link(r * 5 + c, r * 5 + c + 1);
      if (r < 4) link(r * 5 + c, (r + 1) * 5 + c);
    }
  }
  RoadGraph graph;
  graph.profile = "car";
  for (const GridXY& p : xy) graph.node_position.push_back(lonlat(p));
  std::vector<ArcId> order;
  graph.graph = build_csr_graph(xy.size(), arcs, &order);
  for (const ArcId input : order) {
    const ArcTriple& a = arcs[input];
    graph.arc_length_m.push_back(
        static_cast<float>(std::hypot(xy[a.head].x - xy[a.tail].x, xy[a.head].y - xy[a.tail].y)));
  }
  const GridXY o = origin();
  const RasterGrid grid = grid_covering(o.x - 300, o.y - 300, o.x + 2300, o.y + 2300, 25.0, kCrs);
  const CrsTransformation l93(kCrs);
  const SurfaceCells cells = place_surface_cells(graph, grid, l93, 1000.0);
  const NetworkSnapper snapper(graph);
  const std::vector<NetworkPosition> facility{snapper.snap(graph.node_position[12])};
  NearestFacilityTimes times(graph, kWalkMps, TravelDirection::to_facility);
  const std::vector<float> surface = nearest_facility_surface(times, facility, cells);
  const std::vector<double> to_facility = reference_seconds_to(graph, 12);
  std::uniform_int_distribution<std::size_t> pick(0, cells.placed_count() - 1);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t p = pick(random);
    const NetworkPosition& at = cells.positions[p];
    // Leave the segment by its `to` end (forward arc) or its `from` end.
    double best = std::numeric_limits<double>::infinity();
    if (at.forward_arc != kInvalidId) {
      best = std::min(best, (1.0 - at.fraction) * graph.graph.weight[at.forward_arc] / 1000.0 +
                                to_facility[at.to]);
    }
    if (at.backward_arc != kInvalidId) {
      best = std::min(
          best, at.fraction * graph.graph.weight[at.backward_arc] / 1000.0 + to_facility[at.from]);
    }
    const double expected = (best + at.distance_m / kWalkMps) / 60.0;
    EXPECT_NEAR(surface[cells.cell[p]], expected, 2e-4) << "placed cell " << p;
  }
}

TEST(IsochroneAnalysis, RejectsBadParameters) {
  Scene run = straight_road();
  EXPECT_THROW(analyse_isochrones(run.inputs(), parameters({}, 50.0, 500.0)),
               std::invalid_argument);
  EXPECT_THROW(analyse_isochrones(run.inputs(), parameters({10.0, 5.0}, 50.0, 500.0)),
               std::invalid_argument);
  EXPECT_THROW(
      analyse_isochrones(run.inputs(),
                         parameters({std::numeric_limits<double>::infinity()}, 50.0, 500.0)),
      std::invalid_argument);
  EXPECT_THROW(analyse_isochrones(run.inputs(), parameters({5.0}, 0.0, 500.0)),
               std::invalid_argument);
  // One day is the longest threshold: beyond it the surfaces' "never
  // reached" (a week) and the searches' 32-bit millisecond limits near.
  EXPECT_THROW(analyse_isochrones(run.inputs(), parameters({5.0, 1440.5}, 50.0, 500.0)),
               std::invalid_argument);
  EXPECT_THROW(analyse_isochrones(run.inputs(), parameters({71583.0}, 50.0, 500.0)),
               std::invalid_argument);
  EXPECT_NO_THROW(analyse_isochrones(run.inputs(), parameters({5.0, 1440.0}, 50.0, 500.0)));
  IsochroneInputs geographic = run.inputs();
  geographic.crs = "EPSG:4326";
  EXPECT_THROW(analyse_isochrones(geographic, parameters({5.0}, 50.0, 500.0)),
               std::invalid_argument);
  IsochroneParameters huge = parameters({5.0}, 50.0, 500.0);
  huge.max_cells = 100;
  EXPECT_THROW(analyse_isochrones(run.inputs(), huge), std::invalid_argument);
}

}  // namespace
}  // namespace couverture
