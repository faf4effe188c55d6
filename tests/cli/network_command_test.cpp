#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../io/dem_fixture.hpp"
#include "couverture/io/road_graph_file.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// Built with a stream: GCC 12 warns falsely (-Wrestrict) on chains of
// string concatenations starting from a literal.
std::string quoted(const fs::path& path) {
  std::ostringstream text;
  text << '\'' << path.string() << '\'';
  return text.str();
}
std::string cli() { return quoted(COUVERTURE_CLI); }

class NetworkCommandTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = couverture::testing::make_temp_dir("network-command"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(NetworkCommandTest, BuildThenInfoOnLiechtenstein) {
  COUVERTURE_REQUIRE_SHARED(pbf, "osm/liechtenstein.osm.pbf");
  const fs::path graph = dir_ / "li.cgraph";
  std::string output;
  ASSERT_EQ(couverture::testing::run_command(cli() + " network build --osm " + quoted(pbf) +
                                                 " --profile car -o " + quoted(graph),
                                             output),
            0)
      << output;
  ASSERT_TRUE(fs::exists(graph));
  const RoadGraph road = load_road_graph(graph);

  ASSERT_EQ(couverture::testing::run_command(cli() + " network info " + quoted(graph), output), 0)
      << output;
  EXPECT_NE(output.find("nodes       " + std::to_string(road.node_count())), std::string::npos)
      << output;
  EXPECT_NE(output.find("arcs        " + std::to_string(road.arc_count())), std::string::npos)
      << output;
  EXPECT_NE(output.find("residential"), std::string::npos) << output;

  ASSERT_EQ(
      couverture::testing::run_command(cli() + " --json network info " + quoted(graph), output), 0)
      << output;
  const nlohmann::json info = nlohmann::json::parse(output);
  EXPECT_EQ(info["nodes"].get<std::size_t>(), road.node_count());
  EXPECT_EQ(info["arcs"].get<std::size_t>(), road.arc_count());
  EXPECT_EQ(info["profile"], "car");
  EXPECT_EQ(info["source"], "liechtenstein.osm.pbf");
  EXPECT_EQ(info["components_kept"], 1);
  EXPECT_EQ(info["nodes_dropped"].get<std::uint64_t>(), road.build_stats.nodes_dropped);
  // Liechtenstein is about 25 km north-south: the road box must hold it.
  EXPECT_LT(info["bbox"]["min_lat"].get<double>(), 47.06);
  EXPECT_GT(info["bbox"]["max_lat"].get<double>(), 47.25);
  // Each two-way segment counted once: the road length is between half the
  // arc length and all of it.
  double arc_km = 0.0;
  for (const float m : road.arc_length_m) arc_km += m / 1000.0;
  EXPECT_GT(info["road_km"].get<double>(), arc_km / 2 - 1e-6);
  EXPECT_LT(info["road_km"].get<double>(), arc_km + 1e-6);

  // --json after the subcommand, and -q silencing everything.
  ASSERT_EQ(couverture::testing::run_command(cli() + " network info " + quoted(graph) + " --json",
                                             output),
            0);
  EXPECT_EQ(nlohmann::json::parse(output)["arcs"].get<std::size_t>(), road.arc_count());
  ASSERT_EQ(couverture::testing::run_command(cli() + " -q network info " + quoted(graph), output),
            0);
  EXPECT_EQ(output, "");

  // An existing output is refused without --overwrite, replaced with it.
  EXPECT_EQ(couverture::testing::run_command(
                cli() + " network build --osm " + quoted(pbf) + " -o " + quoted(graph), output),
            1);
  EXPECT_NE(output.find(graph.string()), std::string::npos) << output;
  EXPECT_EQ(couverture::testing::run_command(cli() + " -q network build --osm " + quoted(pbf) +
                                                 " -o " + quoted(graph) + " --overwrite",
                                             output),
            0)
      << output;
  EXPECT_EQ(output, "");
}

TEST_F(NetworkCommandTest, MissingExtractExitsOneNamingIt) {
  const fs::path pbf = dir_ / "missing.osm.pbf";
  std::string output;
  EXPECT_EQ(couverture::testing::run_command(
                cli() + " network build --osm " + quoted(pbf) + " -o " + quoted(dir_ / "g.cgraph"),
                output),
            1);
  EXPECT_NE(output.find(pbf.string()), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(dir_ / "g.cgraph"));
}

TEST_F(NetworkCommandTest, MissingGraphExitsOneNamingIt) {
  std::string output;
  EXPECT_EQ(couverture::testing::run_command(
                cli() + " network info " + quoted(dir_ / "absent.cgraph"), output),
            1);
  EXPECT_NE(output.find("absent.cgraph"), std::string::npos) << output;
}

TEST_F(NetworkCommandTest, BadUsageExitsTwo) {
  std::string output;
  EXPECT_EQ(couverture::testing::run_command(cli() + " network build --osm x.osm.pbf -o g.cgraph "
                                                     "--no-such-flag",
                                             output),
            2)
      << output;
  EXPECT_EQ(couverture::testing::run_command(cli() + " network build -o g.cgraph", output), 2)
      << output;
  EXPECT_EQ(
      couverture::testing::run_command(cli() + " network build --osm x.osm.pbf -o " +
                                           quoted(dir_ / "g.cgraph") + " --profile hovercraft",
                                       output),
      2)
      << output;
  EXPECT_NE(output.find("hovercraft"), std::string::npos) << output;
}

TEST_F(NetworkCommandTest, BuildWithDemSpeedAndAccessOptions) {
  const fs::path pbf = dir_ / "triangle.osm.pbf";
  testing::write_triangle_extract(pbf);
  const fs::path tif = dir_ / "dem.tif";
  testing::write_geotiff(tif, testing::east_rising_dem());

  const fs::path flat_graph = dir_ / "flat.cgraph";
  const fs::path graph = dir_ / "sloped.cgraph";
  std::string output;
  ASSERT_EQ(couverture::testing::run_command(cli() + " -q network build --osm " + quoted(pbf) +
                                                 " --profile walk -o " + quoted(flat_graph),
                                             output),
            0)
      << output;
  ASSERT_EQ(couverture::testing::run_command(
                cli() + " --json network build --osm " + quoted(pbf) + " --profile walk -o " +
                    quoted(graph) + " --dem " + quoted(tif) +
                    " --speed residential=3 --permit private --forbid destination",
                output),
            0)
      << output;
  const nlohmann::json summary = nlohmann::json::parse(output);
  EXPECT_EQ(summary["source"], "triangle.osm.pbf; slopes from dem.tif");
  EXPECT_TRUE(summary["warnings"].empty());
  const RoadGraph flat = load_road_graph(flat_graph);
  const RoadGraph sloped = load_road_graph(graph);
  EXPECT_EQ(flat.arc_count(), 4u);    // the private service road is closed on foot
  EXPECT_EQ(sloped.arc_count(), 6u);  // --permit private opens it
  // From OSM node 1 to 2, east is uphill: slower than west, and both
  // slower than 4.5 km/h on the flat since the street is set to 3 km/h
  // (Tobler's factor down a ~13 % slope is below 1 too).
  const NodeId one = testing::node_of_osm(sloped, 1);
  const NodeId two = testing::node_of_osm(sloped, 2);
  const Millis east = sloped.graph.weight[sloped.find_arc(one, two)];
  const Millis west = sloped.graph.weight[sloped.find_arc(two, one)];
  const Millis flat_east =
      flat.graph
          .weight[flat.find_arc(testing::node_of_osm(flat, 1), testing::node_of_osm(flat, 2))];
  EXPECT_GT(east, west);
  EXPECT_GT(west, flat_east);

  // Malformed or unknown settings are usage errors (exit 2).
  for (const char* bad : {"--speed residential", "--speed residential=fast", "--speed highway=20",
                          "--permit yes", "--profile car --speed track=-3"}) {
    EXPECT_EQ(couverture::testing::run_command(cli() + " network build --osm " + quoted(pbf) +
                                                   " -o " + quoted(dir_ / "bad.cgraph") + " " + bad,
                                               output),
              2)
        << bad << ": " << output;
  }
  // A missing DEM is named before the extract is read.
  EXPECT_EQ(couverture::testing::run_command(cli() + " network build --osm " + quoted(pbf) +
                                                 " -o " + quoted(dir_ / "bad.cgraph") + " --dem " +
                                                 quoted(dir_ / "nope.tif"),
                                             output),
            1);
  EXPECT_NE(output.find("nope.tif"), std::string::npos) << output;
}

}  // namespace
}  // namespace couverture
