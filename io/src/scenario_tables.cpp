#include "scenario_tables.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace couverture::scenario_tables {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_spelling(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

fs::path TableReader::origin(const toml::node& node) const {
  const auto& source = node.source().path;
  return source && !source->empty() ? fs::path(*source) : file_;
}

std::string TableReader::where(const toml::node& node, std::string_view key) const {
  std::ostringstream text;
  text << origin(node).string() << ", line " << node.source().begin.line << ": key '" << prefix_
       << key << "'";
  return text.str();
}

const toml::node* TableReader::find(std::string_view key) {
  known_.emplace(key);
  return table_.get(key);
}

std::optional<std::string> TableReader::text(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) throw DataError(where(*node, key) + " must be a text in quotes");
  return std::string(*node->value<std::string>());
}

std::string TableReader::required_text(std::string_view key) {
  auto value = text(key);
  if (!value || value->empty()) {
    reject_misspelling_of(key);
    throw DataError(origin(table_).string() + ": missing key '" + prefix_ + std::string(key) +
                    "' (see docs/scenario.md)");
  }
  return *value;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_integer()) throw DataError(where(*node, key) + " must be a whole number");
  return *node->value<std::int64_t>();
}

std::optional<double> TableReader::number(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_number()) throw DataError(where(*node, key) + " must be a number");
  return *node->value<double>();
}

double TableReader::positive_number(std::string_view key, double fallback) {
  const auto value = number(key);
  if (!value) return fallback;
  if (!(*value > 0.0) || !std::isfinite(*value)) {
    throw DataError(where(*table_.get(key), key) + " must be a number greater than zero");
  }
  return *value;
}

double TableReader::number_between(std::string_view key, double fallback, double minimum,
                                   double maximum, std::string_view hint) {
  const auto value = number(key);
  if (!value) return fallback;
  if (!(std::isfinite(*value) && *value >= minimum && *value <= maximum)) {
    std::ostringstream text;
    text << where(*table_.get(key), key) << ": " << *value << " is outside " << minimum << " to "
         << maximum << "; " << hint;
    throw DataError(text.str());
  }
  return *value;
}

double TableReader::minutes(std::string_view key, double fallback, std::string_view hint) {
  const auto value = number(key);
  if (!value) return fallback;
  if (!threshold_in_bounds(*value)) {
    throw DataError(where(*table_.get(key), key) + ": " + number_text(*value) +
                    " is not a number of minutes above 0 and at most " +
                    number_text(kMaxThresholdMinutes) + " (one day); give " + std::string(hint));
  }
  return *value;
}

double TableReader::bounded_number(std::string_view key, double fallback, double minimum,
                                   bool strict) {
  const auto value = number(key);
  if (!value) return fallback;
  const bool ok = std::isfinite(*value) && (strict ? *value > minimum : *value >= minimum);
  if (!ok) {
    std::ostringstream bound;
    bound << minimum;
    throw DataError(where(*table_.get(key), key) +
                    (strict ? " must be greater than " : " must be at least ") + bound.str());
  }
  return *value;
}

std::string TableReader::choice(std::string_view key, const std::string& fallback,
                                const std::vector<std::string>& choices) {
  auto value = text(key);
  if (!value) return fallback;
  if (std::find(choices.begin(), choices.end(), *value) != choices.end()) return *value;
  std::string message = where(*table_.get(key), key) + ": unknown value '" + *value + "'";
  const std::string best = closest_spelling(*value, choices);
  message += best.empty() ? "; use one of: " : "; did you mean '" + best + "'? Use one of: ";
  message += joined(choices);
  throw DataError(message);
}

void TableReader::reject_missing(std::string_view key, std::string_view hint) const {
  reject_misspelling_of(key);
  std::ostringstream text;
  text << origin(table_).string() << ", line " << table_.source().begin.line << ": missing key '"
       << prefix_ << key << "' (" << hint << ")";
  throw DataError(text.str());
}

std::string TableReader::where_table() const {
  std::ostringstream text;
  text << origin(table_).string() << ", line " << table_.source().begin.line << ": table ["
       << prefix_.substr(0, prefix_.empty() ? 0 : prefix_.size() - 1) << "]";
  return text.str();
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) throw DataError(where(*node, key) + " must be true or false");
  return *node->value<bool>();
}

std::vector<std::string> TableReader::text_list(std::string_view key) {
  const toml::node* node = find(key);
  std::vector<std::string> values;
  if (node == nullptr) return values;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    throw DataError(where(*node, key) + " must be a list of texts, e.g. [\"private\"]");
  }
  for (const toml::node& value : *array) {
    if (!value.is_string()) {
      throw DataError(where(value, key) + " holds a value that is not a text in quotes");
    }
    values.push_back(*value.value<std::string>());
  }
  return values;
}

std::optional<std::vector<double>> TableReader::minutes_list(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return std::nullopt;
  const toml::array* values = node->as_array();
  if (values == nullptr || values->empty()) {
    throw DataError(where(*node, key) + " must be a list of minutes, e.g. [5, 10, 15, 20]");
  }
  std::vector<double> sorted;
  for (const toml::node& value : *values) {
    const auto minutes = value.value<double>();
    if (!minutes || !threshold_in_bounds(*minutes)) {
      std::ostringstream text;
      text << where(value, key) << " holds " << (minutes ? number_text(*minutes) : "a value")
           << ", not a number of minutes above 0 and at most " << kMaxThresholdMinutes
           << " (one day); give minutes, e.g. [5, 10, 15, 20]";
      throw DataError(text.str());
    }
    sorted.push_back(*minutes);
  }
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

std::optional<fs::path> TableReader::path(std::string_view key) {
  auto value = text(key);
  if (!value) return std::nullopt;
  fs::path p(*value);
  return p.is_absolute() ? p : (origin(*table_.get(key)).parent_path() / p).lexically_normal();
}

fs::path TableReader::required_path(std::string_view key) {
  required_text(key);
  return *path(key);
}

std::string TableReader::required_text(std::string_view key, std::string_view hint) {
  if (find(key) == nullptr) reject_missing(key, hint);
  return required_text(key);
}

fs::path TableReader::required_path(std::string_view key, std::string_view hint) {
  if (find(key) == nullptr) reject_missing(key, hint);
  return required_path(key);
}

std::string TableReader::code_field(const std::string& fallback) {
  std::string field = text("code_field").value_or(fallback);
  if (field.empty()) {
    throw DataError(where(*table_.get("code_field"), "code_field") +
                    " must name the column holding the INSEE code");
  }
  return field;
}

const toml::table* TableReader::subtable(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table())
    throw DataError(where(*node, key) + " must be a table [" + prefix_ + std::string(key) + "]");
  return node->as_table();
}

void TableReader::reject_misspelling_of(std::string_view missing) const {
  for (const auto& [key, node] : table_) {
    if (known_.count(std::string(key.str())) != 0) continue;
    if (key.str() != missing && edit_distance(key.str(), missing) <= 2) {
      throw DataError(where(node, key.str()) + " is not a scenario key; did you mean '" + prefix_ +
                      std::string(missing) + "'?");
    }
  }
}

void TableReader::reject_unknown_keys() const {
  for (const auto& [key, node] : table_) {
    if (known_.count(std::string(key.str())) != 0) continue;
    std::string message = where(node, key.str()) + " is not a scenario key";
    const std::string best =
        closest_spelling(key.str(), std::vector<std::string>(known_.begin(), known_.end()));
    if (!best.empty())
      message += "; did you mean '" + prefix_ + best + "'?";
    else
      message += "; see docs/scenario.md for the keys";
    throw DataError(message);
  }
}

std::string number_text(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace couverture::scenario_tables
