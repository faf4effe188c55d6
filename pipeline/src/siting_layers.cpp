#include "couverture/pipeline/siting_layers.hpp"

#include <algorithm>
#include <cmath>

#include "couverture/pipeline/column_builder.hpp"
#include "couverture/pipeline/comparison_layers.hpp"
#include "couverture/pipeline/siting_stage.hpp"
#include "layer_columns.hpp"

namespace couverture::pipeline {

namespace {

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
  for (const SiteCandidate& candidate : plan.candidates) {
    layer.geometries.push_back(geos_point(candidate.position.lon, candidate.position.lat));
  }
  const auto candidate = [&](std::size_t c) -> const SiteCandidate& { return plan.candidates[c]; };
  const auto flag = [](bool on) { return on ? 1 : 0; };
  ColumnBuilder table(plan.candidates.size());
  table.text({"id", "Identifiant"}, [&](std::size_t c) { return candidate(c).id; })
      .text({"name", "Nom"}, [&](std::size_t c) { return candidate(c).name; })
      .text({"commune_code", "Commune"},
            [&](std::size_t c) -> std::optional<std::string> {
              if (candidate(c).commune == kInvalidId) return std::nullopt;
              return outcome.baseline.communes[candidate(c).commune].code;
            })
      .real({"snap_distance_m", "Distance à la route (m)"}, Real::hundredths,
            [&](std::size_t c) { return plan.candidate_positions[c].distance_m; })
      .integer({"chosen", "Retenu"},
               [&](std::size_t c) {
                 const auto index = static_cast<std::uint32_t>(c);
                 return flag(std::find(plan.chosen.begin(), plan.chosen.end(), index) !=
                             plan.chosen.end());
               })
      .integer({"evaluated", "Évalué"}, [&](std::size_t c) {
        return flag(outcome.evaluation &&
                    outcome.evaluation->candidate == static_cast<std::uint32_t>(c));
      });
  for (std::size_t o = 0; o < kSitePlanObjectives.size(); ++o) {
    const SitePlanObjective objective = kSitePlanObjectives[o];
    const std::string key(to_string(objective));
    table
        .real({"gain_" + key, gain_label(objective, minutes)}, Real::exact,
              [&](std::size_t c) { return plan.gain[o][c]; })
        .integer({"rank_" + key, "Rang (" + key + ")"},
                 [&](std::size_t c) { return plan.rank[o][c]; });
  }
  layer.columns = table.take();
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
  for (std::uint32_t c : outcome.shown_sites) {
    layer.geometries.push_back(
        geos_point(plan.candidates[c].position.lon, plan.candidates[c].position.lat));
  }
  const auto shown = [&](std::size_t s) -> const SiteCandidate& {
    return plan.candidates[outcome.shown_sites[s]];
  };
  ColumnBuilder table(outcome.shown_sites.size());
  table.text({"id", "Identifiant"}, [&](std::size_t s) { return shown(s).id; })
      .text({"name", "Nom"}, [&](std::size_t s) { return shown(s).name; })
      .text({"service_type", "Type de service"}, [&](std::size_t) { return plan.service_type; })
      .real({"capacity", "Capacité (places)"}, Real::hundredths,
            [&](std::size_t) { return outcome.baseline.scenario.siting.capacity; })
      .text({"why", "Pourquoi"},
            [&](std::size_t) { return outcome.evaluation ? "évalué" : "retenu"; });
  layer.columns = table.take();
  layer.style_qml =
      single_symbol_style_qml(GeometryKind::point, {26, 152, 80}, {0, 68, 27}, "name");
  return layer;
}

OutputLayer solutions_layer(const SitingOutcome& outcome) {
  OutputLayer layer;
  layer.name = "siting_solutions";
  layer.geometry_type = "none";
  layer.description = "Each solver that ran: its objective, bound, gap, status and time";
  std::vector<std::pair<std::string, const SitingSolution*>> ran;
  if (outcome.plan.exact) ran.emplace_back("exact (CBC)", &*outcome.plan.exact);
  if (outcome.plan.greedy) ran.emplace_back("greedy + swaps", &*outcome.plan.greedy);
  const auto solution = [&](std::size_t r) -> const SitingSolution& { return *ran[r].second; };
  ColumnBuilder table(ran.size());
  table.text({"solver", "Méthode"}, [&](std::size_t r) { return ran[r].first; })
      .real({"objective", "Valeur de l'objectif"}, Real::exact,
            [&](std::size_t r) { return solution(r).objective; })
      .real({"bound", "Borne"}, Real::exact, [&](std::size_t r) { return solution(r).bound; })
      .real({"gap", "Écart relatif à la borne"}, Real::exact,
            [&](std::size_t r) { return solution(r).gap; })
      .text({"status", "Statut"}, [&](std::size_t r) { return to_string(solution(r).status); })
      .real({"seconds", "Durée (s)"}, Real::exact,
            [&](std::size_t r) { return solution(r).seconds; })
      .text({"sites", "Sites"}, [&](std::size_t r) {
        std::string list;
        for (std::uint32_t c : solution(r).chosen) {
          list += (list.empty() ? "" : ", ") + outcome.plan.candidates[c].name;
        }
        return list;
      });
  layer.columns = table.take();
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
