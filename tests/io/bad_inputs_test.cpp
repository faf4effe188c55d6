// Inputs that used to run to the end with wrong results, or fail with a
// message that named no file (issue 11, "Errors"): each now stops with one
// line naming the file, the record or key, and the fix.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <functional>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"
#include "couverture/io/commune_reader.hpp"
#include "couverture/io/facility_reader.hpp"
#include "couverture/io/network_loader.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "couverture/io/residential_reader.hpp"
#include "couverture/io/road_graph_file.hpp"
#include "couverture/io/scenario.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

std::string message_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const DataError& error) {
    return error.what();
  }
  return "no DataError";
}

void expect_all(const std::string& message, const std::vector<std::string>& fragments) {
  for (const std::string& fragment : fragments) {
    EXPECT_NE(message.find(fragment), std::string::npos)
        << "'" << fragment << "' not in: " << message;
  }
}

class BadInputs : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("bad-inputs"); }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  static CommuneSource communes(const fs::path& path) {
    CommuneSource source;
    source.path = path;
    source.code_field = "code";
    source.population_field = "pop";
    return source;
  }

  // One commune, its ring as given, and the crs member when not empty.
  fs::path one_commune(const std::string& name, const std::string& ring,
                       const std::string& crs = "") {
    std::string text = R"({"type":"FeatureCollection",)";
    if (!crs.empty()) text += R"("crs":{"type":"name","properties":{"name":")" + crs + R"("}},)";
    text += R"("features":[{"type":"Feature","properties":{"code":"88160","pop":10},)"
            R"("geometry":{"type":"Polygon","coordinates":[)" +
            ring + "]}}]}";
    return write(name, text);
  }

  fs::path dir_;
};

const std::string kSquare = "[[6.5,48.0],[6.6,48.0],[6.6,48.1],[6.5,48.1],[6.5,48.0]]";

TEST(DataErrorContext, PlacesTheContextInFrontOnOneLine) {
  const DataError error({.file = "communes.gpkg",
                         .layer = "c",
                         .key = "communes.code_field",
                         .line = 12,
                         .record = "feature 3"},
                        "no code; fill it");
  EXPECT_STREQ(
      error.what(),
      "communes.gpkg, layer 'c', communes.code_field, line 12, feature 3: no code; fill it");
  EXPECT_EQ(error.problem(), "no code; fill it");
  EXPECT_STREQ(DataError("as it was").what(), "as it was");
}

TEST(DataErrorContext, WithDataContextAddsOnlyWhatTheErrorLacks) {
  // An engine's message (records, no file) gets the file once.
  const std::string added = message_of([] {
    with_data_context({.file = "facilities.csv"},
                      [] { throw DataError("facility c-3: no position; give x and y"); });
  });
  EXPECT_EQ(added, "facilities.csv: facility c-3: no position; give x and y");
  // A reader's own file wins over the outer one; the key is added.
  const std::string kept = message_of([] {
    with_data_context({.file = "scenario.toml", .key = "[changes]"},
                      [] { throw DataError({.file = "roads.cgraph"}, "no such way"); });
  });
  EXPECT_EQ(kept, "roads.cgraph, [changes]: no such way");
  // The value passes through when nothing fails.
  EXPECT_EQ(with_data_context({.file = "x"}, [] { return 42; }), 42);
}

TEST_F(BadInputs, UnknownCrsOfTheCommunesIsNamedNotTakenAsWgs84) {
  const auto path = one_commune("c.geojson", kSquare, "EPSG:99999");
  std::vector<std::string> warnings;
  expect_all(message_of([&] { read_communes(communes(path), warnings); }),
             {"c.geojson", "'EPSG:99999'", "unknown", "urn:ogc:def:crs:EPSG::2154"});
}

TEST_F(BadInputs, Lambert93GeoJsonWithoutCrsBlamesTheCommunesAndSaysHowToDeclareIt) {
  const std::string ring =
      "[[970000,6780000],[971000,6780000],[971000,6781000],[970000,6781000],[970000,6780000]]";
  const auto path = one_commune("l93.geojson", ring);
  std::vector<std::string> warnings;
  expect_all(message_of([&] { read_communes(communes(path), warnings); }),
             {"l93.geojson", "not longitudes and latitudes", "Lambert-93", "\"crs\"",
              "ogr2ogr -s_srs EPSG:2154"});
}

TEST_F(BadInputs, UnclosedRingNamesTheFileAndTheFeature) {
  const auto path =
      one_commune("open.geojson", "[[6.5,48.0],[6.6,48.0],[6.6,48.1],[6.5,48.1],[6.45,48.05]]");
  std::vector<std::string> warnings;
  const std::string message = message_of([&] { read_communes(communes(path), warnings); });
  expect_all(message, {"open.geojson", "feature", "not closed", "Fix geometries"});
  EXPECT_EQ(message.find("GEOS"), std::string::npos) << message;
}

TEST_F(BadInputs, EmptyFeatureCollectionSaysTheLayerHasNoFeatures) {
  const auto path = write("empty.geojson", R"({"type":"FeatureCollection","features":[]})");
  std::vector<std::string> warnings;
  const std::string message = message_of([&] { read_communes(communes(path), warnings); });
  expect_all(message, {"empty.geojson", "no features"});
  EXPECT_EQ(message.find("fields are"), std::string::npos) << message;
}

TEST_F(BadInputs, HugeCapacityIsRefusedAtTheFacilityReader) {
  const auto path = write("f.csv",
                          "id,name,type,capacity,x,y\nc1,A,eaje,12,6.5,48\n"
                          "c2,B,eaje,1e308,6.6,48\n");
  const FacilitySource source{.path = path,
                              .layer = "",
                              .x_field = "x",
                              .y_field = "y",
                              .crs = "EPSG:4326",
                              .id_field = "id",
                              .name_field = "name",
                              .type_field = "type",
                              .capacity_field = "capacity"};
  std::vector<std::string> warnings;
  expect_all(message_of([&] { read_facilities(source, warnings); }),
             {"f.csv", "line 3", "'c2'", "1e+308", "10000 places", "fix the value"});
}

TEST_F(BadInputs, ScenarioFolderIsSaidToBeAFolder) {
  fs::create_directories(dir_ / "scenario.toml");
  expect_all(message_of([&] { read_scenario(dir_ / "scenario.toml"); }),
             {"scenario.toml", "is a folder"});
}

// A graph with a valid checksum but impossible content, as a scenario loads it.
std::string load_message(const RoadGraph& road, const fs::path& path) {
  save_road_graph(road, path, true);
  NetworkSource source;
  source.path = path;
  std::vector<std::string> warnings;
  return message_of([&] { load_network(source, warnings); });
}

TEST_F(BadInputs, GraphWithoutRoadsNamesTheFileAndTheRebuild) {
  RoadGraph road;
  road.profile = "car";
  expect_all(load_message(road, dir_ / "empty.cgraph"),
             {"empty.cgraph", "no roads", "couverture network build"});
}

TEST_F(BadInputs, GraphWithPositionsOutOfDegreesNamesTheFileAndTheRebuild) {
  RoadGraph road;
  road.profile = "car";
  const std::vector<ArcTriple> arcs = {{0, 1, 1000}, {1, 0, 1000}};
  road.graph = build_csr_graph(2, arcs);
  road.node_position = {{6.5, 48.0}, {6.5, 95.0}};
  road.node_osm_id = {1, 2};
  road.arc_length_m = {10.0F, 10.0F};
  road.arc_class = {RoadClass::residential, RoadClass::residential};
  road.arc_way_id = {7, 7};
  expect_all(load_message(road, dir_ / "far.cgraph"),
             {"far.cgraph", "node 1", "95", "couverture network build"});
}

// The message of `work` run by a user without read access to the
// unreadable file: root reads every file, so as nobody, in a child process.
std::string message_without_read_access(const fs::path& dir, const std::function<void()>& work) {
  if (geteuid() != 0) return message_of(work);
  fs::permissions(dir, fs::perms::all);
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) return "pipe failed";
  const pid_t child = fork();
  if (child < 0) return "fork failed";
  if (child == 0) {
    close(pipe_ends[0]);
    if (setgid(65534) != 0 || setuid(65534) != 0) _exit(2);
    const std::string message = message_of(work);
    const ssize_t written = ::write(pipe_ends[1], message.data(), message.size());
    _exit(written < 0 ? 3 : 0);
  }
  close(pipe_ends[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = read(pipe_ends[0], buffer, sizeof buffer)) > 0;) {
    message.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipe_ends[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "child failed";
  return message;
}

TEST_F(BadInputs, UnreadablePbfSaysPermissionDenied) {
  const fs::path pbf = write("roads.osm.pbf", "not really a PBF, but not empty");
  fs::permissions(pbf, fs::perms::none);
  expect_all(
      message_without_read_access(dir_, [&pbf] { read_road_graph(pbf, TravelProfile::car()); }),
      {"roads.osm.pbf", "Permission denied", "chmod"});
}

TEST_F(BadInputs, UnreadableBuildingsPbfSaysPermissionDeniedNotDamaged) {
  const fs::path pbf = write("buildings.osm.pbf", "not really a PBF, but not empty");
  fs::permissions(pbf, fs::perms::none);
  const std::string message = message_without_read_access(dir_, [&pbf] {
    std::vector<std::string> warnings;
    read_residential_places(pbf, 20.0, warnings);
  });
  expect_all(message, {"buildings.osm.pbf", "Permission denied", "chmod"});
  EXPECT_EQ(message.find("not an OSM file"), std::string::npos) << message;
  EXPECT_EQ(message.find("corrupt"), std::string::npos) << message;
}

TEST_F(BadInputs, StaleTemporariesOfDeadProcessesAreRemovedAndOthersKept) {
  // pid_max is at most 4194304 (2^22): this process cannot exist.
  const std::string dead = "4194999";
  const std::string alive = std::to_string(getpid());
  const std::vector<std::string> stale = {".out.tmp-" + dead + "-123.gpkg",
                                          ".out.tmp-" + dead + "-123.gpkg-journal"};
  const std::vector<std::string> kept = {".out.tmp-" + alive + "-5.gpkg",  // still being written
                                         "out.tmp-" + dead + "-1.gpkg",    // not hidden: not ours
                                         ".out.gpkg", "communes.gpkg"};
  for (const auto& name : stale) write(name, std::string(2048, 'x'));
  for (const auto& name : kept) write(name, "keep");
  const std::vector<std::string> removed = remove_stale_temporaries(dir_);
  ASSERT_EQ(removed.size(), 2U);
  for (const auto& name : stale) {
    EXPECT_FALSE(fs::exists(dir_ / name)) << name;
    const bool reported =
        removed[0].find(name) != std::string::npos || removed[1].find(name) != std::string::npos;
    EXPECT_TRUE(reported) << name;
  }
  for (const auto& name : kept) EXPECT_TRUE(fs::exists(dir_ / name)) << name;
  expect_all(removed[0], {"removed the temporary file", "process " + dead});
}

TEST_F(BadInputs, OutputThatIsAFolderOrTooLongIsRefusedBeforeAnyWork) {
  fs::create_directories(dir_ / "out.gpkg");
  expect_all(message_of([&] { check_output_path(dir_ / "out.gpkg", true); }),
             {"out.gpkg", "is a folder"});
  const fs::path long_name = dir_ / (std::string(250, 'a') + ".gpkg");
  expect_all(message_of([&] { check_output_path(long_name, false); }), {"too long"});
}

}  // namespace
}  // namespace couverture
