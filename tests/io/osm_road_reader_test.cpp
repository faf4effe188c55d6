#include "couverture/io/osm_road_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include <set>

#include "couverture/algorithms/strongly_connected.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/osm_pbf_writer.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// Independent distances: along the equator a geodesic is the equator itself,
// of length a * dlon; a short meridian step from the equator is the
// meridian radius of curvature there, a * (1 - e^2), times dlat.
constexpr double kA = 6378137.0;
constexpr double kF = 1.0 / 298.257223563;
constexpr double kE2 = kF * (2.0 - kF);
constexpr double kStepDeg = 0.001;
const double kEquatorStepM = kA * kStepDeg * std::numbers::pi / 180.0;
const double kMeridianStepM = kA * (1.0 - kE2) * kStepDeg * std::numbers::pi / 180.0;

Millis expected_ms(double length_m, double speed_kmh) {
  return static_cast<Millis>(std::llround(length_m * 3600.0 / speed_kmh));
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& error) {
    return error.what();
  }
  return "no DataError";
}

class OsmRoadReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = couverture::testing::make_temp_dir("osm-road-reader"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// A little town on the equator, 0.001 degree steps:
//
//   4 <-- 3          (one-way 3 -> 4 -> 1 closes the loop 1 - 2 - 3)
//   9 <- 1 - 2 - 3 - 6 (roundabout 6 -> 7 -> 8 -> 6)
//            |
//            5       (two-way dead end)
//
// plus an island 20 - 21, a one-way dead end 1 -> 9 (a sink), a footway
// 5 - 20 that cars cannot use, and a way ending at a node missing from the file.
fs::path write_town(const fs::path& dir) {
  const std::vector<OsmNodeRecord> nodes = {
      {1, {0.000, 0.000}},  {2, {0.001, 0.000}},  {3, {0.002, 0.000}},  {4, {0.001, 0.001}},
      {5, {0.001, -0.001}}, {6, {0.003, 0.000}},  {7, {0.004, 0.001}},  {8, {0.004, -0.001}},
      {9, {-0.001, 0.000}}, {20, {0.010, 0.010}}, {21, {0.011, 0.010}},
  };
  const std::vector<OsmWayRecord> ways = {
      {100, {1, 2, 3}, {{"highway", "residential"}}},
      {101, {3, 4, 1}, {{"highway", "residential"}, {"oneway", "yes"}}},
      {102, {2, 5}, {{"highway", "residential"}}},
      {103, {6, 7, 8, 6}, {{"highway", "primary"}, {"junction", "roundabout"}}},
      {104, {3, 6}, {{"highway", "primary"}, {"maxspeed", "50"}}},
      {105, {20, 21}, {{"highway", "residential"}}},
      {106, {1, 9}, {{"highway", "residential"}, {"oneway", "yes"}}},
      {107, {5, 20}, {{"highway", "footway"}}},
      {108, {3, 99}, {{"highway", "residential"}}},
  };
  const fs::path path = dir / "town.osm.pbf";
  write_osm_pbf(path, nodes, ways);
  return path;
}

NodeId node_of(const RoadGraph& road, std::int64_t osm_id) {
  for (NodeId u = 0; u < road.node_count(); ++u) {
    if (road.node_osm_id[u] == osm_id) return u;
  }
  return kInvalidId;
}

TEST_F(OsmRoadReaderTest, BuildsTheTownKeepingTheLargestStrongComponent) {
  const RoadGraph road = read_road_graph(write_town(dir_), TravelProfile::car());
  EXPECT_EQ(road.profile, "car");
  EXPECT_EQ(road.source_description, "town.osm.pbf");
  // Nodes 1-8, in whatever order the reader numbers them; 9 (sink), 20 and
  // 21 (island) dropped, 99 never existed.
  std::vector<std::int64_t> kept = road.node_osm_id;
  std::sort(kept.begin(), kept.end());
  EXPECT_EQ(kept, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
  // 4 (way 100) + 2 (one-way 101) + 2 (102) + 3 (roundabout) + 2 (104).
  EXPECT_EQ(road.arc_count(), 13u);
  EXPECT_EQ(road.build_stats.components_kept, 1u);
  EXPECT_EQ(road.build_stats.components_dropped, 2u);  // {9}, {20, 21}
  EXPECT_EQ(road.build_stats.nodes_dropped, 3u);
  EXPECT_EQ(road.build_stats.arcs_dropped, 3u);  // 1 -> 9, 20 <-> 21
  ASSERT_EQ(road.arc_length_m.size(), road.arc_count());
  ASSERT_EQ(road.arc_class.size(), road.arc_count());
  ASSERT_EQ(road.arc_way_id.size(), road.arc_count());
  ASSERT_EQ(road.node_position.size(), road.node_count());
  EXPECT_EQ(road.node_position[node_of(road, 7)], (LonLat{0.004, 0.001}));
}

TEST_F(OsmRoadReaderTest, KeepsTheGeometryOfTheDroppedSegments) {
  const RoadGraph road = read_road_graph(write_town(dir_), TravelProfile::car());
  // Dropped: one-way 1 -> 9 (residential) and two-way 20 <-> 21 (one
  // segment for its two arcs); the footway and the way to the missing node
  // 99 were never arcs. In node-pair order: 1-9 (OSM ids sort 1 < 9), 20-21.
  ASSERT_EQ(road.detached_segment_count(), 2u);
  ASSERT_EQ(road.detached_segment_end.size(), 4u);
  EXPECT_EQ(road.detached_segment_end[0], (LonLat{0.000, 0.000}));   // node 1
  EXPECT_EQ(road.detached_segment_end[1], (LonLat{-0.001, 0.000}));  // node 9
  EXPECT_EQ(road.detached_segment_end[2], (LonLat{0.010, 0.010}));   // node 20
  EXPECT_EQ(road.detached_segment_end[3], (LonLat{0.011, 0.010}));   // node 21
  EXPECT_EQ(road.detached_segment_class[0], RoadClass::residential);
  EXPECT_EQ(road.detached_segment_class[1], RoadClass::residential);
}

TEST_F(OsmRoadReaderTest, OneWaysAndRoundaboutsHaveOneDirection) {
  const RoadGraph road = read_road_graph(write_town(dir_), TravelProfile::car());
  const auto arc = [&](std::int64_t a, std::int64_t b) {
    return road.find_arc(node_of(road, a), node_of(road, b));
  };
  EXPECT_NE(arc(3, 4), kInvalidId);
  EXPECT_NE(arc(4, 1), kInvalidId);
  EXPECT_EQ(arc(4, 3), kInvalidId);
  EXPECT_EQ(arc(1, 4), kInvalidId);
  EXPECT_NE(arc(6, 7), kInvalidId);
  EXPECT_NE(arc(7, 8), kInvalidId);
  EXPECT_NE(arc(8, 6), kInvalidId);
  EXPECT_EQ(arc(7, 6), kInvalidId);
  EXPECT_EQ(arc(6, 8), kInvalidId);
  EXPECT_NE(arc(2, 5), kInvalidId);  // the two-way dead end stays
  EXPECT_NE(arc(5, 2), kInvalidId);
  EXPECT_EQ(road.arc_way_id[arc(8, 6)], 103);
  EXPECT_EQ(road.arc_class[arc(8, 6)], RoadClass::primary);
  EXPECT_EQ(road.arc_way_id[arc(4, 1)], 101);
}

TEST_F(OsmRoadReaderTest, LengthsAndTimesMatchHandComputedValues) {
  const RoadGraph road = read_road_graph(write_town(dir_), TravelProfile::car());
  const auto arc = [&](std::int64_t a, std::int64_t b) {
    const ArcId id = road.find_arc(node_of(road, a), node_of(road, b));
    EXPECT_NE(id, kInvalidId) << a << " -> " << b;
    return id;
  };
  // Residential at 30 km/h along the equator: 111.319 m, 13358 ms.
  for (const ArcId a : {arc(1, 2), arc(2, 1), arc(2, 3)}) {
    EXPECT_NEAR(road.arc_length_m[a], kEquatorStepM, 1e-3);
    EXPECT_EQ(road.graph.weight[a], expected_ms(kEquatorStepM, 30));
    EXPECT_EQ(road.graph.weight[a], 13358u);
  }
  // Primary capped by maxspeed=50.
  EXPECT_NEAR(road.arc_length_m[arc(3, 6)], kEquatorStepM, 1e-3);
  EXPECT_EQ(road.graph.weight[arc(3, 6)], 8015u);
  // A meridian step south of the equator, residential.
  EXPECT_NEAR(road.arc_length_m[arc(2, 5)], kMeridianStepM, 1e-3);
  EXPECT_EQ(road.graph.weight[arc(5, 2)], expected_ms(kMeridianStepM, 30));
  // The roundabout's north-south chord 7 -> 8 at 70 km/h.
  EXPECT_NEAR(road.arc_length_m[arc(7, 8)], 2 * kMeridianStepM, 1e-3);
  EXPECT_EQ(road.graph.weight[arc(7, 8)], expected_ms(2 * kMeridianStepM, 70));
}

TEST_F(OsmRoadReaderTest, MissingFileNamesIt) {
  const fs::path path = dir_ / "nowhere.osm.pbf";
  const std::string message = message_of([&] { read_road_graph(path, TravelProfile::car()); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("not found"), std::string::npos) << message;
}

TEST_F(OsmRoadReaderTest, EmptyFileNamesIt) {
  const fs::path path = dir_ / "empty.osm.pbf";
  std::ofstream{path};
  const std::string message = message_of([&] { read_road_graph(path, TravelProfile::car()); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("empty"), std::string::npos) << message;
}

TEST_F(OsmRoadReaderTest, GarbageFileNamesIt) {
  const fs::path path = dir_ / "garbage.osm.pbf";
  std::ofstream{path} << "this is not a protocol buffer, not at all";
  const std::string message = message_of([&] { read_road_graph(path, TravelProfile::car()); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
}

TEST_F(OsmRoadReaderTest, UnknownSuffixNamesTheExpectedFormats) {
  const fs::path path = dir_ / "roads.txt";
  std::ofstream{path} << "highway=primary";
  const std::string message = message_of([&] { read_road_graph(path, TravelProfile::car()); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find(".osm.pbf"), std::string::npos) << message;
}

TEST_F(OsmRoadReaderTest, NoRoutableRoadNamesTheFile) {
  const std::vector<OsmNodeRecord> nodes = {{1, {0, 0}}, {2, {0.001, 0}}, {3, {0.002, 0}}};
  const std::vector<OsmWayRecord> ways = {
      {10, {1, 2}, {{"highway", "footway"}}},
      {11, {2, 3}, {{"highway", "residential"}, {"access", "private"}}},
      {12, {1, 3}, {{"building", "yes"}}},
  };
  const fs::path path = dir_ / "paths.osm.pbf";
  write_osm_pbf(path, nodes, ways);
  const std::string message = message_of([&] { read_road_graph(path, TravelProfile::car()); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("no road routable by the car profile"), std::string::npos) << message;
}

TEST_F(OsmRoadReaderTest, TruncatedRealExtractNamesIt) {
  COUVERTURE_REQUIRE_SHARED(source, "osm/liechtenstein.osm.pbf");
  const fs::path path = dir_ / "half.osm.pbf";
  fs::copy_file(source, path);
  fs::resize_file(path, fs::file_size(source) / 2);
  const std::string message = message_of([&] { read_road_graph(path, TravelProfile::car()); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
}

void expect_sane(const RoadGraph& road, std::size_t min_nodes, std::size_t max_nodes) {
  EXPECT_GE(road.node_count(), min_nodes);
  EXPECT_LE(road.node_count(), max_nodes);
  EXPECT_GT(road.arc_count(), road.node_count());
  for (const Millis w : road.graph.weight) ASSERT_GT(w, 0u);
  for (const float length : road.arc_length_m) ASSERT_GE(length, 0.0f);
  // A road segment is never longer than a few kilometres, nor faster than
  // the motorway speed.
  for (ArcId a = 0; a < road.arc_count(); ++a) {
    ASSERT_LT(road.arc_length_m[a], 20000.0f);
    ASSERT_GE(road.graph.weight[a], std::floor(road.arc_length_m[a] * 3600.0 / 110.0));
  }
  const LargestStrongComponent scc = largest_strong_component(road.graph);
  EXPECT_EQ(scc.component_count, 1u);
  EXPECT_GT(road.build_stats.components_dropped, 0u);
  EXPECT_EQ(std::set<std::int64_t>(road.node_osm_id.begin(), road.node_osm_id.end()).size(),
            road.node_count());
}

TEST_F(OsmRoadReaderTest, RealLiechtenstein) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  const RoadGraph road = read_road_graph(pbf, TravelProfile::car());
  // 142,832 OSM nodes in the file; the car network is a fraction of them.
  expect_sane(road, 5'000, 100'000);
  EXPECT_EQ(road.source_description, "liechtenstein.osm.pbf");
  // Every dropped arc is remembered as (part of) a detached segment, and a
  // segment holds at most its two arcs.
  EXPECT_GE(road.detached_segment_count() * 2, road.build_stats.arcs_dropped);
  EXPECT_LE(road.detached_segment_count(), road.build_stats.arcs_dropped);
  EXPECT_GT(road.detached_segment_count(), 0u);
  // Liechtenstein lies within lon 9.47-9.64, lat 47.04-47.28 (plus borders).
  for (const LonLat& p : road.node_position) {
    ASSERT_GT(p.lon, 9.2);
    ASSERT_LT(p.lon, 9.9);
    ASSERT_GT(p.lat, 46.8);
    ASSERT_LT(p.lat, 47.5);
  }
}

TEST_F(OsmRoadReaderTest, RealMonacoGzippedXml) {
  COUVERTURE_REQUIRE_SHARED(osm, "osm/monaco.osm.gz");
  const RoadGraph road = read_road_graph(osm, TravelProfile::car());
  expect_sane(road, 300, 20'000);
}

}  // namespace
}  // namespace couverture
