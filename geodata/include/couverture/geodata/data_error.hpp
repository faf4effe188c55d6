#pragma once

#include <stdexcept>
#include <string>

namespace couverture {

// Bad input data or a processing failure: the CLI maps it to exit code 1.
// The message names the file (and layer, record or line) and the fix.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A wrong command line or option: the CLI maps it to exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace couverture
