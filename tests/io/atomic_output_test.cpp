#include "couverture/io/atomic_output.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "couverture/geodata/data_error.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AtomicOutput, RefusesAnExistingTargetWithoutOverwrite) {
  const auto dir = testing::make_temp_dir("atomic");
  std::ofstream(dir / "out.gpkg") << "previous";
  EXPECT_THROW(AtomicOutput(dir / "out.gpkg", false), DataError);
  EXPECT_EQ(read_all(dir / "out.gpkg"), "previous");
  std::filesystem::remove_all(dir);
}

TEST(AtomicOutput, UncommittedWorkLeavesTheTargetIntactAndNoTemporary) {
  const auto dir = testing::make_temp_dir("atomic");
  std::ofstream(dir / "out.gpkg") << "previous";
  {
    AtomicOutput output(dir / "out.gpkg", true);
    EXPECT_EQ(output.temporary().parent_path(), dir);
    EXPECT_EQ(output.temporary().extension(), ".gpkg");
    std::ofstream(output.temporary()) << "half";
  }  // destroyed without commit, as when an exception unwinds
  EXPECT_EQ(read_all(dir / "out.gpkg"), "previous");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  std::filesystem::remove_all(dir);
}

TEST(AtomicOutput, CommitReplacesTheTarget) {
  const auto dir = testing::make_temp_dir("atomic");
  std::ofstream(dir / "out.gpkg") << "previous";
  {
    AtomicOutput output(dir / "out.gpkg", true);
    std::ofstream(output.temporary()) << "new";
    output.commit();
  }
  EXPECT_EQ(read_all(dir / "out.gpkg"), "new");
  std::filesystem::remove_all(dir);
}

TEST(AtomicOutput, MissingFolderIsADataError) {
  EXPECT_THROW(AtomicOutput("/nonexistent-folder/out.gpkg", false), DataError);
}

}  // namespace
}  // namespace couverture
