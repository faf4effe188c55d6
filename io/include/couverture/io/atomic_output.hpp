#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace couverture {

// Throws DataError when `target` exists and `overwrite` is false, is a
// folder, has a name too long for the file system, or when its folder does
// not exist or is not writable: called before long work, so a run fails at
// once rather than after it.
void check_output_path(const std::filesystem::path& target, bool overwrite);

// Removes from `folder` the temporary files of AtomicOutput (and their
// SQLite journals) left by processes that no longer run (killed with
// kill -9, or a power cut); only names of our exact pattern, whose process
// id is gone. Returns one line per file removed, for the run's warnings.
std::vector<std::string> remove_stale_temporaries(const std::filesystem::path& folder);

// An output written to a temporary file beside its target and renamed over
// it only on commit(), so a failure never leaves a damaged or half-written
// target and an existing target survives until the new one is complete.
// Refuses (DataError) an existing target unless `overwrite` is true.
class AtomicOutput {
 public:
  AtomicOutput(std::filesystem::path target, bool overwrite);
  ~AtomicOutput();  // removes the temporary file unless committed
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  // Where to write; same folder and extension as the target.
  [[nodiscard]] const std::filesystem::path& temporary() const { return temporary_; }
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

}  // namespace couverture
