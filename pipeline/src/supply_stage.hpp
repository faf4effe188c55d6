#pragma once

#include <optional>
#include <string>
#include <vector>

#include "couverture/engine/childcare_supply.hpp"
#include "couverture/engine/service_accessibility.hpp"
#include "couverture/geodata/commune.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/progress.hpp"

namespace couverture::pipeline {

// Reads the scenario's [supply] tables (places per commune, joined on the
// INSEE code) into the engine's per-commune places; nullopt without
// [supply]. A commune absent from a table counts 0 places of that kind,
// reported in `warnings` with the codes of the table that are not
// communes of the territory.
std::optional<ChildcareSupply> read_childcare_supply(const Scenario& scenario,
                                                     const std::vector<Commune>& communes,
                                                     Progress& progress,
                                                     std::vector<std::string>& warnings);

// Warns when [supply] was given but no service took it: no facility of its
// type, or a facility of that type without a known capacity.
void check_supply_used(const Scenario& scenario, const std::vector<ServiceAccessibility>& services,
                       std::vector<std::string>& warnings);

}  // namespace couverture::pipeline
