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

// Levenshtein distance: the number of one-letter edits from `a` to `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` within two edits, or "" when none is.
std::string closest_spelling(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c".
std::string joined(const std::vector<std::string>& words);

// Reads the keys of one TOML table, remembering which were used so that the
// rest can be reported as unknown (with the closest known spelling).
class TableReader {
 public:
  TableReader(const fs::path& file, const toml::table& table, std::string prefix)
      : file_(file), table_(table), prefix_(std::move(prefix)) {}

  // The file that wrote `node`: toml++ keeps each node's source file, and
  // merging a variant into its baseline moves nodes, keeping it; a node
  // made in code has none and belongs to the file being read.
  fs::path origin(const toml::node& node) const;

  std::string where(const toml::node& node, std::string_view key) const;

  const toml::node* find(std::string_view key);

  std::optional<std::string> text(std::string_view key);

  std::string required_text(std::string_view key);
  // The same, naming what the key holds (`hint`) when it is absent.
  std::string required_text(std::string_view key, std::string_view hint);

  // A whole number (TOML integer), e.g. an OSM way id or a count.
  std::optional<std::int64_t> integer(std::string_view key);

  std::optional<double> number(std::string_view key);

  // Finite and above zero (inf is not a distance or a speed).
  double positive_number(std::string_view key, double fallback);

  // A finite number in [minimum, maximum]; `hint` says what suits (and the
  // unit), e.g. "400 m suits a town".
  double number_between(std::string_view key, double fallback, double minimum, double maximum,
                        std::string_view hint);

  // A number of minutes in (0, kMaxThresholdMinutes], as the thresholds;
  // `hint` says what the key is, with an example.
  double minutes(std::string_view key, double fallback, std::string_view hint);

  // A finite number of at least `minimum` (strictly above it when `strict`).
  double bounded_number(std::string_view key, double fallback, double minimum, bool strict);

  // One of `choices`, or `fallback` when absent; a misspelling is named.
  std::string choice(std::string_view key, const std::string& fallback,
                     const std::vector<std::string>& choices);

  // One value of an enum's name table, or `fallback` when absent; a
  // misspelling is named with the accepted names.
  template <typename Enum, std::size_t N>
  Enum choice(std::string_view key, Enum fallback, const NameTable<Enum, N>& table) {
    const std::string name = choice(key, std::string(name_in(table, fallback)), names_in(table));
    return *value_in(table, name);
  }

  // The error for a key this table must have, with the table's own line.
  [[noreturn]] void reject_missing(std::string_view key, std::string_view hint) const;

  // The table's own position, for errors about the table as a whole.
  std::string where_table() const;

  const std::string& prefix() const { return prefix_; }

  std::optional<bool> boolean(std::string_view key);

  // A list of texts, e.g. ["private", "destination"]; empty when absent.
  std::vector<std::string> text_list(std::string_view key);

  // A sorted list of distinct positive minutes, e.g. [5, 10, 15, 20].
  std::optional<std::vector<double>> minutes_list(std::string_view key);

  // Relative to the folder of the file that wrote the key: in a variant, a
  // key kept from the baseline resolves against the baseline's folder.
  std::optional<fs::path> path(std::string_view key);

  fs::path required_path(std::string_view key);
  fs::path required_path(std::string_view key, std::string_view hint);

  // Key `code_field` of a per-commune table: the column holding the INSEE
  // code, `fallback` when absent, never empty.
  std::string code_field(const std::string& fallback);

  const toml::table* subtable(std::string_view key);

  // A missing key is most often a misspelt one: name the misspelling (a key
  // already read is a right spelling of another key, not a misspelling).
  void reject_misspelling_of(std::string_view missing) const;

  void reject_unknown_keys() const;

 private:
  const fs::path& file_;
  const toml::table& table_;
  std::string prefix_;
  std::set<std::string> known_;
};

// A number as the scenario's error messages print it (shortest form).
std::string number_text(double value);

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
