// Variant scenarios: a `baseline` read first and overridden key by key, and
// the [changes] a scenario makes to its facilities and roads (issue 5).

#include <cmath>
#include <map>
#include <sstream>

#include "gdal_support.hpp"
#include "scenario_tables.hpp"

namespace couverture::scenario_tables {

namespace {

toml::table parse(const fs::path& file) {
  std::error_code error;
  if (fs::is_directory(file, error)) {
    throw DataError(file.string() +
                    ": is a folder, not a scenario file; give the .toml file inside it");
  }
  if (!fs::is_regular_file(file, error)) {
    throw DataError(file.string() + ": scenario file not found");
  }
  try {
    // The absolute name is kept in every node's source, which names the
    // file in messages and anchors its relative paths once merged.
    return toml::parse_file(file.string());
  } catch (const toml::parse_error& parse_error) {
    std::ostringstream message;
    message << file.string() << ", line " << parse_error.source().begin.line
            << ": not a valid TOML scenario: " << parse_error.description();
    throw DataError(message.str());
  }
}

// Moves every key of `over` into `base`; a table present in both is merged
// key by key, anything else (values, lists, lists of tables) is replaced.
// Moving keeps each node's source, hence its file and line.
void merge_into(toml::table& base, toml::table& over) {
  for (auto&& [key, node] : over) {
    toml::table* base_table = base.get_as<toml::table>(key.str());
    toml::table* over_table = node.as_table();
    if (base_table != nullptr && over_table != nullptr) {
      merge_into(*base_table, *over_table);
    } else {
      base.insert_or_assign(key.str(), std::move(node));
    }
  }
}

std::string chain_text(const std::vector<fs::path>& chain, const fs::path& last) {
  std::string text;
  for (const fs::path& file : chain) text += file.filename().string() + " -> ";
  return text + last.filename().string();
}

// Where each entry of [changes] was read, to name it in later conflicts.
struct EntryLines {
  std::map<std::string, std::string> added, removed, capacities;
  std::map<std::int64_t, std::string> closed, speeds;
};

std::string line_of(const toml::node& node) {
  return "line " + std::to_string(node.source().begin.line);
}

template <typename Key>
const std::string* seen_at(const std::map<Key, std::string>& lines, const Key& key) {
  const auto found = lines.find(key);
  return found == lines.end() ? nullptr : &found->second;
}

// The entries of one list of tables, e.g. [[changes.add_facility]], each
// read by `read` with its own TableReader.
template <typename Read>
void for_each_entry(TableReader& changes, const fs::path& file, std::string_view key,
                    std::string_view example, Read read) {
  const toml::node* node = changes.find(key);
  if (node == nullptr) return;
  const toml::array* entries = node->as_array();
  const std::string wrong = changes.where(*node, key) + " must be a list of tables, written [[" +
                            changes.prefix() + std::string(key) + "]] followed by " +
                            std::string(example);
  if (entries == nullptr) throw DataError(wrong);
  for (const toml::node& entry : *entries) {
    const toml::table* table = entry.as_table();
    if (table == nullptr) throw DataError(wrong);
    TableReader reader(file, *table, changes.prefix() + std::string(key) + ".");
    read(reader, *table);
    reader.reject_unknown_keys();
  }
}

std::string required_id(TableReader& reader, std::string_view hint) {
  if (!reader.find("id")) reader.reject_missing("id", hint);
  const std::string id = *reader.text("id");
  if (id.empty()) throw DataError(reader.where(*reader.find("id"), "id") + " must not be empty");
  return id;
}

std::int64_t required_way_id(TableReader& reader, const toml::table& table) {
  if (!reader.find("way_id")) reader.reject_missing("way_id", "the OpenStreetMap id of the way");
  const std::int64_t way = *reader.integer("way_id");
  if (way < 1) {
    throw DataError(reader.where(*table.get("way_id"), "way_id") +
                    " must be an OpenStreetMap way id (a whole number from 1)");
  }
  return way;
}

// The WGS84 position of an added facility: lon/lat, or x/y in `crs`.
LonLat read_position(TableReader& reader, const toml::table& table) {
  const bool geographic = table.contains("lon") || table.contains("lat");
  const bool projected = table.contains("x") || table.contains("y") || table.contains("crs");
  const auto number_or_missing = [&](std::string_view key, std::string_view hint) {
    const auto value = reader.number(key);
    if (!value) reader.reject_missing(key, hint);
    if (!std::isfinite(*value))
      throw DataError(reader.where(*table.get(key), key) + " is not finite");
    return *value;
  };
  if (geographic && projected) {
    const std::string_view key = table.contains("x") ? "x" : table.contains("y") ? "y" : "crs";
    throw DataError(reader.where(*table.get(key), key) +
                    ": give lon and lat (WGS84 degrees) or x, y and crs, not both");
  }
  if (!projected) {
    const char* hint = "the position: lon and lat in WGS84 degrees, or x, y and crs";
    const double lon = number_or_missing("lon", hint);
    const double lat = number_or_missing("lat", hint);
    if (lon < -180.0 || lon > 180.0) {
      throw DataError(reader.where(*table.get("lon"), "lon") + ": longitude " + number_text(lon) +
                      " is not between -180 and 180 degrees; for projected metres use x, y and "
                      "crs");
    }
    if (lat < -90.0 || lat > 90.0) {
      throw DataError(reader.where(*table.get("lat"), "lat") + ": latitude " + number_text(lat) +
                      " is not between -90 and 90 degrees; for projected metres use x, y and crs");
    }
    return {lon, lat};
  }
  const char* hint = "x and y go with crs, e.g. crs = \"EPSG:2154\" for Lambert-93 metres";
  const double x = number_or_missing("x", hint);
  const double y = number_or_missing("y", hint);
  if (!reader.find("crs")) reader.reject_missing("crs", hint);
  const std::string crs = *reader.text("crs");
  const std::string where = reader.where(*table.get("crs"), "crs");
  const OGRSpatialReference srs = gdal_support::spatial_reference(crs, where);
  const gdal_support::Transformation to_wgs84 =
      gdal_support::make_transformation(srs, gdal_support::wgs84(), where);
  double lon = x;
  double lat = y;
  if (!to_wgs84->Transform(1, &lon, &lat) || !std::isfinite(lon) || !std::isfinite(lat)) {
    throw DataError(where + ": (" + number_text(x) + ", " + number_text(y) +
                    ") cannot be transformed from " + crs + " to WGS84; check x, y and crs");
  }
  return {lon, lat};
}

template <typename T, typename Match>
auto first_where(std::vector<T>& values, Match match) {
  return std::find_if(values.begin(), values.end(), match);
}

// Reads the entries of [changes] of one file on top of the changes it
// inherits (the baseline's): a later change of the same thing wins. Within
// one file, two changes of the same thing are refused as contradictory
// (lines_ remembers where each was first given).
class ChangesReader {
 public:
  ChangesReader(ScenarioChanges inherited, const fs::path& baseline)
      : changes_(std::move(inherited)), by_baseline_(" by the baseline " + baseline.string()) {}

  // A facility the baseline added is redefined by the variant.
  void add_facility(TableReader& entry, const toml::table& values) {
    Facility facility;
    facility.id = required_id(entry, "every new facility needs an id");
    const std::string where = entry.where(*values.get("id"), "id");
    if (const std::string* first = seen_at(lines_.added, facility.id)) {
      throw DataError(where + ": facility '" + facility.id + "' is already added at " + *first +
                      "; give each new facility its own id");
    }
    if (is_removed(facility.id) != changes_.removed.end()) {
      throw DataError(where + ": facility '" + facility.id + "' is removed" + by_baseline_ +
                      "; give the new facility another id");
    }
    lines_.added[facility.id] = line_of(values);
    facility.name = entry.text("name").value_or("");
    if (facility.name.empty()) facility.name = facility.id;
    if (!values.contains("type")) {
      entry.reject_missing("type", "the service type of the new facility, e.g. eaje");
    }
    facility.service_type = *entry.text("type");
    if (facility.service_type.empty()) {
      throw DataError(entry.where(*values.get("type"), "type") +
                      " must name the service type, e.g. \"eaje\"");
    }
    facility.capacity = entry.bounded_number("capacity", 0.0, 0.0, false);
    facility.capacity_known = values.contains("capacity");
    facility.position = read_position(entry, values);
    // A facility the baseline added is redefined by the variant.
    if (const auto same = is_added(facility.id); same != changes_.added.end()) {
      *same = std::move(facility);
    } else {
      changes_.added.push_back(std::move(facility));
    }
  }

  // Removing a facility the baseline added takes the addition back.
  void remove_facility(TableReader& entry, const toml::table& values) {
    const std::string id = required_id(entry, "the id of the facility to remove");
    const std::string where = entry.where(*values.get("id"), "id");
    if (const std::string* added = seen_at(lines_.added, id)) {
      throw DataError(where + ": facility '" + id + "' is also added at " + *added +
                      "; a facility is either added or removed");
    }
    if (const std::string* first = seen_at(lines_.removed, id)) {
      throw DataError(where + ": facility '" + id + "' is already removed at " + *first);
    }
    lines_.removed[id] = line_of(values);
    if (const auto added = is_added(id); added != changes_.added.end()) {
      changes_.added.erase(added);  // the variant takes back its baseline's addition
      return;
    }
    std::erase_if(changes_.capacities,
                  [&id](const CapacityChange& change) { return change.facility_id == id; });
    if (is_removed(id) == changes_.removed.end()) changes_.removed.push_back(id);
  }

  // A capacity of a facility the variant adds belongs in its entry.
  void set_capacity(TableReader& entry, const toml::table& values) {
    const std::string id = required_id(entry, "the id of the facility whose capacity changes");
    const std::string where = entry.where(*values.get("id"), "id");
    if (const std::string* added = seen_at(lines_.added, id)) {
      throw DataError(where + ": facility '" + id + "' is added at " + *added +
                      "; give its capacity there");
    }
    if (const std::string* removed = seen_at(lines_.removed, id)) {
      throw DataError(where + ": facility '" + id + "' is removed at " + *removed);
    }
    if (const std::string* first = seen_at(lines_.capacities, id)) {
      throw DataError(where + ": facility '" + id + "' already has a capacity at " + *first +
                      "; keep one");
    }
    if (is_removed(id) != changes_.removed.end()) {
      throw DataError(where + ": facility '" + id + "' is removed" + by_baseline_ +
                      "; drop this change, or the removal");
    }
    lines_.capacities[id] = line_of(values);
    if (!values.contains("capacity")) entry.reject_missing("capacity", "the new places, >= 0");
    const double capacity = entry.bounded_number("capacity", 0.0, 0.0, false);
    if (const auto added = is_added(id); added != changes_.added.end()) {
      added->capacity = capacity;
    } else if (const auto same =
                   first_where(changes_.capacities,
                               [&id](const CapacityChange& c) { return c.facility_id == id; });
               same != changes_.capacities.end()) {
      same->capacity = capacity;
    } else {
      changes_.capacities.push_back({id, capacity});
    }
  }

  // Closing a way drops any speed set on it.
  void close_road(TableReader& entry, const toml::table& values) {
    const std::int64_t way = required_way_id(entry, values);
    if (const std::string* first = seen_at(lines_.closed, way)) {
      throw DataError(entry.where(*values.get("way_id"), "way_id") + ": way " +
                      std::to_string(way) + " is already closed at " + *first);
    }
    lines_.closed[way] = line_of(values);
    std::erase_if(changes_.way_speeds, [way](const RoadSpeedChange& c) { return c.way_id == way; });
    if (std::find(changes_.closed_ways.begin(), changes_.closed_ways.end(), way) ==
        changes_.closed_ways.end()) {
      changes_.closed_ways.push_back(way);
    }
  }

  // A way the baseline closed is reopened at this speed.
  void road_speed(TableReader& entry, const toml::table& values) {
    const std::int64_t way = required_way_id(entry, values);
    const std::string where = entry.where(*values.get("way_id"), "way_id");
    if (const std::string* closed = seen_at(lines_.closed, way)) {
      throw DataError(where + ": way " + std::to_string(way) + " is closed at " + *closed +
                      "; a way is either closed or given a speed");
    }
    if (const std::string* first = seen_at(lines_.speeds, way)) {
      throw DataError(where + ": way " + std::to_string(way) + " already has a speed at " + *first +
                      "; keep one");
    }
    lines_.speeds[way] = line_of(values);
    if (!values.contains("kmh")) entry.reject_missing("kmh", "the new speed in km/h, > 0");
    const double kmh = entry.bounded_number("kmh", 0.0, 0.0, true);
    // A way the baseline closed is reopened at this speed.
    std::erase(changes_.closed_ways, way);
    if (const auto same = first_where(changes_.way_speeds,
                                      [way](const RoadSpeedChange& c) { return c.way_id == way; });
        same != changes_.way_speeds.end()) {
      same->kmh = kmh;
    } else {
      changes_.way_speeds.push_back({way, kmh});
    }
  }

  ScenarioChanges take() { return std::move(changes_); }

 private:
  std::vector<Facility>::iterator is_added(const std::string& id) {
    return first_where(changes_.added, [&id](const Facility& f) { return f.id == id; });
  }
  std::vector<std::string>::iterator is_removed(const std::string& id) {
    return std::find(changes_.removed.begin(), changes_.removed.end(), id);
  }

  ScenarioChanges changes_;
  EntryLines lines_;
  std::string by_baseline_;
};

// Reads [changes] of `file` and applies them on top of `inherited` (the
// baseline's).
ScenarioChanges read_changes_table(const fs::path& file, const toml::table* table,
                                   ScenarioChanges inherited, const fs::path& baseline) {
  if (table == nullptr) return inherited;
  TableReader reader(file, *table, "changes.");
  ChangesReader changes(std::move(inherited), baseline);
  const auto each = [&](std::string_view key, std::string_view hint, auto read) {
    for_each_entry(reader, file, key, hint, [&](TableReader& entry, const toml::table& values) {
      (changes.*read)(entry, values);
    });
  };
  each("add_facility", "id, name, type, capacity and lon/lat", &ChangesReader::add_facility);
  each("remove_facility", "id", &ChangesReader::remove_facility);
  each("set_capacity", "id and capacity", &ChangesReader::set_capacity);
  each("close_road", "way_id", &ChangesReader::close_road);
  each("road_speed", "way_id and kmh", &ChangesReader::road_speed);
  reader.reject_unknown_keys();
  return changes.take();
}

}  // namespace

LoadedScenario load_scenario_file(const fs::path& file, std::vector<fs::path>& chain) {
  LoadedScenario loaded;
  loaded.file = fs::absolute(file).lexically_normal();
  toml::table root = parse(loaded.file);
  TableReader reader(loaded.file, root, "");
  const std::optional<std::string> name = reader.text("name");
  std::string baseline_name;
  if (const auto baseline = reader.path("baseline")) {
    const std::string where = reader.where(*root.get("baseline"), "baseline");
    loaded.baseline = fs::absolute(*baseline).lexically_normal();
    chain.push_back(loaded.file);
    if (std::find(chain.begin(), chain.end(), loaded.baseline) != chain.end()) {
      const std::string loop = loaded.baseline == loaded.file
                                   ? "the file names itself"
                                   : "the baseline " + loaded.baseline.string() +
                                         " leads back to " + loaded.file.string();
      throw DataError(where + ": " + loop + " (" + chain_text(chain, loaded.baseline) +
                      "); a scenario cannot be its own baseline");
    }
    std::error_code error;
    if (!fs::is_regular_file(loaded.baseline, error)) {
      throw DataError(where + ": baseline scenario " + loaded.baseline.string() +
                      " not found (a relative path starts from this file's folder)");
    }
    LoadedScenario base = load_scenario_file(loaded.baseline, chain);
    chain.pop_back();
    // The baseline must run on its own (`couverture compare` runs it).
    settings_from_table(base.file, base.root);
    loaded.root = std::move(base.root);
    loaded.changes = std::move(base.changes);
    baseline_name = std::move(base.name);
  }
  loaded.changes = read_changes_table(loaded.file, reader.subtable("changes"),
                                      std::move(loaded.changes), loaded.baseline);
  if (name && !name->empty()) {
    loaded.name = *name;
  } else {
    loaded.name =
        loaded.baseline.empty() ? loaded.file.stem().string() : baseline_name + " (variant)";
  }
  for (const char* key : {"name", "baseline", "changes"}) root.erase(key);
  if (loaded.baseline.empty()) {
    loaded.root = std::move(root);
    return loaded;
  }
  // The output is not inherited: a variant writing over its baseline's
  // results would be a trap. Without its own, it is <variant>.gpkg beside it.
  // (An `output` that is not a table is left for the reader to refuse.)
  if (!root.contains("output")) root.insert("output", toml::table{});
  if (toml::table* output = root.get_as<toml::table>("output");
      output && !output->contains("path")) {
    if (toml::table* inherited = loaded.root.get_as<toml::table>("output")) {
      inherited->erase("path");
    }
    const fs::path own = loaded.file.parent_path() / (loaded.file.stem().string() + ".gpkg");
    output->insert("path", own.string());
  }
  merge_into(loaded.root, root);
  return loaded;
}

toml::table changes_to_toml(const ScenarioChanges& changes) {
  toml::table table;
  const auto insert_list = [&table](std::string_view key, toml::array list) {
    if (!list.empty()) table.insert(key, std::move(list));
  };
  toml::array added;
  for (const Facility& facility : changes.added) {
    toml::table entry{{"id", facility.id},
                      {"name", facility.name},
                      {"type", facility.service_type},
                      {"lon", facility.position.lon},
                      {"lat", facility.position.lat}};
    // An unknown capacity stays unknown (no key), not 0 places.
    if (facility.capacity_known) entry.insert("capacity", facility.capacity);
    added.push_back(std::move(entry));
  }
  insert_list("add_facility", std::move(added));
  toml::array removed;
  for (const std::string& id : changes.removed) removed.push_back(toml::table{{"id", id}});
  insert_list("remove_facility", std::move(removed));
  toml::array capacities;
  for (const CapacityChange& change : changes.capacities) {
    capacities.push_back(toml::table{{"id", change.facility_id}, {"capacity", change.capacity}});
  }
  insert_list("set_capacity", std::move(capacities));
  toml::array closed;
  for (std::int64_t way : changes.closed_ways) closed.push_back(toml::table{{"way_id", way}});
  insert_list("close_road", std::move(closed));
  toml::array speeds;
  for (const RoadSpeedChange& change : changes.way_speeds) {
    speeds.push_back(toml::table{{"way_id", change.way_id}, {"kmh", change.kmh}});
  }
  insert_list("road_speed", std::move(speeds));
  return table;
}

}  // namespace couverture::scenario_tables
