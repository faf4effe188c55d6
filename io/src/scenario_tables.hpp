#pragma once

// Private to the scenario reader and writer (scenario_reader.cpp,
// scenario_writer.cpp, scenario_variant.cpp, scenario_siting.cpp...): the
// checked reading of one TOML table, and the readers and writers of the
// tables that live in their own files.

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/travel_thresholds.hpp"
#include "couverture/io/scenario.hpp"

namespace couverture::scenario_tables {

namespace fs = std::filesystem;

inline std::size_t edit_distance(std::string_view a, std::string_view b) {
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

// The candidate closest to `word` within two edits, or "" when none is.
inline std::string closest_spelling(std::string_view word,
                                    const std::vector<std::string>& candidates) {
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

inline std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

inline std::string number_text(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

// Reads the keys of one TOML table, remembering which were used so that the
// rest can be reported as unknown (with the closest known spelling).
class TableReader {
 public:
  TableReader(const fs::path& file, const toml::table& table, std::string prefix)
      : file_(file), table_(table), prefix_(std::move(prefix)) {}

  // The file that wrote `node`: toml++ keeps each node's source file, and
  // merging a variant into its baseline moves nodes, keeping it; a node
  // made in code has none and belongs to the file being read.
  fs::path origin(const toml::node& node) const {
    const auto& source = node.source().path;
    return source && !source->empty() ? fs::path(*source) : file_;
  }

  std::string where(const toml::node& node, std::string_view key) const {
    std::ostringstream text;
    text << origin(node).string() << ", line " << node.source().begin.line << ": key '" << prefix_
         << key << "'";
    return text.str();
  }

  const toml::node* find(std::string_view key) {
    known_.emplace(key);
    return table_.get(key);
  }

  std::optional<std::string> text(std::string_view key) {
    const toml::node* node = find(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_string()) throw DataError(where(*node, key) + " must be a text in quotes");
    return std::string(*node->value<std::string>());
  }

  std::string required_text(std::string_view key) {
    auto value = text(key);
    if (!value || value->empty()) {
      reject_misspelling_of(key);
      throw DataError(origin(table_).string() + ": missing key '" + prefix_ + std::string(key) +
                      "' (see docs/scenario.md)");
    }
    return *value;
  }

  // A whole number (TOML integer), e.g. an OSM way id or a count.
  std::optional<std::int64_t> integer(std::string_view key) {
    const toml::node* node = find(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_integer()) throw DataError(where(*node, key) + " must be a whole number");
    return *node->value<std::int64_t>();
  }

  std::optional<double> number(std::string_view key) {
    const toml::node* node = find(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_number()) throw DataError(where(*node, key) + " must be a number");
    return *node->value<double>();
  }

  // Finite and above zero (inf is not a distance or a speed).
  double positive_number(std::string_view key, double fallback) {
    const auto value = number(key);
    if (!value) return fallback;
    if (!(*value > 0.0) || !std::isfinite(*value)) {
      throw DataError(where(*table_.get(key), key) + " must be a number greater than zero");
    }
    return *value;
  }

  // A finite number in [minimum, maximum]; `hint` says what suits (and the
  // unit), e.g. "400 m suits a town".
  double number_between(std::string_view key, double fallback, double minimum, double maximum,
                        std::string_view hint) {
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

  // A finite number of at least `minimum` (strictly above it when `strict`).
  double bounded_number(std::string_view key, double fallback, double minimum, bool strict) {
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

  // One of `choices`, or `fallback` when absent; a misspelling is named.
  std::string choice(std::string_view key, const std::string& fallback,
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

  // One value of an enum's name table, or `fallback` when absent; a
  // misspelling is named with the accepted names.
  template <typename Enum, std::size_t N>
  Enum choice(std::string_view key, Enum fallback, const NameTable<Enum, N>& table) {
    const std::string name = choice(key, std::string(name_in(table, fallback)), names_in(table));
    return *value_in(table, name);
  }

  // The error for a key this table must have, with the table's own line.
  [[noreturn]] void reject_missing(std::string_view key, std::string_view hint) const {
    reject_misspelling_of(key);
    std::ostringstream text;
    text << origin(table_).string() << ", line " << table_.source().begin.line << ": missing key '"
         << prefix_ << key << "' (" << hint << ")";
    throw DataError(text.str());
  }

  // The table's own position, for errors about the table as a whole.
  std::string where_table() const {
    std::ostringstream text;
    text << origin(table_).string() << ", line " << table_.source().begin.line << ": table ["
         << prefix_.substr(0, prefix_.empty() ? 0 : prefix_.size() - 1) << "]";
    return text.str();
  }

  const std::string& prefix() const { return prefix_; }

  std::optional<bool> boolean(std::string_view key) {
    const toml::node* node = find(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_boolean()) throw DataError(where(*node, key) + " must be true or false");
    return *node->value<bool>();
  }

  // A list of texts, e.g. ["private", "destination"]; empty when absent.
  std::vector<std::string> text_list(std::string_view key) {
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

  // A sorted list of distinct positive minutes, e.g. [5, 10, 15, 20].
  std::optional<std::vector<double>> minutes_list(std::string_view key) {
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

  // Relative to the folder of the file that wrote the key: in a variant, a
  // key kept from the baseline resolves against the baseline's folder.
  std::optional<fs::path> path(std::string_view key) {
    auto value = text(key);
    if (!value) return std::nullopt;
    fs::path p(*value);
    return p.is_absolute() ? p : (origin(*table_.get(key)).parent_path() / p).lexically_normal();
  }

  fs::path required_path(std::string_view key) {
    required_text(key);
    return *path(key);
  }

  const toml::table* subtable(std::string_view key) {
    const toml::node* node = find(key);
    if (node == nullptr) return nullptr;
    if (!node->is_table())
      throw DataError(where(*node, key) + " must be a table [" + prefix_ + std::string(key) + "]");
    return node->as_table();
  }

  // A missing key is most often a misspelt one: name the misspelling (a key
  // already read is a right spelling of another key, not a misspelling).
  void reject_misspelling_of(std::string_view missing) const {
    for (const auto& [key, node] : table_) {
      if (known_.count(std::string(key.str())) != 0) continue;
      if (key.str() != missing && edit_distance(key.str(), missing) <= 2) {
        throw DataError(where(node, key.str()) + " is not a scenario key; did you mean '" +
                        prefix_ + std::string(missing) + "'?");
      }
    }
  }

  void reject_unknown_keys() const {
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

 private:
  const fs::path& file_;
  const toml::table& table_;
  std::string prefix_;
  std::set<std::string> known_;
};

// A scenario path as written back: relative to the folder the text is
// written for, so the folder can be moved with its inputs.
using PathWriter = std::function<std::string(const fs::path&)>;

// scenario_reader.cpp: every setting of a scenario from its (merged) root
// table; `file` is the scenario being read (name and changes are the
// caller's). Used to check a baseline on its own before a variant
// overrides it.
Scenario settings_from_table(const fs::path& file, const toml::table& root);

// scenario_reader.cpp: the keys of [facilities], or of [siting.candidates]
// (where type_field is optional).
FacilitySource read_facility_source(TableReader& reader, bool type_required);
// scenario_writer.cpp
toml::table facility_source_to_toml(const FacilitySource& source, const PathWriter& relative);

// scenario_variant.cpp: a scenario file with its baseline chain resolved.
struct LoadedScenario {
  fs::path file;            // absolute
  fs::path baseline;        // absolute; empty when the file has no `baseline`
  std::string name;         // after the variant naming rule
  toml::table root;         // merged settings, without name, baseline and changes
  ScenarioChanges changes;  // the baseline's, then this file's applied on top
};
// `chain` holds the variants being read (to refuse cycles).
LoadedScenario load_scenario_file(const fs::path& file, std::vector<fs::path>& chain);
toml::table changes_to_toml(const ScenarioChanges& changes);

// scenario_siting.cpp
SitingSettings read_siting_table(const fs::path& file, const toml::table* table);
toml::table siting_to_toml(const SitingSettings& siting, const PathWriter& relative);

// scenario_groups.cpp: [demand.groups].
std::vector<GroupSource> read_groups_table(const fs::path& file, const toml::table& table);
toml::table groups_to_toml(const std::vector<GroupSource>& groups, const PathWriter& relative);

// scenario_supply.cpp: [supply] (nullopt when absent).
std::optional<SupplySettings> read_supply_table(const fs::path& file, const toml::table* table);
toml::table supply_to_toml(const SupplySettings& supply, const PathWriter& relative);

}  // namespace couverture::scenario_tables
