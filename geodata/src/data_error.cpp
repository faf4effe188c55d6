#include "couverture/geodata/data_error.hpp"

namespace couverture {

namespace {

void append(std::string& text, const std::string& part) {
  if (part.empty()) return;
  if (!text.empty()) text += ", ";
  text += part;
}

std::string full_message(const DataContext& context, const std::string& problem) {
  const std::string place = context.text();
  return place.empty() ? problem : place + ": " + problem;
}

}  // namespace

bool DataContext::empty() const {
  return file.empty() && layer.empty() && key.empty() && !line && record.empty();
}

std::string DataContext::text() const {
  std::string place;
  append(place, file);
  append(place, layer.empty() ? std::string() : "layer '" + layer + "'");
  append(place, key);
  append(place, line ? "line " + std::to_string(*line) : std::string());
  append(place, record);
  return place;
}

DataError::DataError(const std::string& message) : std::runtime_error(message), problem_(message) {}

DataError::DataError(DataContext context, std::string problem)
    : std::runtime_error(full_message(context, problem)),
      context_(std::move(context)),
      problem_(std::move(problem)) {}

DataError DataError::with_context(const DataContext& outer) const {
  // A message built without context may name places the outer one does not
  // know about; it stays the problem, and the outer place goes in front.
  DataContext merged = context_;
  if (merged.file.empty()) merged.file = outer.file;
  if (merged.layer.empty()) merged.layer = outer.layer;
  if (merged.key.empty()) merged.key = outer.key;
  if (!merged.line) merged.line = outer.line;
  if (merged.record.empty()) merged.record = outer.record;
  return {std::move(merged), problem_};
}

}  // namespace couverture
