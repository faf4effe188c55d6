#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/road_class.hpp"
#include "couverture/geodata/scenario_bounds.hpp"
#include "couverture/geodata/travel_direction.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/scenario.hpp"
#include "gdal_support.hpp"
#include "scenario_tables.hpp"

namespace couverture {

namespace {

namespace fs = std::filesystem;
using scenario_tables::closest_spelling;
using scenario_tables::joined;
using scenario_tables::number_text;
using scenario_tables::TableReader;

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
  FacilitySource source = scenario_tables::read_facility_source(reader, true);
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
  TravelProfile profile = TravelProfile::of(source.profile);
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
  source.profile = reader.choice("profile", source.profile, kTravelProfileNames);
  source.access.access_speed_kmh =
      reader.number_between("access_speed_kmh", source.access.access_speed_kmh, kMinAccessSpeedKmh,
                            kMaxAccessSpeedKmh, "give km/h: 4.5 is a walk");
  source.access.max_snap_distance_m =
      reader.positive_number("max_snap_distance_m", source.access.max_snap_distance_m);
  source.access.direction =
      reader.choice("direction", source.access.direction, kTravelDirectionNames);
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
  settings.form = reader.choice("form", settings.form, kContourFormNames);
  settings.per_facility = reader.boolean("per_facility").value_or(settings.per_facility);
  settings.by_service = reader.boolean("by_service").value_or(settings.by_service);
  settings.cell_m = reader.positive_number("cell_m", settings.cell_m);
  if (settings.cell_m < 5.0 || settings.cell_m > 1000.0) {
    throw DataError(reader.where(*table->get("cell_m"), "cell_m") + ": a cell of " +
                    std::to_string(settings.cell_m) +
                    " m is outside 5 to 1000 m; 50 m suits a town, 100 m a département");
  }
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
  settings.demand_spacing_m =
      reader.number_between("demand_spacing_m", settings.demand_spacing_m, kMinDemandSpacingM,
                            kMaxDemandSpacingM, "give metres: 400 suits most territories");
  reader.reject_unknown_keys();
  return settings;
}

// An optional path: absent or "" leave it empty.
fs::path optional_path(TableReader& reader, std::string_view key) {
  const auto value = reader.text(key);
  if (!value || value->empty()) return {};
  return *reader.path(key);
}

// Reads the five band keys (field_name() of each band) of `table`, all
// required; `read` turns one key's node into its value.
template <typename Read>
void read_every_band(TableReader& reader, std::string_view hint, Read read) {
  // Every band key is known before any is missed, so that "age_0_2" is
  // never taken for a misspelling of "age_3_5".
  for (AgeBand band : kAgeBands) reader.find(field_name(band));
  for (AgeBand band : kAgeBands) {
    const std::string key(field_name(band));
    const toml::node* node = reader.find(key);
    if (node == nullptr) reader.reject_missing(key, hint);
    read(band, key, *node);
  }
}

AgeTable read_age_table(const fs::path& file, const toml::table& table) {
  TableReader reader(file, table, "demand.age_table.");
  AgeTable ages;
  ages.path = reader.required_path("path", "the table of populations by age");
  ages.layer = reader.text("layer").value_or("");
  ages.code_field = reader.code_field(ages.code_field);
  read_every_band(
      reader,
      "every band needs a column name or a list of columns to add up: age_0_2, age_3_5, "
      "age_6_11, age_12_17, adults",
      [&](AgeBand band, const std::string& key, const toml::node& node) {
        std::vector<std::string>& fields = ages.band_fields[index_of(band)];
        const std::string wrong =
            reader.where(node, key) +
            " must be a column name or a list of column names to add up, e.g. [\"p3\", \"p4_5\"]";
        if (const auto name = node.value_exact<std::string>()) {
          fields.push_back(*name);
        } else if (const toml::array* array = node.as_array()) {
          for (const toml::node& value : *array) {
            const auto name_in_list = value.value_exact<std::string>();
            if (!name_in_list) throw DataError(wrong);
            fields.push_back(*name_in_list);
          }
        } else {
          throw DataError(wrong);
        }
        if (fields.empty() ||
            std::any_of(fields.begin(), fields.end(), [](const auto& f) { return f.empty(); })) {
          throw DataError(wrong);
        }
      });
  reader.reject_unknown_keys();
  return ages;
}

BandShares read_band_shares(const fs::path& file, const toml::table& table) {
  TableReader reader(file, table, "demand.band_shares.");
  BandShares shares{};
  double sum = 0.0;
  read_every_band(reader,
                  "all five bands need a share: age_0_2, age_3_5, age_6_11, age_12_17, adults",
                  [&](AgeBand band, const std::string& key, const toml::node& node) {
                    const auto share = node.value<double>();
                    if (!node.is_number() || !share || !std::isfinite(*share) || *share < 0.0) {
                      throw DataError(reader.where(node, key) +
                                      " must be a share between 0 and 1, e.g. 0.031 for 3.1 %");
                    }
                    shares[index_of(band)] = *share;
                    sum += *share;
                  });
  reader.reject_unknown_keys();
  if (std::abs(sum - 1.0) > 1e-6) {
    throw DataError(reader.where_table() + ": the shares add up to " + number_text(sum) +
                    ", not 1; give each band's share of the population (0.031 for 3.1 %)");
  }
  return shares;
}

DemandSettings read_demand_table(const fs::path& file, const toml::table* table) {
  DemandSettings settings;
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "demand.");
  settings.source = reader.choice("source", settings.source, kDemandSourceChoiceNames);
  settings.insee_grid = optional_path(reader, "insee_grid");
  settings.insee_grid_layer = reader.text("insee_grid_layer").value_or("");
  settings.osm_buildings = optional_path(reader, "osm_buildings");
  settings.building_cell_m =
      reader.bounded_number("building_cell_m", settings.building_cell_m, 0.0, true);
  settings.min_building_m2 =
      reader.bounded_number("min_building_m2", settings.min_building_m2, 0.0, false);
  if (const toml::table* ages = reader.subtable("age_table")) {
    settings.age_table = read_age_table(file, *ages);
  }
  if (const toml::table* shares = reader.subtable("band_shares")) {
    settings.band_shares = read_band_shares(file, *shares);
    settings.band_shares_given = true;
  }
  if (const toml::table* groups = reader.subtable("groups")) {
    settings.groups = scenario_tables::read_groups_table(file, *groups);
    for (const GroupSource& group : settings.groups) {
      if (!group.column.empty() && settings.insee_grid.empty()) {
        throw DataError(reader.where(*groups->get(group.name), "groups." + group.name) +
                        " reads the column '" + group.column +
                        "' of the INSEE grid: give demand.insee_grid (the Filosofi 200 m "
                        "carreaux), or a per-commune table (path, count_field)");
      }
    }
  }
  reader.reject_unknown_keys();
  if (settings.source == DemandSourceChoice::insee_grid && settings.insee_grid.empty()) {
    throw DataError(reader.where(*table->get("source"), "source") +
                    ": source \"insee_grid\" needs key 'demand.insee_grid' (the INSEE 200 m grid "
                    "file)");
  }
  return settings;
}

// [services.TYPE]: bands = [...] for each service type given.
std::map<std::string, ServiceSettings> read_services_table(const fs::path& file,
                                                           const toml::table* table) {
  std::map<std::string, ServiceSettings> services;
  if (table == nullptr) return services;
  TableReader parent(file, *table, "services.");
  const std::vector<std::string> names = {"0-2", "3-5", "6-11", "12-17", "adults", "all"};
  for (const auto& [type_key, node] : *table) {
    const std::string type(type_key.str());
    const toml::table* service = node.as_table();
    if (service == nullptr) {
      throw DataError(parent.where(node, type) + " must be a table [services." + type +
                      "] with bands = [...], e.g. bands = [\"0-2\"]");
    }
    TableReader reader(file, *service, "services." + type + ".");
    const toml::node* bands = reader.find("bands");
    if (bands == nullptr) {
      reader.reject_missing("bands", "who the service serves, e.g. bands = [\"0-2\"] or [\"all\"]");
    }
    const toml::array* array = bands->as_array();
    if (array == nullptr || array->empty()) {
      throw DataError(reader.where(*bands, "bands") +
                      " must be a list of age bands, e.g. [\"0-2\"], [\"3-5\", \"6-11\"] or "
                      "[\"all\"]");
    }
    AgeBandSet target;
    for (const toml::node& value : *array) {
      const auto name = value.value_exact<std::string>();
      if (!name) {
        throw DataError(reader.where(value, "bands") +
                        " holds a value that is not a text in quotes");
      }
      if (*name == "all") {
        target = AgeBandSet::all();
      } else if (const auto band = parse_age_band(*name)) {
        target.add(*band);
      } else {
        const std::string best = closest_spelling(*name, names);
        throw DataError(
            reader.where(value, "bands") + ": unknown age band '" + *name + "'" +
            (best.empty() ? "; use one of: " : "; did you mean '" + best + "'? Use one of: ") +
            joined(names));
      }
    }
    reader.reject_unknown_keys();
    services[type].target = target;
  }
  return services;
}

AccessibilitySettings read_accessibility_table(const fs::path& file, const toml::table* table) {
  AccessibilitySettings settings;
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "accessibility.");
  settings.catchment_minutes = reader.minutes("catchment_minutes", settings.catchment_minutes,
                                              "the catchment of 2SFCA and E2SFCA, e.g. 15");
  settings.decay = reader.choice("decay", settings.decay, kDecayKindNames);
  if (const toml::node* steps = reader.find("decay_steps")) {
    const std::string where = reader.where(*steps, "decay_steps");
    if (settings.decay != DecayKind::step) {
      throw DataError(where + " only applies with decay = \"steps\" (decay is \"" +
                      std::string(to_string(settings.decay)) +
                      "\"); remove it or set decay = \"steps\"");
    }
    const toml::array* array = steps->as_array();
    if (array == nullptr || array->empty()) {
      throw DataError(where +
                      " must be a list of [minutes, weight] pairs, e.g. [[5, 1.0], [10, 0.68], "
                      "[15, 0.22]]");
    }
    double previous = 0.0;
    for (const toml::node& step : *array) {
      const toml::array* pair = step.as_array();
      if (pair == nullptr || pair->size() != 2 || !pair->get(0)->is_number() ||
          !pair->get(1)->is_number()) {
        throw DataError(reader.where(step, "decay_steps") +
                        " holds a value that is not a [minutes, weight] pair, e.g. [5, 1.0]");
      }
      const double bound = *pair->get(0)->value<double>();
      const double weight = *pair->get(1)->value<double>();
      if (!std::isfinite(bound) || !(bound > previous)) {
        throw DataError(reader.where(step, "decay_steps") + ": upper bound " + number_text(bound) +
                        " min does not increase (after " + number_text(previous) +
                        "); list the zones from the nearest, bounds above 0 and increasing");
      }
      if (!(weight >= 0.0 && weight <= 1.0)) {
        throw DataError(reader.where(step, "decay_steps") + ": weight " + number_text(weight) +
                        " must be between 0 and 1");
      }
      settings.decay_steps.emplace_back(bound, weight);
      previous = bound;
    }
    if (std::abs(previous - settings.catchment_minutes) > 1e-9) {
      throw DataError(where + ": the last upper bound (" + number_text(previous) +
                      " min) must equal accessibility.catchment_minutes (" +
                      number_text(settings.catchment_minutes) + " min)");
    }
  }
  settings.exponential_beta_per_minute = reader.bounded_number(
      "exponential_beta_per_minute", settings.exponential_beta_per_minute, 0.0, false);
  settings.gravity_beta_per_minute = reader.bounded_number(
      "gravity_beta_per_minute", settings.gravity_beta_per_minute, 0.0, false);
  reader.reject_unknown_keys();
  return settings;
}

TensionSettings read_tension_table(const fs::path& file, const toml::table* table) {
  TensionSettings settings;
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "tension.");
  settings.max_minutes = reader.minutes("max_minutes", settings.max_minutes,
                                        "the time to the nearest service, e.g. 15");
  settings.min_places_per_100 =
      reader.bounded_number("min_places_per_100", settings.min_places_per_100, 0.0, false);
  settings.rate = reader.choice("rate", settings.rate, kTensionRateNames);
  reader.reject_unknown_keys();
  return settings;
}

EquitySettings read_equity_table(const fs::path& file, const toml::table* table) {
  EquitySettings settings;
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "equity.");
  settings.measure = reader.choice("measure", settings.measure, kEquityMeasureNames);
  reader.reject_unknown_keys();
  return settings;
}

PrivacySettings read_privacy_table(const fs::path& file, const toml::table* table) {
  PrivacySettings settings;
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "privacy.");
  settings.mask_small_counts =
      reader.boolean("mask_small_counts").value_or(settings.mask_small_counts);
  settings.threshold = reader.bounded_number("threshold", settings.threshold, 0.0, false);
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

namespace scenario_tables {

FacilitySource read_facility_source(TableReader& reader, bool type_required) {
  FacilitySource source;
  source.path = reader.required_path("path");
  source.layer = reader.text("layer").value_or("");
  source.x_field = reader.text("x_field").value_or("");
  source.y_field = reader.text("y_field").value_or("");
  source.crs = reader.text("crs").value_or("");
  source.filter = reader.text("filter").value_or("");
  if (const toml::table* map = reader.subtable("type_map")) {
    TableReader map_reader(reader.origin(*map), *map, reader.prefix() + "type_map.");
    for (const auto& [value, node] : *map) {
      const std::string key(value.str());
      const auto type = map_reader.text(key);
      if (!type || type->empty()) {
        throw DataError(map_reader.where(node, key) +
                        " must name a service type, e.g. \"D502\" = \"eaje\"");
      }
      source.type_map[key] = *type;
    }
  }
  // Registers (a type map) often carry no id nor name.
  const bool register_source = !source.type_map.empty();
  source.id_field =
      register_source ? reader.text("id_field").value_or("") : reader.required_text("id_field");
  source.name_field =
      register_source ? reader.text("name_field").value_or("") : reader.required_text("name_field");
  source.type_field = type_required || register_source ? reader.required_text("type_field")
                                                       : reader.text("type_field").value_or("");
  source.capacity_field = reader.text("capacity_field").value_or("");
  source.quality_field = reader.text("quality_field").value_or("");
  source.poor_quality = reader.text_list("poor_quality");
  if (!source.quality_field.empty() && source.poor_quality.empty()) {
    throw DataError(reader.where(*reader.find("quality_field"), "quality_field") +
                    " needs poor_quality, the values that leave a row out, e.g. poor_quality = "
                    "[\"Mauvaise\"]");
  }
  if (source.quality_field.empty() && !source.poor_quality.empty()) {
    throw DataError(reader.where(*reader.find("poor_quality"), "poor_quality") +
                    " needs quality_field, the column holding the coordinates' quality");
  }
  return source;
}

Scenario settings_from_table(const fs::path& file, const toml::table& root) {
  TableReader reader(file, root, "");
  // Read by load_scenario_file; known here so that misspellings of them
  // are named.
  for (const char* key : {"name", "baseline", "changes"}) reader.find(key);
  Scenario scenario;
  scenario.file = file;
  scenario.note = reader.text("note").value_or("");
  scenario.communes = read_communes_table(file, required_table(reader, file, "communes"));
  scenario.facilities = read_facilities_table(file, required_table(reader, file, "facilities"));
  scenario.network = read_network_table(file, required_table(reader, file, "network"));
  scenario.analysis = read_analysis_table(file, reader.subtable("analysis"));
  scenario.isochrones = read_isochrones_table(file, reader.subtable("isochrones"));
  scenario.demand = read_demand_table(file, reader.subtable("demand"));
  scenario.services = read_services_table(file, reader.subtable("services"));
  scenario.accessibility = read_accessibility_table(file, reader.subtable("accessibility"));
  scenario.tension = read_tension_table(file, reader.subtable("tension"));
  scenario.supply = scenario_tables::read_supply_table(file, reader.subtable("supply"));
  if (scenario.tension.rate == TensionRate::global && !scenario.supply) {
    const toml::node* rate = root.at_path("tension.rate").node();
    throw DataError((rate != nullptr ? reader.where(*rate, "tension.rate") : file.string()) +
                    ": rate = \"global\" needs a [supply] table (the places of assistants "
                    "maternels, home childcare, 2-year-olds at school); add it or set rate = "
                    "\"service\"");
  }
  scenario.equity = read_equity_table(file, reader.subtable("equity"));
  scenario.privacy = read_privacy_table(file, reader.subtable("privacy"));
  scenario.siting = read_siting_table(file, reader.subtable("siting"));
  for (const auto& [group, weight] : scenario.siting.group_weights) {
    const auto& groups = scenario.demand.groups;
    if (std::none_of(groups.begin(), groups.end(),
                     [&](const GroupSource& g) { return g.name == group; })) {
      const toml::node* node = root.at_path("siting.weight").node();
      throw DataError((node != nullptr ? reader.where(*node, "siting.weight") : file.string()) +
                      ": '" + group + "' is not a group of [demand.groups]; name one of them");
    }
  }
  scenario.output = read_output_table(file, reader.subtable("output"));
  reader.reject_unknown_keys();
  return scenario;
}

}  // namespace scenario_tables

Scenario read_scenario(const fs::path& file) {
  std::vector<fs::path> chain;
  scenario_tables::LoadedScenario loaded = scenario_tables::load_scenario_file(file, chain);
  Scenario scenario = scenario_tables::settings_from_table(loaded.file, loaded.root);
  scenario.name = std::move(loaded.name);
  scenario.baseline = std::move(loaded.baseline);
  scenario.changes = std::move(loaded.changes);
  return scenario;
}

fs::path osm_buildings_source(const Scenario& scenario) {
  if (!scenario.demand.osm_buildings.empty()) return scenario.demand.osm_buildings;
  if (scenario.network.path.extension() == ".pbf") return scenario.network.path;
  return {};
}

}  // namespace couverture
