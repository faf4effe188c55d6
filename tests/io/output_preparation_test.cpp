#include "couverture/io/output_preparation.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "couverture/geodata/data_error.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

class OutputPreparation : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("output-preparation"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }
  std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // The message prepare_outputs throws for `output`, or "" when it passes.
  static std::string refusal(const fs::path& output, const std::vector<fs::path>& inputs) {
    try {
      prepare_outputs({output}, inputs, true);
    } catch (const DataError& error) {
      return error.what();
    }
    return "";
  }
  fs::path dir_;
};

TEST_F(OutputPreparation, RefusesAnOutputThatIsAnInputUnderAnyName) {
  const fs::path input = write("communes.gpkg", "the input");
  fs::create_hard_link(input, dir_ / "hard.gpkg");
  fs::create_symlink(input, dir_ / "soft.gpkg");
  for (const fs::path& output :
       {input, dir_ / "hard.gpkg", dir_ / "soft.gpkg", dir_ / "." / "communes.gpkg"}) {
    SCOPED_TRACE(output);
    const std::string message = refusal(output, {dir_ / "other.csv", input});
    EXPECT_EQ(message, output.string() + ": this output is also an input of the run (" +
                           input.string() +
                           "); writing it would destroy the input: choose another output path "
                           "with -o");
  }
  EXPECT_EQ(read(input), "the input");
  // Another name in the same folder is no input: it passes (with --overwrite).
  EXPECT_EQ(refusal(dir_ / "result.gpkg", {input}), "");
}

TEST_F(OutputPreparation, ChecksEachOutputPathBeforeAnyWork) {
  write("out.gpkg", "previous");
  EXPECT_THROW(prepare_outputs({dir_ / "new.gpkg", dir_ / "out.gpkg"}, {}, false), DataError);
  EXPECT_NO_THROW(prepare_outputs({dir_ / "new.gpkg", dir_ / "out.gpkg"}, {}, true));
  EXPECT_THROW(prepare_outputs({dir_ / "missing" / "out.gpkg"}, {}, true), DataError);
  EXPECT_EQ(read(dir_ / "out.gpkg"), "previous");
}

TEST_F(OutputPreparation, RemovesTheStaleTemporariesOfTheOutputsFoldersOnce) {
  // pid_max is at most 4194304 (2^22): this process cannot exist.
  write(".out.tmp-4194999-7.gpkg", "left by a killed run");
  const std::string alive = ".out.tmp-" + std::to_string(getpid()) + "-1.gpkg";
  write(alive, "being written");
  // Two outputs in one folder: the folder is cleaned once.
  const std::vector<std::string> warnings =
      prepare_outputs({dir_ / "out.gpkg", dir_ / "." / "out.qml"}, {}, false);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find(".out.tmp-4194999-7.gpkg"), std::string::npos) << warnings[0];
  EXPECT_FALSE(fs::exists(dir_ / ".out.tmp-4194999-7.gpkg"));
  EXPECT_TRUE(fs::exists(dir_ / alive));
}

}  // namespace
}  // namespace couverture
