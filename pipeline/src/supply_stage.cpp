#include "supply_stage.hpp"

#include <set>

#include "couverture/io/commune_table_reader.hpp"

namespace couverture::pipeline {

std::optional<ChildcareSupply> read_childcare_supply(const Scenario& scenario,
                                                     const std::vector<Commune>& communes,
                                                     Progress& progress,
                                                     std::vector<std::string>& warnings) {
  if (!scenario.supply) return std::nullopt;
  const SupplySettings& settings = *scenario.supply;
  ChildcareSupply supply;
  supply.service_type = settings.service_type;
  supply.tension_on_global = scenario.tension.rate == TensionRate::global;
  supply.by_commune.assign(communes.size(), SupplyPlaces{});
  for (SupplyKind kind : kSupplyKinds) {
    const auto& table = settings.tables[index_of(kind)];
    if (!table) continue;
    progress.stage("reading " + std::string(french_label(kind)) + " places from " +
                   table->path.filename().string());
    const std::map<std::string, double> places =
        read_commune_values({table->path, table->layer, table->code_field, table->places_field,
                             "supply." + std::string(to_string(kind))},
                            warnings);
    std::string missing;
    std::set<std::string> used;
    for (std::size_t c = 0; c < communes.size(); ++c) {
      const auto found = places.find(communes[c].code);
      if (found == places.end()) {
        missing += (missing.empty() ? "" : ", ") + communes[c].code + " " + communes[c].name;
        continue;
      }
      supply.by_commune[c][index_of(kind)] = found->second;
      used.insert(found->first);
    }
    if (!missing.empty()) {
      warnings.push_back(table->path.string() + " ([supply." + std::string(to_string(kind)) +
                         "]): no row for " + missing + "; counted as 0 places");
    }
    if (used.size() < places.size()) {
      warnings.push_back(table->path.string() + ": " + std::to_string(places.size() - used.size()) +
                         " code(s) are not communes of the territory and were left aside");
    }
  }
  return supply;
}

void check_supply_used(const Scenario& scenario, const std::vector<ServiceAccessibility>& services,
                       std::vector<std::string>& warnings) {
  if (!scenario.supply) return;
  for (const ServiceAccessibility& service : services) {
    if (service.global) return;
  }
  warnings.push_back(scenario.file.string() + ", [supply]: no facility of type '" +
                     scenario.supply->service_type +
                     "' with known places, so the global coverage rate is not computed; check "
                     "supply.service_type and the facilities' capacities");
}

}  // namespace couverture::pipeline
