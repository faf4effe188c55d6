#pragma once

#include <filesystem>
#include <string>

namespace couverture {

// Hex SHA-256 of a file's bytes (recorded in run_info for provenance).
std::string sha256_file(const std::filesystem::path& path);

}  // namespace couverture
