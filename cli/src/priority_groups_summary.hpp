#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace couverture::pipeline {
struct RunOutcome;
}  // namespace couverture::pipeline

namespace couverture::cli {

using pipeline::RunOutcome;

// A number the French way: one decimal by default, decimal comma
// (14.2 -> "14,2").
std::string french_decimal(double value, int decimals = 1);

// "d'une crèche", "d'un accueil de loisirs"...: how a sentence names the
// nearest facility of a service type.
std::string nearest_service_phrase(const std::string& service_type);

// The priority-group part of a run's summary, in French, for the crèches
// (else the first service): "Les familles sous le seuil de pauvreté sont en
// moyenne à 14,2 min d'une crèche, contre 11,0 min pour les autres.", with
// the places per 100 each sees and the concentration index. Nothing
// without [demand.groups].
void print_priority_groups_summary(const RunOutcome& outcome);
// Every service × group comparison, for --json.
nlohmann::json priority_groups_json(const RunOutcome& outcome);

}  // namespace couverture::cli
