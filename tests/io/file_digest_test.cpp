#include "couverture/io/file_digest.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

TEST(Sha256File, MatchesTheKnownDigestOfAbc) {
  const auto dir = testing::make_temp_dir("digest");
  const auto path = dir / "abc.txt";
  std::ofstream(path) << "abc";
  // FIPS 180-2 test vector for "abc".
  EXPECT_EQ(sha256_file(path), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::filesystem::remove_all(dir);
}

TEST(Sha256File, MissingFileIsADataErrorNamingIt) {
  try {
    sha256_file("/nonexistent/file.pbf");
    FAIL();
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/file.pbf"), std::string::npos);
  }
}

}  // namespace
}  // namespace couverture
