#include "couverture/io/atomic_output.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <random>
#include <regex>
#include <utility>

#include "couverture/geodata/data_error.hpp"

namespace couverture {

namespace fs = std::filesystem;

void check_output_path(const fs::path& target, bool overwrite) {
  std::error_code error;
  if (fs::is_directory(target, error)) {
    throw DataError(target.string() + ": is a folder; give the output a file name, e.g. " +
                    (target / "couverture.gpkg").string());
  }
  if (!overwrite && fs::exists(target, error)) {
    throw DataError(target.string() +
                    ": output exists; pass --overwrite to replace it, or choose another path");
  }
  // The temporary beside the target is longer than the target by the
  // ".tmp-<pid>-<n>" part and a "-journal" suffix.
  constexpr std::size_t kTemporaryExtra = 32;
  const std::size_t name_max = static_cast<std::size_t>(NAME_MAX);
  if (target.filename().string().size() + kTemporaryExtra > name_max ||
      fs::absolute(target, error).string().size() + kTemporaryExtra >
          static_cast<std::size_t>(PATH_MAX)) {
    throw DataError(target.string().substr(0, 60) + "...: output name too long (file names " +
                    "are limited to " + std::to_string(name_max - kTemporaryExtra) +
                    " characters here); choose a shorter name");
  }
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, error)) {
    throw DataError(target.string() + ": output folder " + folder.string() +
                    " does not exist; create it first");
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    throw DataError(target.string() + ": cannot write in the output folder " + folder.string() +
                    " (" + std::strerror(errno) + "); choose a folder you can write to");
  }
}

std::vector<std::string> remove_stale_temporaries(const fs::path& folder) {
  // AtomicOutput's names: ".<stem>.tmp-<pid>-<n><ext>", with SQLite's
  // "-journal", "-wal" or "-shm" beside it.
  static const std::regex pattern(
      R"(\..*\.tmp-([0-9]{1,9})-[0-9]{1,5}(\.[A-Za-z0-9]{1,8})?(-journal|-wal|-shm)?)");
  std::error_code error;
  const fs::path where = folder.empty() ? fs::path(".") : folder;
  // Listed first, removed after: the folder is not changed while read.
  std::vector<std::pair<fs::path, std::string>> stale;  // path, pid
  for (fs::directory_iterator it(where, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    std::smatch match;
    if (!std::regex_match(name, match, pattern)) continue;
    if (it->symlink_status(error).type() != fs::file_type::regular) continue;
    const auto pid = static_cast<pid_t>(std::stol(match[1].str()));
    // ESRCH: no such process. A live process (or one we may not signal,
    // EPERM) may still be writing it.
    if (pid == getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    stale.emplace_back(it->path(), match[1].str());
  }
  std::vector<std::string> removed;
  for (const auto& [path, pid] : stale) {
    const auto bytes = fs::file_size(path, error);
    if (fs::remove(path, error)) {
      removed.push_back(path.string() + ": removed the temporary file (" +
                        std::to_string(error ? 0 : bytes / 1024) + " kB) left by process " + pid +
                        ", which stopped before finishing its output");
    }
  }
  return removed;
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
