#include "failure_report.hpp"

#include <new>
#include <stdexcept>

#include "couverture/geodata/data_error.hpp"
#include "usage_error.hpp"

namespace couverture::cli {

namespace {

int internal_error(std::ostream& err, const char* what) {
  err << "couverture: internal error: " << what
      << " — please report this with the scenario and its input files\n";
  return kExitInternal;
}

}  // namespace

int report_failure(const std::exception_ptr& failure, std::ostream& err) {
  try {
    std::rethrow_exception(failure);
  } catch (const UsageError& error) {
    err << "couverture: " << error.what() << '\n';
    return kExitUsage;
  } catch (const DataError& error) {
    err << "couverture: error: " << error.what() << '\n';
    return kExitData;
  } catch (const std::logic_error& error) {
    // invalid_argument, out_of_range, domain_error, length_error.
    return internal_error(err, error.what());
  } catch (const std::bad_alloc&) {
    err << "couverture: error: out of memory; run a smaller territory or free memory\n";
    return kExitData;
  } catch (const std::exception& error) {
    // Files that cannot be read or written (filesystem_error, TOML, JSON).
    err << "couverture: error: " << error.what() << '\n';
    return kExitData;
  } catch (...) {
    return internal_error(err, "an unknown exception");
  }
}

}  // namespace couverture::cli
