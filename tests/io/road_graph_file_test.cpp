#include "couverture/io/road_graph_file.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <functional>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// A hand-made three-node graph with every field set to a distinct value.
RoadGraph small_graph() {
  RoadGraph road;
  road.profile = "car";
  road.source_description = "hand-made.osm.pbf";
  const std::vector<ArcTriple> arcs = {{0, 1, 1500}, {1, 0, 1500}, {1, 2, 2700}, {2, 0, 900}};
  road.graph = build_csr_graph(3, arcs);
  road.node_position = {{6.5, 48.0}, {6.51, 48.0}, {6.5, 48.01}};
  road.node_osm_id = {1001, 1002, 1003};
  road.arc_length_m = {12.5f, 12.5f, 30.25f, 7.0f};
  road.arc_class = {RoadClass::residential, RoadClass::residential, RoadClass::primary,
                    RoadClass::service};
  road.arc_way_id = {77, 77, 78, -79};
  road.build_stats = {1, 4, 9, 16};
  // One segment dropped with a small component.
  road.detached_segment_end = {{6.52, 48.02}, {6.53, 48.025}};
  road.detached_segment_class = {RoadClass::track};
  return road;
}

void expect_equal(const RoadGraph& a, const RoadGraph& b) {
  EXPECT_EQ(a.profile, b.profile);
  EXPECT_EQ(a.source_description, b.source_description);
  EXPECT_EQ(a.slope_aware, b.slope_aware);
  EXPECT_EQ(a.graph.first_out, b.graph.first_out);
  EXPECT_EQ(a.graph.head, b.graph.head);
  EXPECT_EQ(a.graph.weight, b.graph.weight);
  EXPECT_EQ(a.node_position, b.node_position);
  EXPECT_EQ(a.node_osm_id, b.node_osm_id);
  EXPECT_EQ(a.arc_length_m, b.arc_length_m);
  EXPECT_EQ(a.arc_class, b.arc_class);
  EXPECT_EQ(a.arc_way_id, b.arc_way_id);
  EXPECT_EQ(a.build_stats.components_kept, b.build_stats.components_kept);
  EXPECT_EQ(a.build_stats.components_dropped, b.build_stats.components_dropped);
  EXPECT_EQ(a.build_stats.nodes_dropped, b.build_stats.nodes_dropped);
  EXPECT_EQ(a.build_stats.arcs_dropped, b.build_stats.arcs_dropped);
  EXPECT_EQ(a.detached_segment_end, b.detached_segment_end);
  EXPECT_EQ(a.detached_segment_class, b.detached_segment_class);
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& error) {
    return error.what();
  }
  return "no DataError";
}

void flip_byte(const fs::path& path, std::uint64_t offset) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekg(static_cast<std::streamoff>(offset));
  char byte = 0;
  file.get(byte);
  file.seekp(static_cast<std::streamoff>(offset));
  file.put(static_cast<char>(byte ^ 0x5a));
}

class RoadGraphFileTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = couverture::testing::make_temp_dir("road-graph-file"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(RoadGraphFileTest, RoundTripKeepsEveryArray) {
  const RoadGraph road = small_graph();
  save_road_graph(road, dir_ / "g.cgraph", false);
  expect_equal(load_road_graph(dir_ / "g.cgraph"), road);
  // 40-byte header, two strings (8 + 3, 8 + 17), the slope-aware byte, 4
  // stats, then the arrays, then the detached segments: count 8, 2
  // positions of 16, 1 class byte.
  const std::uint64_t expected = 40 + (8 + 3) + (8 + 17) + 1 + 4 * 8 + 4 * 4 + 4 * 4 + 4 * 4 +
                                 3 * 16 + 3 * 8 + 4 * 4 + 4 * 1 + 4 * 8 + (8 + 2 * 16 + 1);
  EXPECT_EQ(fs::file_size(dir_ / "g.cgraph"), expected);
}

TEST_F(RoadGraphFileTest, EmptyGraphRoundTrips) {
  RoadGraph road;
  save_road_graph(road, dir_ / "empty.cgraph", false);
  expect_equal(load_road_graph(dir_ / "empty.cgraph"), road);
}

// Whether the times carry slopes is a field of the file, not a word of the
// source text: a graph whose description says "slopes" is not slope-aware
// unless the field says so, and the field survives a save.
TEST_F(RoadGraphFileTest, SlopeAwarenessIsSavedAsAField) {
  RoadGraph road = small_graph();
  road.source_description = "slopes.osm.pbf";
  save_road_graph(road, dir_ / "flat.cgraph", false);
  EXPECT_FALSE(load_road_graph(dir_ / "flat.cgraph").slope_aware);
  road.slope_aware = true;
  road.source_description = "hills.osm.pbf";
  save_road_graph(road, dir_ / "sloped.cgraph", false);
  EXPECT_TRUE(load_road_graph(dir_ / "sloped.cgraph").slope_aware);
}

TEST_F(RoadGraphFileTest, RefusesAnExistingFileUnlessOverwrite) {
  save_road_graph(small_graph(), dir_ / "g.cgraph", false);
  RoadGraph other = small_graph();
  other.profile = "other";
  EXPECT_THROW(save_road_graph(other, dir_ / "g.cgraph", false), DataError);
  EXPECT_EQ(load_road_graph(dir_ / "g.cgraph").profile, "car");
  save_road_graph(other, dir_ / "g.cgraph", true);
  EXPECT_EQ(load_road_graph(dir_ / "g.cgraph").profile, "other");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), {}), 1);  // no temporary left
}

TEST_F(RoadGraphFileTest, OtherVersionAsksForARebuild) {
  const fs::path path = dir_ / "g.cgraph";
  save_road_graph(small_graph(), path, false);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(8);  // the version follows the 8-byte magic
    const std::uint32_t version = kRoadGraphFileVersion + 1;
    file.write(reinterpret_cast<const char*>(&version), sizeof version);
  }
  const std::string message = message_of([&] { load_road_graph(path); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("version"), std::string::npos) << message;
  EXPECT_NE(message.find("couverture network build"), std::string::npos) << message;
}

TEST_F(RoadGraphFileTest, VersionOneFileWithoutDetachedSegmentsAsksForARebuild) {
  const fs::path path = dir_ / "old.cgraph";
  save_road_graph(small_graph(), path, false);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(8);
    const std::uint32_t version = 1;
    file.write(reinterpret_cast<const char*>(&version), sizeof version);
  }
  const std::string message = message_of([&] { load_road_graph(path); });
  EXPECT_NE(message.find("version 1, this couverture reads version 3"), std::string::npos)
      << message;
  EXPECT_NE(message.find("couverture network build"), std::string::npos) << message;
}

TEST_F(RoadGraphFileTest, HugeDetachedCountIsRefusedNotAllocated) {
  const fs::path path = dir_ / "g.cgraph";
  RoadGraph road = small_graph();
  road.detached_segment_end.clear();
  road.detached_segment_class.clear();
  save_road_graph(road, path, false);
  {
    // The count is the file's last 8 bytes when there is no detached segment.
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(fs::file_size(path) - 8));
    const std::uint64_t count = std::uint64_t{1} << 62;
    file.write(reinterpret_cast<const char*>(&count), sizeof count);
  }
  const std::string message = message_of([&] { load_road_graph(path); });
  EXPECT_NE(message.find("truncated or damaged"), std::string::npos) << message;
}

TEST_F(RoadGraphFileTest, CorruptedByteFailsTheChecksum) {
  const fs::path path = dir_ / "g.cgraph";
  save_road_graph(small_graph(), path, false);
  flip_byte(path, fs::file_size(path) - 50);  // inside arc_way_id
  const std::string message = message_of([&] { load_road_graph(path); });
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("checksum"), std::string::npos) << message;
  EXPECT_NE(message.find("couverture network build"), std::string::npos) << message;
}

TEST_F(RoadGraphFileTest, TruncatedFileIsRefused) {
  const fs::path path = dir_ / "g.cgraph";
  save_road_graph(small_graph(), path, false);
  for (const std::uint64_t size :
       {std::uint64_t{0}, std::uint64_t{20}, std::uint64_t{60}, fs::file_size(path) - 1}) {
    fs::resize_file(path, size);
    const std::string message = message_of([&] { load_road_graph(path); });
    EXPECT_NE(message.find(path.string()), std::string::npos) << size << ": " << message;
    EXPECT_NE(message.find("couverture network build"), std::string::npos) << message;
  }
}

TEST_F(RoadGraphFileTest, NotAGraphFileOrMissing) {
  std::ofstream(dir_ / "text.cgraph") << "just some text that is long enough for a header....";
  EXPECT_NE(message_of([&] { load_road_graph(dir_ / "text.cgraph"); }).find("not a couverture"),
            std::string::npos);
  const std::string message = message_of([&] { load_road_graph(dir_ / "none.cgraph"); });
  EXPECT_NE(message.find("none.cgraph"), std::string::npos) << message;
  EXPECT_NE(message.find("not found"), std::string::npos) << message;
}

// How much faster loading is than building is measured in
// benchmarks/road_graph_file_benchmark.cpp, not asserted here.
TEST_F(RoadGraphFileTest, RealGraphRoundTrips) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  const RoadGraph road = read_road_graph(pbf, TravelProfile::car());
  save_road_graph(road, dir_ / "li.cgraph", false);
  const RoadGraph loaded = load_road_graph(dir_ / "li.cgraph");
  expect_equal(loaded, road);
}

}  // namespace
}  // namespace couverture
