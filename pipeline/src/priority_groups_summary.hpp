#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

// The priority-group part of a run's summary, in French, for the crèches
// (else the first service): "Les familles sous le seuil de pauvreté sont en
// moyenne à 14,2 min d'une crèche, contre 11,0 min pour les autres.", with
// the places per 100 each sees and the concentration index. Nothing
// without [demand.groups].
void write_priority_groups_summary(const RunOutcome& outcome, std::FILE* out);
// Every service × group comparison, for the JSON summary.
nlohmann::json priority_groups_json(const RunOutcome& outcome);

}  // namespace couverture::pipeline
