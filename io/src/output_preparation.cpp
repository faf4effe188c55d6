#include "couverture/io/output_preparation.hpp"

#include <set>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"

namespace couverture {

namespace fs = std::filesystem;

namespace {

// The same file: one inode (hard links, symbolic links, "./a" and "a"), or
// for a file not there yet, the same normalised absolute path.
bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code error;
  if (fs::exists(a, error) && fs::exists(b, error)) {
    const bool same = fs::equivalent(a, b, error);
    if (!error) return same;
  }
  return fs::weakly_canonical(a, error) == fs::weakly_canonical(b, error);
}

}  // namespace

std::vector<std::string> prepare_outputs(const std::vector<fs::path>& outputs,
                                         const std::vector<fs::path>& inputs, bool overwrite) {
  for (const fs::path& output : outputs) {
    for (const fs::path& input : inputs) {
      if (!input.empty() && same_file(output, input)) {
        throw DataError(output.string() + ": this output is also an input of the run (" +
                        input.string() + "); writing it would destroy the input: choose " +
                        "another output path with -o");
      }
    }
    check_output_path(output, overwrite);
  }
  std::set<fs::path> folders;
  for (const fs::path& output : outputs) {
    std::error_code error;
    folders.insert(fs::weakly_canonical(fs::absolute(output, error), error).parent_path());
  }
  std::vector<std::string> warnings;
  for (const fs::path& folder : folders) {
    for (std::string& line : remove_stale_temporaries(folder)) warnings.push_back(std::move(line));
  }
  return warnings;
}

}  // namespace couverture
