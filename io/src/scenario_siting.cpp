// [siting]: where `couverture site` looks for k new sites (issue 5).

#include "couverture/geodata/scenario_bounds.hpp"
#include "scenario_tables.hpp"

namespace couverture::scenario_tables {

SitingSettings read_siting_table(const fs::path& file, const toml::table* table) {
  SitingSettings settings;
  if (table == nullptr) return settings;
  TableReader reader(file, *table, "siting.");
  if (const auto type = reader.text("service_type")) {
    if (type->empty()) {
      throw DataError(reader.where(*table->get("service_type"), "service_type") +
                      " must name the type of the new sites, e.g. \"eaje\"");
    }
    settings.service_type = *type;
  }
  if (const auto sites = reader.integer("sites")) {
    if (*sites < 1) {
      throw DataError(reader.where(*table->get("sites"), "sites") +
                      " must be at least 1 (the number of new sites to choose)");
    }
    settings.sites = static_cast<std::size_t>(*sites);
  }
  settings.capacity = reader.bounded_number("capacity", settings.capacity, 0.0, true);
  settings.objective = reader.choice("objective", settings.objective, kSitePlanObjectiveNames);
  settings.coverage_minutes =
      reader.bounded_number("coverage_minutes", settings.coverage_minutes, 0.0, true);
  if (settings.coverage_minutes > kMaxThresholdMinutes) {
    throw DataError(reader.where(*table->get("coverage_minutes"), "coverage_minutes") + ": " +
                    number_text(settings.coverage_minutes) + " is more than " +
                    number_text(kMaxThresholdMinutes) +
                    " minutes (one day); give the coverage time in minutes, e.g. 10");
  }
  if (const toml::table* candidates = reader.subtable("candidates")) {
    TableReader candidate_reader(file, *candidates, "siting.candidates.");
    settings.candidates = read_facility_source(candidate_reader, false);
    candidate_reader.reject_unknown_keys();
  }
  settings.generate = reader.choice("generate", settings.generate, kCandidateGeneratorNames);
  // The bounds of the demand grid's spacing, for the same reason: a spacing
  // typed in km would lay billions of candidates.
  settings.grid_spacing_m =
      reader.number_between("grid_spacing_m", settings.grid_spacing_m, kMinDemandSpacingM,
                            kMaxDemandSpacingM, "give metres: 1000 suits most territories");
  settings.one_per_commune = reader.boolean("one_per_commune").value_or(settings.one_per_commune);
  settings.min_distance_m =
      reader.bounded_number("min_distance_m", settings.min_distance_m, 0.0, false);
  settings.solver = reader.choice("solver", settings.solver, kSiteSolverNames);
  settings.time_limit_s = reader.bounded_number("time_limit_s", settings.time_limit_s, 0.0, true);
  settings.exact_size_limit =
      reader.bounded_number("exact_size_limit", settings.exact_size_limit, 0.0, true);
  if (const toml::table* weights = reader.subtable("weight")) {
    TableReader weight_reader(file, *weights, "siting.weight.");
    for (const auto& [key, node] : *weights) {
      const std::string group(key.str());
      settings.group_weights[group] = weight_reader.bounded_number(group, 1.0, 0.0, false);
    }
  }
  reader.reject_unknown_keys();
  return settings;
}

toml::table siting_to_toml(const SitingSettings& siting, const PathWriter& relative) {
  // Every knob is written, so that a written scenario shows them.
  toml::table table{{"service_type", siting.service_type},
                    {"sites", static_cast<std::int64_t>(siting.sites)},
                    {"capacity", siting.capacity},
                    {"objective", std::string(to_string(siting.objective))},
                    {"coverage_minutes", siting.coverage_minutes},
                    {"generate", std::string(to_string(siting.generate))},
                    {"grid_spacing_m", siting.grid_spacing_m},
                    {"one_per_commune", siting.one_per_commune},
                    {"min_distance_m", siting.min_distance_m},
                    {"solver", std::string(to_string(siting.solver))},
                    {"time_limit_s", siting.time_limit_s},
                    {"exact_size_limit", siting.exact_size_limit}};
  if (siting.candidates) {
    table.insert("candidates", facility_source_to_toml(*siting.candidates, relative));
  }
  if (!siting.group_weights.empty()) {
    toml::table weights;
    for (const auto& [group, weight] : siting.group_weights) weights.insert(group, weight);
    table.insert("weight", weights);
  }
  return table;
}

}  // namespace couverture::scenario_tables
