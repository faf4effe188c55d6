#pragma once

#include <exception>
#include <ostream>

namespace couverture::cli {

// The exit codes of `couverture` (README, "Exit codes").
constexpr int kExitOk = 0;
constexpr int kExitData = 1;      // bad input data, or a file that cannot be read or written
constexpr int kExitUsage = 2;     // a wrong command line or option
constexpr int kExitInternal = 3;  // a bug: the inputs passed every check and a kernel refused

// Prints the one line that explains `failure` to `err` and returns its exit
// code. Kernels check their arguments with std::invalid_argument,
// std::out_of_range and other std::logic_error: such a failure escaping to
// here means the checks before them let something through, so it is
// reported as a bug to send in, not as bad data to fix.
int report_failure(const std::exception_ptr& failure, std::ostream& err);

}  // namespace couverture::cli
