#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace couverture {

// Where in the inputs a DataError lies; every part is optional. It is shown
// in front of the problem as "<file>, layer 'L', K, line N, R: ", so that a
// planner sees one line naming the place and then what is wrong and the fix.
// The "= {}" let callers name only the parts they know, {.file = f,
// .key = k}, without GCC's -Wmissing-field-initializers.
struct DataContext {
  std::string file = {};   // a path, as the user wrote it or resolved
  std::string layer = {};  // a layer of a multi-layer source
  std::string key = {};  // a scenario key or table ("[changes]", "communes.crs", "--evaluate 'x'")
  std::optional<std::int64_t> line = {};  // a line of a text file
  std::string record = {};                // a record ("feature 12", "facility c-3")

  [[nodiscard]] bool empty() const;
  // "<file>, layer 'L', K, line N, R", without the parts that are empty.
  [[nodiscard]] std::string text() const;
};

// Bad input data or a processing failure: the CLI maps it to exit code 1.
// The message names the file (and layer, key, line or record) and the fix.
// Readers that know where they are build it with a DataContext; the layers
// above that know more (which file an engine's records came from) add it
// once with with_data_context instead of catching and concatenating.
class DataError : public std::runtime_error {
 public:
  // A message that already carries its place (or needs none).
  explicit DataError(const std::string& message);
  DataError(DataContext context, std::string problem);

  [[nodiscard]] const DataContext& context() const { return context_; }
  // The message without the context: what is wrong, and the fix.
  [[nodiscard]] const std::string& problem() const { return problem_; }
  // This error with the parts of `outer` it lacks (the file, the key...);
  // the inner, more precise parts win.
  [[nodiscard]] DataError with_context(const DataContext& outer) const;

 private:
  DataContext context_;
  std::string problem_;
};

// Runs `work`; a DataError escaping it gets the parts of `context` it lacks.
template <typename Work>
decltype(auto) with_data_context(const DataContext& context, Work&& work) {
  try {
    return std::forward<Work>(work)();
  } catch (const DataError& error) {
    throw error.with_context(context);
  }
}

}  // namespace couverture
