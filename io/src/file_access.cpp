#include "file_access.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "couverture/geodata/data_error.hpp"

namespace couverture {

void require_openable(const std::filesystem::path& file) {
  if (std::FILE* opened = std::fopen(file.c_str(), "rb")) {
    std::fclose(opened);
    return;
  }
  const int reason = errno;
  throw DataError(file.string() + ": cannot open the file (" + std::strerror(reason) +
                  (reason == EACCES ? "); give yourself read access (chmod u+r) or copy it"
                                    : "); check the file"));
}

}  // namespace couverture
