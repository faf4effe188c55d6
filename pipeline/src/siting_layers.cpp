#include "couverture/pipeline/siting_layers.hpp"

#include <algorithm>
#include <cmath>

#include "couverture/pipeline/comparison_layers.hpp"
#include "couverture/pipeline/siting_stage.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

using Type = OutputColumn::Type;

// French labels of the objectives' gains, in kSitePlanObjectives order.
std::string gain_label(SitePlanObjective objective, double minutes) {
  switch (objective) {
    case SitePlanObjective::max_covering:
      return "Public nouvellement à " + number_label(minutes) + " min ou moins";
    case SitePlanObjective::p_median:
      return "Baisse du temps cumulé du public (personnes × min)";
    case SitePlanObjective::equity_maximin:
      return "Part du public à " + number_label(minutes) +
             " min dans la commune la moins bien servie";
    case SitePlanObjective::equity_gini:
      return "Baisse de l'indice de Gini des temps";
    case SitePlanObjective::capacity:
      return "Baisse du déficit de places (E2SFCA)";
  }
  return "";
}

OutputLayer candidates_layer(const SitingOutcome& outcome) {
  const SitePlan& plan = outcome.plan;
  const double minutes = outcome.baseline.scenario.siting.coverage_minutes;
  OutputLayer layer;
  layer.name = "candidates";
  layer.geometry_type = "point";
  layer.description = "Candidate sites with their gain and rank for each objective";
  OutputColumn id = column("id", Type::text, "Identifiant");
  OutputColumn name = column("name", Type::text, "Nom");
  OutputColumn commune = column("commune_code", Type::text, "Commune");
  OutputColumn snap = column("snap_distance_m", Type::real, "Distance à la route (m)");
  OutputColumn chosen = column("chosen", Type::integer, "Retenu");
  OutputColumn evaluated = column("evaluated", Type::integer, "Évalué");
  std::vector<OutputColumn> gains;
  std::vector<OutputColumn> ranks;
  for (SitePlanObjective objective : kSitePlanObjectives) {
    const std::string key(to_string(objective));
    gains.push_back(column("gain_" + key, Type::real, gain_label(objective, minutes)));
    ranks.push_back(column("rank_" + key, Type::integer, "Rang (" + key + ")"));
  }
  for (std::size_t c = 0; c < plan.candidates.size(); ++c) {
    const SiteCandidate& candidate = plan.candidates[c];
    layer.geometries.push_back(geos_point(candidate.position.lon, candidate.position.lat));
    id.push_text(candidate.id);
    name.push_text(candidate.name);
    if (candidate.commune == kInvalidId) {
      commune.push_null();
    } else {
      commune.push_text(outcome.baseline.communes[candidate.commune].code);
    }
    snap.push(finite_or_null(plan.candidate_positions[c].distance_m));
    const auto index = static_cast<std::uint32_t>(c);
    chosen.push(integer_value(
        std::find(plan.chosen.begin(), plan.chosen.end(), index) != plan.chosen.end() ? 1 : 0));
    evaluated.push(
        integer_value(outcome.evaluation && outcome.evaluation->candidate == index ? 1 : 0));
    for (std::size_t o = 0; o < kSitePlanObjectives.size(); ++o) {
      gains[o].push(exact_or_null(plan.gain[o][c]));
      ranks[o].push(integer_value(plan.rank[o][c]));
    }
  }
  layer.columns = {id, name, commune, snap, chosen, evaluated};
  for (std::size_t o = 0; o < gains.size(); ++o) {
    layer.columns.push_back(std::move(gains[o]));
    layer.columns.push_back(std::move(ranks[o]));
  }
  // Ranks of the plan's objective: the best few stand out in green.
  const std::size_t n = std::max<std::size_t>(plan.candidates.size(), 1);
  const std::vector<double> breaks = {0.5, 1.5, 3.5, 10.5, static_cast<double>(n) + 0.5};
  const std::vector<Colour> colours = {
      {26, 152, 80}, {145, 207, 96}, {254, 224, 139}, {215, 48, 39}};
  const std::vector<std::string> labels = {"1er", "2e – 3e", "4e – 10e", "au-delà"};
  std::vector<double> used_breaks;
  std::vector<Colour> used_colours;
  std::vector<std::string> used_labels;
  for (std::size_t i = 0; i < colours.size(); ++i) {
    if (breaks[i] >= static_cast<double>(n) + 0.5) break;
    used_breaks.push_back(breaks[i]);
    used_colours.push_back(colours[i]);
    used_labels.push_back(labels[i]);
  }
  used_breaks.push_back(std::max(static_cast<double>(n) + 0.5, used_breaks.back() + 1.0));
  layer.style_qml =
      graduated_style_qml("rank_" + std::string(to_string(plan.objective)), GeometryKind::point,
                          used_breaks, used_colours, used_labels, "name");
  return layer;
}

OutputLayer chosen_layer(const SitingOutcome& outcome) {
  const SitePlan& plan = outcome.plan;
  OutputLayer layer;
  layer.name = "chosen_sites";
  layer.geometry_type = "point";
  layer.description = "The new sites whose effect the comparison layers show";
  OutputColumn id = column("id", Type::text, "Identifiant");
  OutputColumn name = column("name", Type::text, "Nom");
  OutputColumn type = column("service_type", Type::text, "Type de service");
  OutputColumn capacity = column("capacity", Type::real, "Capacité (places)");
  OutputColumn why = column("why", Type::text, "Pourquoi");
  for (std::uint32_t c : outcome.shown_sites) {
    const SiteCandidate& candidate = plan.candidates[c];
    layer.geometries.push_back(geos_point(candidate.position.lon, candidate.position.lat));
    id.push_text(candidate.id);
    name.push_text(candidate.name);
    type.push_text(plan.service_type);
    capacity.push(finite_or_null(outcome.baseline.scenario.siting.capacity));
    why.push_text(std::string(outcome.evaluation ? "évalué" : "retenu"));
  }
  layer.columns = {id, name, type, capacity, why};
  layer.style_qml =
      single_symbol_style_qml(GeometryKind::point, {26, 152, 80}, {0, 68, 27}, "name");
  return layer;
}

OutputLayer solutions_layer(const SitingOutcome& outcome) {
  OutputLayer layer;
  layer.name = "siting_solutions";
  layer.geometry_type = "none";
  layer.description = "Each solver that ran: its objective, bound, gap, status and time";
  OutputColumn solver = column("solver", Type::text, "Méthode");
  OutputColumn objective = column("objective", Type::real, "Valeur de l'objectif");
  OutputColumn bound = column("bound", Type::real, "Borne");
  OutputColumn gap = column("gap", Type::real, "Écart relatif à la borne");
  OutputColumn status = column("status", Type::text, "Statut");
  OutputColumn seconds = column("seconds", Type::real, "Durée (s)");
  OutputColumn sites = column("sites", Type::text, "Sites");
  const auto add = [&](const std::string& what, const SitingSolution& s) {
    solver.push_text(what);
    objective.push(exact_or_null(s.objective));
    bound.push(exact_or_null(s.bound));
    gap.push(exact_or_null(s.gap));
    status.push_text(to_string(s.status));
    seconds.push(exact_or_null(s.seconds));
    std::string list;
    for (std::uint32_t c : s.chosen)
      list += (list.empty() ? "" : ", ") + outcome.plan.candidates[c].name;
    sites.push_text(list);
  };
  if (outcome.plan.exact) add("exact (CBC)", *outcome.plan.exact);
  if (outcome.plan.greedy) add("greedy + swaps", *outcome.plan.greedy);
  layer.columns = {solver, objective, bound, gap, status, seconds, sites};
  return layer;
}

// What the siting asked, so that a report can phrase its answer (service,
// places, covering time, objective) from the file alone.
void add_siting_parameters(const SitingOutcome& outcome, OutputLayer& run_info) {
  const SitingSettings& siting = outcome.baseline.scenario.siting;
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"siting_service_type", outcome.plan.service_type},
      {"siting_sites", std::to_string(siting.sites)},
      {"siting_capacity", number_label(siting.capacity)},
      {"siting_coverage_minutes", number_label(siting.coverage_minutes)},
      {"siting_objective", std::string(to_string(outcome.plan.objective))}};
  for (OutputColumn& column : run_info.columns) {
    for (const auto& [key, value] : rows) {
      column.push_text(column.name == "key" ? key : value);
    }
  }
}

}  // namespace

std::vector<OutputLayer> build_siting_layers(const SitingOutcome& outcome) {
  std::vector<OutputLayer> layers;
  layers.push_back(candidates_layer(outcome));
  layers.push_back(chosen_layer(outcome));
  layers.push_back(solutions_layer(outcome));
  for (OutputLayer& layer :
       build_comparison_layers(outcome.baseline, outcome.with_sites, outcome.comparison)) {
    if (layer.name == "run_info") add_siting_parameters(outcome, layer);
    layers.push_back(std::move(layer));
  }
  return layers;
}

}  // namespace couverture::pipeline
