#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/road_class.hpp"
#include "couverture/geodata/travel_direction.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/scenario.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace fs = std::filesystem;

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

// The candidate closest to `word` within two edits, or "" when none is.
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

// Reads the keys of one TOML table, remembering which were used so that the
// rest can be reported as unknown (with the closest known spelling).
class TableReader {
 public:
  TableReader(const fs::path& file, const toml::table& table, std::string prefix)
      : file_(file), table_(table), prefix_(std::move(prefix)) {}

  std::string where(const toml::node& node, std::string_view key) const {
    std::ostringstream text;
    text << file_.string() << ", line " << node.source().begin.line << ": key '" << prefix_ << key
         << "'";
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
      throw DataError(file_.string() + ": missing key '" + prefix_ + std::string(key) +
                      "' (see docs/scenario.md)");
    }
    return *value;
  }

  std::optional<double> number(std::string_view key) {
    const toml::node* node = find(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_number()) throw DataError(where(*node, key) + " must be a number");
    return *node->value<double>();
  }

  double positive_number(std::string_view key, double fallback) {
    const auto value = number(key);
    if (!value) return fallback;
    if (!(*value > 0.0)) {
      throw DataError(where(*table_.get(key), key) + " must be greater than zero");
    }
    return *value;
  }

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
      if (!minutes || !(*minutes > 0.0)) {
        throw DataError(where(value, key) +
                        " holds a value that is not a positive number of minutes");
      }
      sorted.push_back(*minutes);
    }
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    return sorted;
  }

  std::optional<fs::path> path(std::string_view key) {
    auto value = text(key);
    if (!value) return std::nullopt;
    fs::path p(*value);
    return p.is_absolute() ? p : (file_.parent_path() / p).lexically_normal();
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

  // A missing key is most often a misspelt one: name the misspelling.
  void reject_misspelling_of(std::string_view missing) const {
    for (const auto& [key, node] : table_) {
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

const toml::table& required_table(TableReader& parent, const fs::path& file, std::string_view key) {
  const toml::table* table = parent.subtable(key);
  if (table == nullptr) {
    throw DataError(file.string() + ": missing table [" + std::string(key) +
                    "] (see docs/scenario.md)");
  }
  return *table;
}

CommuneSource read_communes_table(const fs::path& file, const toml::table& table) {
  TableReader reader(file, table, "communes.");
  CommuneSource source;
  source.path = reader.required_path("path");
  source.layer = reader.text("layer").value_or("");
  source.code_field = reader.required_text("code_field");
  source.name_field = reader.required_text("name_field");
  source.population_field = reader.text("population_field").value_or("");
  source.filter = reader.text("filter").value_or("");
  if (const toml::table* population = reader.subtable("population_table")) {
    TableReader population_reader(file, *population, "communes.population_table.");
    PopulationTable table_source;
    table_source.path = population_reader.required_path("path");
    table_source.code_field = population_reader.required_text("code_field");
    table_source.population_field = population_reader.required_text("population_field");
    population_reader.reject_unknown_keys();
    source.population_table = table_source;
  }
  if (source.population_field.empty() && !source.population_table) {
    throw DataError(file.string() +
                    ": [communes] needs 'population_field' or a [communes.population_table]");
  }
  reader.reject_unknown_keys();
  return source;
}

FacilitySource read_facilities_table(const fs::path& file, const toml::table& table) {
  TableReader reader(file, table, "facilities.");
  FacilitySource source;
  source.path = reader.required_path("path");
  source.layer = reader.text("layer").value_or("");
  source.x_field = reader.text("x_field").value_or("");
  source.y_field = reader.text("y_field").value_or("");
  source.crs = reader.text("crs").value_or("");
  source.id_field = reader.required_text("id_field");
  source.name_field = reader.required_text("name_field");
  source.type_field = reader.required_text("type_field");
  source.capacity_field = reader.text("capacity_field").value_or("");
  reader.reject_unknown_keys();
  return source;
}

// [network.speeds]: one key per road class; unknown names are misspellings.
std::map<std::string, double> read_speeds_table(const fs::path& file, const toml::table& table) {
  TableReader reader(file, table, "network.speeds.");
  std::map<std::string, double> speeds;
  for (std::size_t c = 0; c < kRoadClassCount; ++c) {
    const std::string name(to_string(static_cast<RoadClass>(c)));
    const auto speed = reader.number(name);
    if (!speed) continue;
    if (!std::isfinite(*speed) || *speed < 0.0) {
      throw DataError(reader.where(*table.get(name), name) +
                      " must be a speed in km/h, at least 0 (0 excludes the class)");
    }
    speeds[name] = *speed;
  }
  reader.reject_unknown_keys();
  return speeds;
}

// [network.access]: permit = [...], forbid = [...], OSM access values.
void read_access_table(const fs::path& file, const toml::table& table, NetworkSource& source) {
  TableReader reader(file, table, "network.access.");
  source.access_permit = reader.text_list("permit");
  source.access_forbid = reader.text_list("forbid");
  reader.reject_unknown_keys();
  // The rules a profile accepts are checked on a throwaway one.
  TravelProfile profile = *TravelProfile::by_name(source.profile);
  const std::vector<std::string>& known = TravelProfile::known_access_values();
  const auto check = [&](std::string_view key, const std::string& value, auto apply) {
    const std::string where = reader.where(*table.get(key), key);
    if (std::find(known.begin(), known.end(), value) == known.end()) {
      const std::string best = closest_spelling(value, known);
      throw DataError(where + ": '" + value + "' is not an OSM access value" +
                      (best.empty() ? "; see the key:access page of the OSM wiki"
                                    : "; did you mean '" + best + "'?"));
    }
    try {
      apply(value);
    } catch (const std::invalid_argument& error) {
      throw DataError(where + ": " + error.what());
    }
  };
  for (const std::string& value : source.access_permit) {
    check("permit", value, [&](const std::string& v) { profile.permit_access_value(v); });
  }
  for (const std::string& value : source.access_forbid) {
    if (std::find(source.access_permit.begin(), source.access_permit.end(), value) !=
        source.access_permit.end()) {
      throw DataError(reader.where(*table.get("forbid"), "forbid") + ": '" + value +
                      "' is both permitted and forbidden; keep it in one list");
    }
    check("forbid", value, [&](const std::string& v) { profile.forbid_access_value(v); });
  }
}

NetworkSource read_network_table(const fs::path& file, const toml::table& table) {
  TableReader reader(file, table, "network.");
  NetworkSource source;
  source.path = reader.required_path("path");
  source.profile = reader.text("profile").value_or("car");
  if (!TravelProfile::by_name(source.profile)) {
    std::string known;
    for (const std::string& name : TravelProfile::names())
      known += (known.empty() ? "" : ", ") + name;
    throw DataError(reader.where(*table.get("profile"), "profile") + ": unknown profile '" +
                    source.profile + "'; use one of: " + known);
  }
  source.access_speed_kmh = reader.positive_number("access_speed_kmh", source.access_speed_kmh);
  source.max_snap_distance_m =
      reader.positive_number("max_snap_distance_m", source.max_snap_distance_m);
  if (const auto direction = reader.text("direction")) {
    const auto value = travel_direction_from_string(*direction);
    if (!value) {
      throw DataError(reader.where(*table.get("direction"), "direction") + ": unknown direction '" +
                      *direction + "'; use to_facility or from_facility");
    }
    source.direction = *value;
  }
  if (auto dem = reader.path("dem")) source.dem = *dem;
  if (const toml::table* speeds = reader.subtable("speeds")) {
    source.speeds_kmh = read_speeds_table(file, *speeds);
  }
  if (const toml::table* access = reader.subtable("access")) {
    read_access_table(file, *access, source);
  }
  reader.reject_unknown_keys();
  return source;
}

IsochroneSettings read_isochrones_table(const fs::path& file, const toml::table* table) {
  IsochroneSettings settings;
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "isochrones.");
  settings.enabled = reader.boolean("enabled").value_or(settings.enabled);
  if (auto form = reader.text("form")) {
    if (*form != "bands" && *form != "rings") {
      throw DataError(reader.where(*table->get("form"), "form") + ": unknown form '" + *form +
                      "'; use \"bands\" (0 to T, nested) or \"rings\" (previous T to T)");
    }
    settings.form = *form;
  }
  settings.per_facility = reader.boolean("per_facility").value_or(settings.per_facility);
  settings.by_service = reader.boolean("by_service").value_or(settings.by_service);
  settings.max_offroad_m = reader.positive_number("max_offroad_m", settings.max_offroad_m);
  if (auto minutes = reader.minutes_list("thresholds_minutes")) {
    settings.thresholds_minutes = std::move(*minutes);
  }
  reader.reject_unknown_keys();
  return settings;
}

AnalysisSettings read_analysis_table(const fs::path& file, const toml::table* table) {
  AnalysisSettings settings;
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "analysis.");
  if (auto minutes = reader.minutes_list("thresholds_minutes")) {
    settings.thresholds_minutes = std::move(*minutes);
  }
  settings.demand_spacing_m = reader.positive_number("demand_spacing_m", settings.demand_spacing_m);
  reader.reject_unknown_keys();
  return settings;
}

OutputSettings read_output_table(const fs::path& file, const toml::table* table) {
  OutputSettings settings;
  settings.path = (file.parent_path() / settings.path).lexically_normal();
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "output.");
  if (auto path = reader.path("path")) settings.path = *path;
  settings.crs = reader.text("crs").value_or(settings.crs);
  if (const toml::node* crs = table->get("crs")) {
    // Checked now rather than after the whole computation.
    gdal_support::spatial_reference(settings.crs, reader.where(*crs, "crs"));
  }
  reader.reject_unknown_keys();
  return settings;
}

}  // namespace

Scenario read_scenario(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    throw DataError(file.string() + ": scenario file not found");
  }
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& parse_error) {
    std::ostringstream message;
    message << file.string() << ", line " << parse_error.source().begin.line
            << ": not a valid TOML scenario: " << parse_error.description();
    throw DataError(message.str());
  }
  const fs::path absolute = fs::absolute(file).lexically_normal();
  TableReader reader(absolute, root, "");
  Scenario scenario;
  scenario.file = absolute;
  scenario.name = reader.text("name").value_or(absolute.stem().string());
  scenario.note = reader.text("note").value_or("");
  scenario.communes = read_communes_table(absolute, required_table(reader, absolute, "communes"));
  scenario.facilities =
      read_facilities_table(absolute, required_table(reader, absolute, "facilities"));
  scenario.network = read_network_table(absolute, required_table(reader, absolute, "network"));
  scenario.analysis = read_analysis_table(absolute, reader.subtable("analysis"));
  scenario.isochrones = read_isochrones_table(absolute, reader.subtable("isochrones"));
  scenario.output = read_output_table(absolute, reader.subtable("output"));
  reader.reject_unknown_keys();
  return scenario;
}

std::string scenario_to_toml(const Scenario& scenario, const fs::path& folder) {
  // Relative paths keep the folder and its output movable together.
  const auto relative = [&folder](const fs::path& path) {
    const fs::path shorter = path.lexically_relative(folder);
    return (shorter.empty() ? path : shorter).generic_string();
  };
  toml::table communes{{"path", relative(scenario.communes.path)},
                       {"code_field", scenario.communes.code_field},
                       {"name_field", scenario.communes.name_field}};
  if (!scenario.communes.layer.empty()) communes.insert("layer", scenario.communes.layer);
  if (!scenario.communes.population_field.empty()) {
    communes.insert("population_field", scenario.communes.population_field);
  }
  if (!scenario.communes.filter.empty()) communes.insert("filter", scenario.communes.filter);
  if (const auto& table = scenario.communes.population_table) {
    communes.insert("population_table", toml::table{{"path", relative(table->path)},
                                                    {"code_field", table->code_field},
                                                    {"population_field", table->population_field}});
  }
  toml::table facilities{{"path", relative(scenario.facilities.path)},
                         {"id_field", scenario.facilities.id_field},
                         {"name_field", scenario.facilities.name_field},
                         {"type_field", scenario.facilities.type_field}};
  const auto insert_if = [&facilities](std::string_view key, const std::string& value) {
    if (!value.empty()) facilities.insert(key, value);
  };
  insert_if("layer", scenario.facilities.layer);
  insert_if("x_field", scenario.facilities.x_field);
  insert_if("y_field", scenario.facilities.y_field);
  insert_if("crs", scenario.facilities.crs);
  insert_if("capacity_field", scenario.facilities.capacity_field);
  const auto minutes_array = [](const std::vector<double>& minutes) {
    toml::array array;
    for (double value : minutes) array.push_back(value);
    return array;
  };
  const NetworkSource& source = scenario.network;
  toml::table network{{"path", relative(source.path)},
                      {"profile", source.profile},
                      {"access_speed_kmh", source.access_speed_kmh},
                      {"max_snap_distance_m", source.max_snap_distance_m},
                      {"direction", std::string(to_string(source.direction))}};
  if (!source.dem.empty()) network.insert("dem", relative(source.dem));
  if (!source.speeds_kmh.empty()) {
    toml::table speeds;
    for (const auto& [name, kmh] : source.speeds_kmh) speeds.insert(name, kmh);
    network.insert("speeds", speeds);
  }
  if (!source.access_permit.empty() || !source.access_forbid.empty()) {
    const auto texts = [](const std::vector<std::string>& values) {
      toml::array array;
      for (const std::string& value : values) array.push_back(value);
      return array;
    };
    network.insert("access", toml::table{{"permit", texts(source.access_permit)},
                                         {"forbid", texts(source.access_forbid)}});
  }
  const IsochroneSettings& isochrones = scenario.isochrones;
  toml::table isochrone_table{{"enabled", isochrones.enabled},
                              {"form", isochrones.form},
                              {"per_facility", isochrones.per_facility},
                              {"by_service", isochrones.by_service},
                              {"max_offroad_m", isochrones.max_offroad_m}};
  if (!isochrones.thresholds_minutes.empty()) {
    isochrone_table.insert("thresholds_minutes", minutes_array(isochrones.thresholds_minutes));
  }
  toml::table root{
      {"name", scenario.name},
      {"communes", communes},
      {"facilities", facilities},
      {"network", network},
      {"analysis",
       toml::table{{"thresholds_minutes", minutes_array(scenario.analysis.thresholds_minutes)},
                   {"demand_spacing_m", scenario.analysis.demand_spacing_m}}},
      {"isochrones", isochrone_table},
      {"output",
       toml::table{{"path", relative(scenario.output.path)}, {"crs", scenario.output.crs}}}};
  if (!scenario.note.empty()) root.insert("note", scenario.note);
  std::ostringstream text;
  text << "# Couverture scenario (format: docs/scenario.md). Edit it and run\n"
       << "#   couverture run " << scenario.file.filename().string() << "\n"
       << root << "\n";
  return text.str();
}

}  // namespace couverture
