// The TOML text of a scenario (scenario_to_toml): every table written with
// its keys, paths relative to the folder the text is written for.

#include <toml++/toml.h>

#include <sstream>

#include "couverture/io/scenario.hpp"
#include "scenario_tables.hpp"

namespace couverture {

namespace {

namespace fs = std::filesystem;
using scenario_tables::PathWriter;

toml::array minutes_array(const std::vector<double>& minutes) {
  toml::array array;
  for (double value : minutes) array.push_back(value);
  return array;
}

toml::array text_array(const std::vector<std::string>& values) {
  toml::array array;
  for (const std::string& value : values) array.push_back(value);
  return array;
}

toml::table communes_to_toml(const CommuneSource& source, const PathWriter& relative) {
  toml::table communes{{"path", relative(source.path)},
                       {"code_field", source.code_field},
                       {"name_field", source.name_field}};
  if (!source.layer.empty()) communes.insert("layer", source.layer);
  if (!source.population_field.empty()) {
    communes.insert("population_field", source.population_field);
  }
  if (!source.filter.empty()) communes.insert("filter", source.filter);
  if (const auto& table = source.population_table) {
    communes.insert("population_table", toml::table{{"path", relative(table->path)},
                                                    {"code_field", table->code_field},
                                                    {"population_field", table->population_field}});
  }
  return communes;
}

toml::table network_to_toml(const NetworkSource& source, const PathWriter& relative) {
  toml::table network{{"path", relative(source.path)},
                      {"profile", std::string(to_string(source.profile))},
                      {"access_speed_kmh", source.access.access_speed_kmh},
                      {"max_snap_distance_m", source.access.max_snap_distance_m},
                      {"direction", std::string(to_string(source.access.direction))}};
  if (!source.dem.empty()) network.insert("dem", relative(source.dem));
  if (!source.speeds_kmh.empty()) {
    toml::table speeds;
    for (const auto& [name, kmh] : source.speeds_kmh) speeds.insert(name, kmh);
    network.insert("speeds", speeds);
  }
  if (!source.access_permit.empty() || !source.access_forbid.empty()) {
    network.insert("access", toml::table{{"permit", text_array(source.access_permit)},
                                         {"forbid", text_array(source.access_forbid)}});
  }
  return network;
}

toml::table isochrones_to_toml(const IsochroneSettings& isochrones) {
  toml::table table{{"enabled", isochrones.enabled},
                    {"form", std::string(to_string(isochrones.form))},
                    {"per_facility", isochrones.per_facility},
                    {"by_service", isochrones.by_service},
                    {"cell_m", isochrones.cell_m},
                    {"max_offroad_m", isochrones.max_offroad_m}};
  if (!isochrones.thresholds_minutes.empty()) {
    table.insert("thresholds_minutes", minutes_array(isochrones.thresholds_minutes));
  }
  return table;
}

toml::table age_table_to_toml(const AgeTable& ages, const PathWriter& relative) {
  toml::table table{{"path", relative(ages.path)}, {"code_field", ages.code_field}};
  if (!ages.layer.empty()) table.insert("layer", ages.layer);
  for (AgeBand band : kAgeBands) {
    const std::vector<std::string>& fields = ages.band_fields[index_of(band)];
    if (fields.size() == 1) {
      table.insert(field_name(band), fields.front());
    } else {
      table.insert(field_name(band), text_array(fields));
    }
  }
  return table;
}

toml::table demand_to_toml(const DemandSettings& demand, const PathWriter& relative) {
  // Optional paths are written "" when unset, so the knob shows.
  const auto optional_relative = [&relative](const fs::path& path) {
    return path.empty() ? std::string() : relative(path);
  };
  toml::table table{{"source", std::string(to_string(demand.source))},
                    {"insee_grid", optional_relative(demand.insee_grid)},
                    {"insee_grid_layer", demand.insee_grid_layer},
                    {"osm_buildings", optional_relative(demand.osm_buildings)},
                    {"building_cell_m", demand.building_cell_m},
                    {"min_building_m2", demand.min_building_m2}};
  if (demand.age_table) table.insert("age_table", age_table_to_toml(*demand.age_table, relative));
  // Written only when given: reading them back sets band_shares_given.
  if (demand.band_shares_given) {
    toml::table shares;
    for (AgeBand band : kAgeBands)
      shares.insert(field_name(band), demand.band_shares[index_of(band)]);
    table.insert("band_shares", shares);
  }
  if (!demand.groups.empty()) {
    table.insert("groups", scenario_tables::groups_to_toml(demand.groups, relative));
  }
  return table;
}

toml::table services_to_toml(const std::map<std::string, ServiceSettings>& services) {
  toml::table table;
  for (const auto& [type, service] : services) {
    toml::array bands;
    if (service.target == AgeBandSet::all()) {
      bands.push_back("all");
    } else {
      for (AgeBand band : kAgeBands) {
        if (service.target.contains(band)) bands.push_back(std::string(to_string(band)));
      }
    }
    table.insert(type, toml::table{{"bands", bands}});
  }
  return table;
}

toml::table accessibility_to_toml(const AccessibilitySettings& accessibility) {
  toml::table table{{"catchment_minutes", accessibility.catchment_minutes},
                    {"decay", std::string(to_string(accessibility.decay))},
                    {"exponential_beta_per_minute", accessibility.exponential_beta_per_minute},
                    {"gravity_beta_per_minute", accessibility.gravity_beta_per_minute}};
  if (!accessibility.decay_steps.empty()) {
    toml::array steps;
    for (const auto& [bound, weight] : accessibility.decay_steps) {
      toml::array step;
      step.push_back(bound);
      step.push_back(weight);
      steps.push_back(std::move(step));
    }
    table.insert("decay_steps", steps);
  }
  return table;
}

}  // namespace

namespace scenario_tables {

toml::table facility_source_to_toml(const FacilitySource& source, const PathWriter& relative) {
  toml::table table{{"path", relative(source.path)}};
  const auto insert_if = [&table](std::string_view key, const std::string& value) {
    if (!value.empty()) table.insert(key, value);
  };
  insert_if("id_field", source.id_field);
  insert_if("name_field", source.name_field);
  insert_if("filter", source.filter);
  insert_if("quality_field", source.quality_field);
  if (!source.poor_quality.empty()) {
    toml::array values;
    for (const std::string& value : source.poor_quality) values.push_back(value);
    table.insert("poor_quality", values);
  }
  if (!source.type_map.empty()) {
    toml::table map;
    for (const auto& [value, type] : source.type_map) map.insert(value, type);
    table.insert("type_map", map);
  }
  insert_if("type_field", source.type_field);
  insert_if("layer", source.layer);
  insert_if("x_field", source.x_field);
  insert_if("y_field", source.y_field);
  insert_if("crs", source.crs);
  insert_if("capacity_field", source.capacity_field);
  return table;
}

}  // namespace scenario_tables

std::string scenario_to_toml(const Scenario& scenario, const fs::path& folder) {
  // Relative paths keep the folder and its output movable together.
  const PathWriter relative = [&folder](const fs::path& path) {
    const fs::path shorter = path.lexically_relative(folder);
    return (shorter.empty() ? path : shorter).generic_string();
  };
  toml::table root{
      {"name", scenario.name},
      {"communes", communes_to_toml(scenario.communes, relative)},
      {"facilities", scenario_tables::facility_source_to_toml(scenario.facilities, relative)},
      {"network", network_to_toml(scenario.network, relative)},
      {"analysis",
       toml::table{{"thresholds_minutes", minutes_array(scenario.analysis.thresholds_minutes)},
                   {"demand_spacing_m", scenario.analysis.demand_spacing_m}}},
      {"isochrones", isochrones_to_toml(scenario.isochrones)},
      {"demand", demand_to_toml(scenario.demand, relative)},
      {"accessibility", accessibility_to_toml(scenario.accessibility)},
      {"tension", toml::table{{"max_minutes", scenario.tension.max_minutes},
                              {"min_places_per_100", scenario.tension.min_places_per_100},
                              {"rate", std::string(to_string(scenario.tension.rate))}}},
      {"equity", toml::table{{"measure", std::string(to_string(scenario.equity.measure))}}},
      {"privacy", toml::table{{"mask_small_counts", scenario.privacy.mask_small_counts},
                              {"threshold", scenario.privacy.threshold}}},
      {"output",
       toml::table{{"path", relative(scenario.output.path)}, {"crs", scenario.output.crs}}}};
  if (!scenario.note.empty()) root.insert("note", scenario.note);
  if (!scenario.services.empty()) root.insert("services", services_to_toml(scenario.services));
  if (scenario.supply)
    root.insert("supply", scenario_tables::supply_to_toml(*scenario.supply, relative));
  root.insert("siting", scenario_tables::siting_to_toml(scenario.siting, relative));
  // A variant is written merged, without `baseline`: the file runs on its
  // own, its [changes] being the baseline's and the variant's together.
  if (!scenario.changes.empty()) {
    root.insert("changes", scenario_tables::changes_to_toml(scenario.changes));
  }
  std::ostringstream text;
  text << "# Couverture scenario (format: docs/scenario.md). Edit it and run\n"
       << "#   couverture run " << scenario.file.filename().string() << "\n"
       << root << "\n";
  return text.str();
}

}  // namespace couverture
