#include "test_support.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <random>

namespace couverture::testing {

std::filesystem::path shared_data(const std::string& relative) {
  std::filesystem::path path = std::filesystem::path(COUVERTURE_SHARED_DATA) / relative;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return {};
  return path;
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
  std::random_device device;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto path = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(device()));
    if (std::filesystem::create_directory(path)) return path;
  }
  throw std::runtime_error("cannot create a temporary directory");
}

int run_command(const std::string& command, std::string& output) {
  output.clear();
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace couverture::testing
