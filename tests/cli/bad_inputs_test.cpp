// Bad inputs through the command (issue 11, "Errors"): one line naming the
// file, the key or record and the fix; exit 1 (2 for usage, 3 for a bug);
// every existing file left as it was.

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "couverture/geodata/data_error.hpp"
#include "failure_report.hpp"
#include "test_support.hpp"
#include "usage_error.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

std::string cli() { return COUVERTURE_CLI; }

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void expect_all(const std::string& message, const std::vector<std::string>& fragments) {
  for (const std::string& fragment : fragments) {
    EXPECT_NE(message.find(fragment), std::string::npos)
        << "'" << fragment << "' not in: " << message;
  }
}

// One demo folder for the suite (the demo takes seconds); each test writes
// its own scenario beside the demo's.
class BadInputsCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = testing::make_temp_dir("bad-inputs-cli");
    std::string output;
    const int code =
        testing::run_command("cd " + root_.string() + " && " + cli() + " -q demo", output);
    ASSERT_EQ(code, 0) << output;
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  static fs::path demo() { return root_ / "couverture-demo"; }

  int run(const std::string& arguments, std::string& output) {
    return testing::run_command("cd " + demo().string() + " && " + cli() + " " + arguments, output);
  }

  // The demo scenario with `from` replaced by `to` (a regex), saved as `name`.
  static fs::path variant(const std::string& name, const std::string& from, const std::string& to) {
    const std::string text = bytes_of(demo() / "scenario.toml");
    const std::string changed = std::regex_replace(text, std::regex(from), to);
    EXPECT_NE(changed, text) << from;
    std::ofstream(demo() / name) << changed;
    return demo() / name;
  }

  static fs::path root_;
};

fs::path BadInputsCommand::root_;

TEST_F(BadInputsCommand, UnknownSubcommandIsNamedWithTheSubcommands) {
  std::string output;
  EXPECT_EQ(run("rnu scenario.toml", output), 2) << output;
  expect_all(output, {"unknown subcommand 'rnu'", "run", "isochrones", "compare", "--help"});
  EXPECT_EQ(run("network biuld --osm roads.osm.pbf", output), 2) << output;
  expect_all(output, {"unknown subcommand 'network biuld'", "build, info"});
  // A known command's own errors stay CLI11's.
  EXPECT_EQ(run("run --bogus scenario.toml", output), 2) << output;
  expect_all(output, {"--bogus"});
  EXPECT_EQ(output.find("unknown subcommand"), std::string::npos) << output;
}

TEST_F(BadInputsCommand, AnInputGivenAsTheOutputIsRefusedAndLeftUntouched) {
  const std::string communes = bytes_of(demo() / "communes.gpkg");
  const auto written = fs::last_write_time(demo() / "communes.gpkg");
  std::string output;
  EXPECT_EQ(run("run scenario.toml -o communes.gpkg --overwrite", output), 1) << output;
  expect_all(output, {"communes.gpkg", "also an input", "-o"});
  EXPECT_EQ(bytes_of(demo() / "communes.gpkg"), communes);
  EXPECT_EQ(fs::last_write_time(demo() / "communes.gpkg"), written);
  // Under another name (./), and the scenario file itself.
  const std::string scenario = bytes_of(demo() / "scenario.toml");
  EXPECT_EQ(run("run scenario.toml -o ./scenario.toml --overwrite", output), 1) << output;
  expect_all(output, {"scenario.toml", "also an input"});
  EXPECT_EQ(bytes_of(demo() / "scenario.toml"), scenario);
  // A spreadsheet export over its own GeoPackage.
  const std::string results = bytes_of(root_ / "couverture-demo.gpkg");
  EXPECT_EQ(run("export ../couverture-demo.gpkg -o ../couverture-demo.gpkg --overwrite", output), 1)
      << output;
  expect_all(output, {"couverture-demo.gpkg", "also an input"});
  EXPECT_EQ(bytes_of(root_ / "couverture-demo.gpkg"), results);
}

TEST_F(BadInputsCommand, ThousandsOfThresholdsAreRefusedBeforeComputing) {
  // Half-minute steps: 2,500 thresholds, all within the one-day bound.
  std::string list;
  for (int t = 1; t <= 2500; ++t) {
    list += (t > 1 ? ", " : "") + std::to_string(t / 2) + (t % 2 == 1 ? ".5" : ".0");
  }
  variant("wide.toml", R"(thresholds_minutes = \[[^\]]*\])", "thresholds_minutes = [" + list + "]");
  std::string output;
  EXPECT_EQ(run("run wide.toml -o wide.gpkg", output), 1) << output;
  expect_all(output, {"wide.toml", "[analysis] thresholds_minutes", "2500 thresholds", "2000",
                      "keep at most"});
  EXPECT_FALSE(fs::exists(demo() / "wide.gpkg"));
  // Refused before the road network is even loaded.
  EXPECT_EQ(output.find("loading the road network"), std::string::npos) << output;
}

TEST_F(BadInputsCommand, HundredsOfThresholdsAreRefusedBeforeComputingToo) {
  // 170 thresholds: the coverage columns alone fit (6 services x 173), the
  // accessibility columns (one more per threshold) do not; SQLite used to
  // refuse the table only after the whole run.
  std::string list;
  for (int t = 1; t <= 170; ++t) list += (t > 1 ? ", " : "") + std::to_string(t) + ".0";
  variant("hundreds.toml", R"(thresholds_minutes = \[[^\]]*\])",
          "thresholds_minutes = [" + list + "]");
  std::string output;
  EXPECT_EQ(run("run hundreds.toml -o hundreds.gpkg", output), 1) << output;
  expect_all(output,
             {"hundreds.toml", "[analysis] thresholds_minutes", "170 thresholds", "keep at most"});
  EXPECT_FALSE(fs::exists(demo() / "hundreds.gpkg"));
  EXPECT_EQ(output.find("loading the road network"), std::string::npos) << output;
}

TEST_F(BadInputsCommand, RoadNetworkOfAnotherAreaIsRefused) {
  // A commune in Brittany, the demo's roads in the Vosges.
  std::ofstream(demo() / "brittany.geojson")
      << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
      << R"({"code_insee":"29019","nom":"Brest","population":140000},"geometry":)"
      << R"({"type":"Polygon","coordinates":[[[-4.55,48.36],[-4.42,48.36],[-4.42,48.44],)"
      << R"([-4.55,48.44],[-4.55,48.36]]]}}]})";
  variant("brest.toml", R"(path = 'communes.gpkg')", "path = 'brittany.geojson'");
  std::string output;
  // The layer is named after the file (read before the file is rewritten).
  const fs::path scenario = demo() / "brest.toml";
  const std::string text = std::regex_replace(bytes_of(scenario), std::regex("layer = 'communes'"),
                                              "layer = 'brittany'");
  std::ofstream(scenario) << text;
  EXPECT_EQ(run("run brest.toml -o brest.gpkg", output), 1) << output;
  expect_all(output, {"roads.osm.pbf", "brittany.geojson", "another area", "network.path"});
  EXPECT_FALSE(fs::exists(demo() / "brest.gpkg"));
}

TEST_F(BadInputsCommand, FolderGivenAsScenarioIsSaidToBeAFolder) {
  std::string output;
  EXPECT_EQ(run("run " + demo().string(), output), 1) << output;
  expect_all(output, {"couverture-demo", "is a folder", ".toml"});
}

TEST_F(BadInputsCommand, FolderGivenAsOutputIsRefusedBeforeComputing) {
  fs::create_directories(demo() / "results");
  std::string output;
  EXPECT_EQ(run("run scenario.toml -o results --overwrite", output), 1) << output;
  expect_all(output, {"results", "is a folder"});
  EXPECT_TRUE(fs::is_directory(demo() / "results"));
}

TEST_F(BadInputsCommand, StaleTemporariesOfAKilledRunAreRemovedAndReported) {
  // pid_max is at most 2^22: process 4194999 never runs.
  const fs::path stale = demo() / ".stale.tmp-4194999-42.gpkg";
  const fs::path journal = demo() / ".stale.tmp-4194999-42.gpkg-journal";
  std::ofstream(stale) << std::string(4096, 'x');
  std::ofstream(journal) << "journal";
  const fs::path foreign = demo() / ".notes.tmp.txt";  // not our pattern
  std::ofstream(foreign) << "keep";
  std::string output;
  ASSERT_EQ(run("run scenario.toml -o stale.gpkg", output), 0) << output;
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(journal));
  EXPECT_TRUE(fs::exists(foreign));
  expect_all(output, {"warning", ".stale.tmp-4194999-42.gpkg", "removed the temporary file",
                      "process 4194999"});
}

TEST(FailureReport, KernelArgumentErrorsAreReportedAsBugsNotAsData) {
  const auto report = [](const std::exception_ptr& failure, std::string& text) {
    std::ostringstream err;
    const int code = cli::report_failure(failure, err);
    text = err.str();
    return code;
  };
  std::string text;
  EXPECT_EQ(report(std::make_exception_ptr(std::out_of_range("vector::_M_range_check")), text),
            cli::kExitInternal);
  expect_all(text,
             {"couverture: internal error: vector::_M_range_check", "please report", "scenario"});
  EXPECT_EQ(report(std::make_exception_ptr(std::invalid_argument("radius < 0")), text), 3);
  expect_all(text, {"internal error: radius < 0"});
  EXPECT_EQ(report(std::make_exception_ptr(DataError("f.csv, line 2: bad")), text), 1);
  EXPECT_EQ(text, "couverture: error: f.csv, line 2: bad\n");
  EXPECT_EQ(report(std::make_exception_ptr(cli::UsageError("--sites must be >= 1")), text), 2);
  EXPECT_EQ(text, "couverture: --sites must be >= 1\n");
  EXPECT_EQ(report(std::make_exception_ptr(std::runtime_error("disk full")), text), 1);
  EXPECT_EQ(report(std::make_exception_ptr(42), text), 3);
}

}  // namespace
}  // namespace couverture
