#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace couverture {

// Checks each of a command's outputs before any work (check_output_path:
// exists without `overwrite`, a folder, a missing or read-only folder, a
// name too long), and refuses one that is one of `inputs` (the same file
// under another name included: a hard or symbolic link, "./a" and "a"),
// which `overwrite` would replace by the result. Then removes the stale
// temporaries of killed runs from the outputs' folders
// (remove_stale_temporaries); returns one warning per file removed.
std::vector<std::string> prepare_outputs(const std::vector<std::filesystem::path>& outputs,
                                         const std::vector<std::filesystem::path>& inputs,
                                         bool overwrite);

}  // namespace couverture
