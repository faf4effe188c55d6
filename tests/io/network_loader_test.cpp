#include "couverture/io/network_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <numeric>
#include <utility>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/elevation_reader.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "couverture/io/road_graph_file.hpp"
#include "dem_fixture.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// Tobler's walking speed in km/h.
double tobler_kmh(double slope) { return 6.0 * std::exp(-3.5 * std::abs(slope + 0.05)); }

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const DataError& error) {
    return error.what();
  }
  return "no error";
}

class NetworkLoader : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("network_loader"); }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write_east_rising_dem() {
    const fs::path path = dir_ / "dem.tif";
    testing::write_geotiff(path, testing::east_rising_dem());
    return path;
  }

  // Two nodes on the parallel 48.002 N, 0.002° of longitude apart (node 1
  // east of node 0), joined by a two-way footway of `length_m`.
  static RoadGraph two_node_walk(double length_m, Millis flat_ms) {
    RoadGraph roads;
    roads.profile = "walk";
    const std::vector<ArcTriple> arcs = {{0, 1, flat_ms}, {1, 0, flat_ms}};
    roads.graph = build_csr_graph(2, arcs);
    roads.node_position = {{6.0015, 48.002}, {6.0035, 48.002}};
    roads.node_osm_id = {1, 2};
    roads.arc_length_m = {static_cast<float>(length_m), static_cast<float>(length_m)};
    roads.arc_class = {RoadClass::footway, RoadClass::footway};
    roads.arc_way_id = {10, 10};
    roads.source_description = "hand-built";
    return roads;
  }

  fs::path dir_;
};

TEST_F(NetworkLoader, DemMakesWalkingUphillSlowerThanDownhill) {
  const fs::path dem = write_east_rising_dem();
  // The nodes sit at columns 1.0 and 3.0 (lon 6.0015 and 6.0035 are pixel
  // centres 1 and 3): 110 m and 130 m, 20 m apart. 0.002° of longitude at
  // 48.002 N is 0.002 · 111 195 m · cos 48.002° ≈ 148.8 m; at 4.5 km/h
  // (1.25 m/s) 148.8 m take 119 040 ms on the flat.
  const double length = 0.002 * 111195.0 * std::cos(48.002 * std::acos(-1.0) / 180.0);
  const Millis flat = static_cast<Millis>(std::lround(length / 1.25 * 1000.0));
  RoadGraph roads = two_node_walk(length, flat);
  std::vector<std::string> warnings;
  const SlopeAdjustment adjustment = apply_dem(roads, dem, warnings);
  EXPECT_EQ(adjustment.arcs_rescaled, 2u);
  EXPECT_TRUE(warnings.empty());
  EXPECT_TRUE(has_slopes(roads));
  const double slope = 20.0 / length;  // ≈ 0.1344
  const double up = flat / (tobler_kmh(slope) / tobler_kmh(0.0));
  const double down = flat / (tobler_kmh(-slope) / tobler_kmh(0.0));
  EXPECT_NEAR(roads.graph.weight[roads.find_arc(0, 1)], up, 1.0);
  EXPECT_NEAR(roads.graph.weight[roads.find_arc(1, 0)], down, 1.0);
  // exp(−3.5·(0.1844 − 0.05)) ≈ 0.625: uphill about 190 s; downhill
  // exp(−3.5·(0.0844 − 0.05)) ≈ 0.887: about 134 s.
  EXPECT_NEAR(up / 1000.0, 190.4, 1.0);
  EXPECT_NEAR(down / 1000.0, 134.2, 1.0);
}

TEST_F(NetworkLoader, SavedGraphGetsTheDemOnceAndCarsIgnoreIt) {
  const fs::path dem = write_east_rising_dem();
  const fs::path saved = dir_ / "walk.cgraph";
  save_road_graph(two_node_walk(150.0, 120000), saved, false);
  NetworkSource source;
  source.path = saved;
  source.profile = TravelProfileKind::walk;
  source.dem = dem;
  std::vector<std::string> warnings;
  RoadGraph roads = load_network(source, warnings);
  EXPECT_GT(roads.graph.weight[roads.find_arc(0, 1)], roads.graph.weight[roads.find_arc(1, 0)]);
  // Saved with its slopes, it is refused with the DEM again.
  const fs::path sloped = dir_ / "walk-sloped.cgraph";
  save_road_graph(roads, sloped, false);
  source.path = sloped;
  const std::string twice = error_of([&] { load_network(source, warnings); });
  EXPECT_NE(twice.find("already has slope-aware times"), std::string::npos) << twice;
  source.dem.clear();
  EXPECT_EQ(load_network(source, warnings).graph.weight, roads.graph.weight);

  // A car graph: the DEM is not read, a warning says so.
  RoadGraph car = two_node_walk(150.0, 18000);
  car.profile = "car";
  warnings.clear();
  EXPECT_EQ(apply_dem(car, dir_ / "absent.tif", warnings).arcs_rescaled, 0u);
  EXPECT_EQ(car.graph.weight, (std::vector<Millis>{18000, 18000}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("changes nothing"), std::string::npos) << warnings[0];
}

TEST_F(NetworkLoader, NodesOffTheDemAreCountedAndAllOffIsAnError) {
  const fs::path dem = write_east_rising_dem();
  RoadGraph half = two_node_walk(150.0, 120000);
  half.node_position[1] = {6.02, 48.002};  // east of the raster
  std::vector<std::string> warnings;
  EXPECT_EQ(apply_dem(half, dem, warnings).arcs_without_elevation, 2u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("1 of 2 road nodes have no elevation"), std::string::npos)
      << warnings[0];
  EXPECT_EQ(half.graph.weight, (std::vector<Millis>{120000, 120000}));

  RoadGraph off = two_node_walk(150.0, 120000);
  off.node_position = {{7.0, 47.0}, {7.001, 47.0}};
  const std::string message = error_of([&] { apply_dem(off, dem, warnings); });
  EXPECT_NE(message.find("dem.tif"), std::string::npos) << message;
  EXPECT_NE(message.find("no node"), std::string::npos) << message;
}

TEST_F(NetworkLoader, SavedGraphRefusesOverridesAndAnotherProfile) {
  const fs::path saved = dir_ / "walk.cgraph";
  save_road_graph(two_node_walk(150.0, 120000), saved, false);
  std::vector<std::string> warnings;
  NetworkSource source;
  source.path = saved;
  source.profile = TravelProfileKind::walk;
  source.speeds_kmh = {{"footway", 5.0}};
  const std::string speeds = error_of([&] { load_network(source, warnings); });
  EXPECT_NE(speeds.find("walk.cgraph"), std::string::npos) << speeds;
  EXPECT_NE(speeds.find("network build"), std::string::npos) << speeds;
  source.speeds_kmh.clear();
  source.access_permit = {"private"};
  EXPECT_NE(error_of([&] { load_network(source, warnings); }).find("[network.access]"),
            std::string::npos);
  source.access_permit.clear();
  source.profile = TravelProfileKind::bike;
  const std::string profile = error_of([&] { load_network(source, warnings); });
  EXPECT_NE(profile.find("built for the 'walk' profile"), std::string::npos) << profile;
  source.profile = TravelProfileKind::walk;
  EXPECT_EQ(load_network(source, warnings).node_count(), 2u);
}

TEST(NetworkProfile, AppliesSpeedAndAccessOverrides) {
  NetworkSource source;
  source.profile = TravelProfileKind::car;
  source.speeds_kmh = {{"residential", 20.0}, {"track", 12.0}, {"primary", 0.0}};
  source.access_permit = {"private"};
  source.access_forbid = {"destination"};
  const TravelProfile car = network_profile(source);
  EXPECT_EQ(car.name(), "car");
  EXPECT_DOUBLE_EQ(car.class_speed_kmh(RoadClass::residential), 20.0);
  EXPECT_DOUBLE_EQ(car.class_speed_kmh(RoadClass::track), 12.0);
  EXPECT_DOUBLE_EQ(car.class_speed_kmh(RoadClass::primary), 0.0);
  EXPECT_DOUBLE_EQ(car.class_speed_kmh(RoadClass::secondary), 60.0);  // untouched
  EXPECT_TRUE(car.evaluate(OsmTags{{"highway", "service"}, {"access", "private"}}).routable);
  EXPECT_FALSE(car.evaluate(OsmTags{{"highway", "service"}, {"access", "destination"}}).routable);

  source.speeds_kmh = {{"residentail", 20.0}};
  EXPECT_THROW(network_profile(source), DataError);
  source.speeds_kmh = {{"residential", -1.0}};
  EXPECT_THROW(network_profile(source), DataError);
  source.speeds_kmh.clear();
  source.access_permit = {"yes"};
  EXPECT_THROW(network_profile(source), DataError);
  source.access_permit.clear();
}

TEST_F(NetworkLoader, ExtractIsReadWithTheOverrides) {
  const fs::path pbf = dir_ / "triangle.osm.pbf";
  testing::write_triangle_extract(pbf);  // the service road 3-1 is private
  std::vector<std::string> warnings;
  NetworkSource source;
  source.path = pbf;
  const RoadGraph plain = load_network(source, warnings);
  EXPECT_EQ(plain.arc_count(), 4u);  // the private road is closed
  source.speeds_kmh = {{"residential", 10.0}};
  source.access_permit = {"private"};
  const RoadGraph tuned = load_network(source, warnings);
  EXPECT_EQ(tuned.arc_count(), 6u);
  // 10 km/h instead of 30 from OSM node 1 to 2: three times the time, give
  // or take the rounding to whole milliseconds.
  const auto arc_1_2 = [](const RoadGraph& roads) {
    return roads.find_arc(testing::node_of_osm(roads, 1), testing::node_of_osm(roads, 2));
  };
  const Millis at_30 = plain.graph.weight[arc_1_2(plain)];
  const Millis at_10 = tuned.graph.weight[arc_1_2(tuned)];
  EXPECT_NEAR(static_cast<double>(at_10), 3.0 * at_30, 2.0);
  EXPECT_TRUE(warnings.empty());
}

// The graph of `profile` read from `pbf`, without and with the DEM.
std::pair<RoadGraph, RoadGraph> flat_and_sloped(const fs::path& pbf, const fs::path& dem,
                                                const char* profile) {
  NetworkSource source;
  source.path = pbf;
  source.profile = *travel_profile_kind_from(profile);
  std::vector<std::string> warnings;
  RoadGraph flat = load_network(source, warnings);
  source.dem = dem;
  RoadGraph sloped = load_network(source, warnings);
  return {std::move(flat), std::move(sloped)};
}

TEST(NetworkLoaderAndorra, WalkingGraphWithSrtmSlopes) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/andorra.osm.pbf");
  COUVERTURE_REQUIRE_SHARED(tile, "dem/N42E001.hgt.zip");
  const auto [flat, sloped] = flat_and_sloped(pbf, tile, "walk");
  ASSERT_EQ(sloped.arc_count(), flat.arc_count());

  // Reference: every arc's time from the flat one, the elevations and
  // Tobler's function written here (slopes clamped at ±40 %).
  const PointElevations z = read_node_elevations(tile, flat.node_position);
  EXPECT_LT(z.missing, flat.node_count() / 100);  // Andorra lies on the tile
  double flat_total = 0.0;
  double sloped_total = 0.0;
  ArcId steepest = kInvalidId;
  double steepest_slope = 0.0;
  for (NodeId u = 0; u < flat.node_count(); ++u) {
    for (ArcId a = flat.graph.arcs_begin(u); a < flat.graph.arcs_end(u); ++a) {
      const NodeId v = flat.graph.head[a];
      double expected = flat.graph.weight[a];
      const double length = flat.arc_length_m[a];
      if (!std::isnan(z.elevation_m[u]) && !std::isnan(z.elevation_m[v]) && length > 0.0) {
        const double slope = std::clamp((z.elevation_m[v] - z.elevation_m[u]) / length, -0.4, 0.4);
        expected = std::max(1.0, std::round(expected * tobler_kmh(0.0) / tobler_kmh(slope)));
        if (length > 50.0 && slope > steepest_slope && slope < 0.4) {
          steepest_slope = slope;
          steepest = a;
        }
      }
      ASSERT_NEAR(sloped.graph.weight[a], expected, 1.0) << "arc " << a;
      flat_total += flat.graph.weight[a];
      sloped_total += sloped.graph.weight[a];
    }
  }
  // A mountain country: slopes cost time overall, but not absurdly.
  EXPECT_GT(sloped_total, 1.05 * flat_total);
  EXPECT_LT(sloped_total, 1.6 * flat_total);
  // On the steepest way (over 50 m) climbing is slower than descending.
  ASSERT_NE(steepest, kInvalidId);
  EXPECT_GT(steepest_slope, 0.15);
  NodeId tail = 0;
  while (flat.graph.arcs_end(tail) <= steepest) ++tail;
  const ArcId back = sloped.find_arc(sloped.graph.head[steepest], tail);
  ASSERT_NE(back, kInvalidId);
  EXPECT_GT(sloped.graph.weight[steepest], sloped.graph.weight[back]);
  std::cout << "Andorra walk: " << flat.arc_count() << " arcs, flat total " << flat_total / 3.6e6
            << " h, with slopes " << sloped_total / 3.6e6 << " h; steepest way "
            << steepest_slope * 100 << " %\n";
}

TEST(NetworkLoaderAndorra, CyclingGraphWithSrtmSlopes) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/andorra.osm.pbf");
  COUVERTURE_REQUIRE_SHARED(tile, "dem/N42E001.hgt.zip");
  const auto [flat, sloped] = flat_and_sloped(pbf, tile, "bike");
  ASSERT_EQ(sloped.arc_count(), flat.arc_count());
  // Per segment, up and back: the climb costs more than the descent saves
  // (factor ≤ 1.5 down, down to 0.2 up), so every two-way segment takes at
  // least as long there and back as on the flat, less rounding.
  double flat_total = 0.0;
  double sloped_total = 0.0;
  std::size_t slower_pairs = 0;
  for (NodeId u = 0; u < flat.node_count(); ++u) {
    for (ArcId a = flat.graph.arcs_begin(u); a < flat.graph.arcs_end(u); ++a) {
      flat_total += flat.graph.weight[a];
      sloped_total += sloped.graph.weight[a];
      const NodeId v = flat.graph.head[a];
      const ArcId back = flat.find_arc(v, u);
      if (u > v || back == kInvalidId || flat.find_arc(u, v) != a) continue;
      const double there_and_back = sloped.graph.weight[a] + sloped.graph.weight[back];
      EXPECT_GE(there_and_back + 2.0, flat.graph.weight[a] + flat.graph.weight[back]);
      if (sloped.graph.weight[a] != sloped.graph.weight[back]) ++slower_pairs;
    }
  }
  EXPECT_GT(slower_pairs, 1000u);
  // Andorra's roads climb from 840 m to over 2 000 m: cycling there takes far
  // longer than on the flat, yet not ten times longer.
  EXPECT_GT(sloped_total, 1.3 * flat_total);
  EXPECT_LT(sloped_total, 4.0 * flat_total);
  std::cout << "Andorra bike: " << flat.arc_count() << " arcs, flat total " << flat_total / 3.6e6
            << " h, with slopes " << sloped_total / 3.6e6 << " h\n";
}

}  // namespace
}  // namespace couverture
