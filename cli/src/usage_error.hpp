#pragma once

#include <stdexcept>

namespace couverture::cli {

// A wrong command line or option: main() maps it to exit code 2. Only the
// command line knows about options, so only cli throws it; the libraries
// below throw DataError.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace couverture::cli
