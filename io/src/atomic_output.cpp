#include "couverture/io/atomic_output.hpp"

#include <unistd.h>

#include <random>

#include "couverture/geodata/data_error.hpp"

namespace couverture {

namespace fs = std::filesystem;

void check_output_path(const fs::path& target, bool overwrite) {
  std::error_code error;
  if (!overwrite && fs::exists(target, error)) {
    throw DataError(target.string() +
                    ": output exists; pass --overwrite to replace it, or choose another path");
  }
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, error)) {
    throw DataError(target.string() + ": output folder " + folder.string() +
                    " does not exist; create it first");
  }
}

AtomicOutput::AtomicOutput(fs::path target, bool overwrite) : target_(std::move(target)) {
  check_output_path(target_, overwrite);
  const fs::path folder = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::random_device random;
  // Keep the extension: GDAL picks the driver from it.
  std::string name = ".";
  name += target_.stem().string();
  name += ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(random() % 100000);
  name += target_.extension().string();
  temporary_ = folder / name;
}

AtomicOutput::~AtomicOutput() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove(temporary_, ignored);
  fs::remove(temporary_.string() + "-journal", ignored);
  fs::remove(temporary_.string() + "-wal", ignored);
  fs::remove(temporary_.string() + "-shm", ignored);
}

void AtomicOutput::commit() {
  std::error_code error;
  fs::rename(temporary_, target_, error);
  if (error) {
    throw DataError(target_.string() + ": cannot move the finished output into place (" +
                    error.message() + ")");
  }
  committed_ = true;
}

}  // namespace couverture
