#include "couverture/pipeline/siting_summary.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "couverture/geodata/number_text.hpp"
#include "couverture/geodata/service_noun.hpp"
#include "couverture/geodata/service_type.hpp"
#include "couverture/pipeline/siting_answer.hpp"
#include "couverture/pipeline/siting_stage.hpp"

namespace couverture::pipeline {

namespace {

nlohmann::json number(double value) {
  if (!std::isfinite(value)) return nullptr;
  return std::round(value * 10000.0) / 10000.0;
}

// A micro-crèche for a small EAJE (12 places at most), a crèche for a
// larger one, otherwise the service's own noun.
ServiceNoun site_noun(const std::string& type, double capacity) {
  if (service_type_key(type) == "eaje")
    return service_noun(capacity <= 12 ? "micro_creche" : "creche");
  return service_noun(type);
}

// "A micro-crèche", "An accueil de loisirs", "2 accueils de loisirs": the
// French noun in an English sentence.
std::string english_counted(const ServiceNoun& noun, std::size_t count) {
  if (count != 1) return std::to_string(count) + " " + noun.plural;
  const bool vowel = !noun.singular.empty() &&
                     std::string_view("aeiouAEIOUÉé").find(noun.singular[0]) != std::string::npos;
  return (vowel ? "An " : "A ") + noun.singular;
}

// A French number: decimal comma, thin spaces between thousands.
std::string fr(double value, int decimals) { return format_number(value, decimals, Language::fr); }

// A count or a capacity as few digits as it needs: 10, 12,5.
std::string fr_short(double value) {
  return fr(value, value == std::round(value) ? 0 : (value * 10 == std::round(value * 10) ? 1 : 2));
}

std::string english_public(AgeBandSet target) {
  if (target == AgeBandSet::all()) return "inhabitants";
  if (target == AgeBandSet::of(AgeBand::adults)) return "adults";
  return "children aged " + target.to_string();
}

std::string names(const SitingOutcome& outcome, const std::vector<std::uint32_t>& sites) {
  std::string text;
  for (std::uint32_t c : sites)
    text += (text.empty() ? "" : ", ") + outcome.plan.candidates[c].name;
  return text;
}

nlohmann::json solution_json(const SitingOutcome& outcome, const SitingSolution& s) {
  std::vector<std::string> chosen;
  for (std::uint32_t c : s.chosen) chosen.push_back(outcome.plan.candidates[c].name);
  return {
      {"sites", chosen},      {"objective", number(s.objective)}, {"bound", number(s.bound)},
      {"gap", number(s.gap)}, {"status", to_string(s.status)},    {"seconds", number(s.seconds)}};
}

void write_solution(const char* what, const SitingOutcome& outcome, const SitingSolution& s,
                    std::FILE* out) {
  std::fprintf(out, "  %-15s %s — objective %.2f, bound %.2f, gap %.2f %%, %s, %.2f s\n", what,
               names(outcome, s.chosen).c_str(), s.objective, s.bound, 100.0 * s.gap,
               to_string(s.status).c_str(), s.seconds);
}

nlohmann::json evaluation_json(const SitingOutcome& outcome) {
  const SitePlan& plan = outcome.plan;
  nlohmann::json evaluation;
  evaluation["candidate"] = plan.candidates[outcome.evaluation->candidate].name;
  for (std::size_t o = 0; o < kSitePlanObjectives.size(); ++o) {
    const std::string key(to_string(kSitePlanObjectives[o]));
    const std::uint32_t best = outcome.evaluation->best_alternative[o];
    evaluation["objectives"][key] = {
        {"gain", number(outcome.evaluation->gain[o])},
        {"rank", outcome.evaluation->rank[o]},
        {"best_alternative",
         best == kInvalidId ? nlohmann::json(nullptr) : nlohmann::json(plan.candidates[best].name)},
        {"best_alternative_gain",
         best == kInvalidId ? nlohmann::json(nullptr) : number(plan.gain[o][best])}};
  }
  return evaluation;
}

nlohmann::json siting_json(const SitingOutcome& outcome, const SitingAnswer& answer,
                           const std::filesystem::path& output, double seconds) {
  const SitePlan& plan = outcome.plan;
  const SitingSettings& siting = outcome.baseline.scenario.siting;
  nlohmann::json json;
  json["scenario"] = outcome.baseline.scenario.name;
  json["service_type"] = plan.service_type;
  json["objective"] = std::string(to_string(plan.objective));
  json["sites"] = siting.sites;
  json["capacity"] = siting.capacity;
  json["coverage_minutes"] = siting.coverage_minutes;
  json["candidates"] = plan.candidates.size();
  json["demand_points"] = outcome.baseline.coverage.demand.size();
  json["road_nodes"] = outcome.baseline.roads->node_count();
  json["chosen"] = nlohmann::json::array();
  for (std::uint32_t c : plan.chosen) json["chosen"].push_back(plan.candidates[c].name);
  json["chosen_objective"] = number(plan.chosen_objective);
  if (plan.exact) json["exact"] = solution_json(outcome, *plan.exact);
  if (plan.greedy) json["greedy"] = solution_json(outcome, *plan.greedy);
  json["greedy_gap_to_exact"] = number(plan.greedy_gap);
  if (outcome.evaluation) json["evaluation"] = evaluation_json(outcome);
  if (const ServiceComparison* change = answer.change) {
    json["effect"] = {
        {"target_newly_within_coverage_minutes", number(answer.newly_within)},
        {"target_mean_minutes_change", number(change->overall.target_mean_minutes)},
        {"e2sfca_rate_change", number(change->overall.e2sfca_rate)},
        {"gini",
         {{"baseline", number(change->gini.before)}, {"with_site", number(change->gini.after)}}},
        {"target_gaining", number(change->target_gaining)}};
  }
  json["output"] = output.string();
  json["seconds"] = number(seconds);
  return json;
}

// The solvers' results and, for an evaluated site, its ranks.
void write_plan(const SitingOutcome& outcome, std::uint32_t shown, std::FILE* out) {
  const SitePlan& plan = outcome.plan;
  const SitingSettings& siting = outcome.baseline.scenario.siting;
  std::fprintf(out, "Couverture — siting: %zu new %s site(s) of %g places among %zu candidates\n",
               siting.sites, plan.service_type.c_str(), siting.capacity, plan.candidates.size());
  std::fprintf(out, "Objective %s (T = %g min for covering and maximin)\n",
               std::string(to_string(plan.objective)).c_str(), siting.coverage_minutes);
  if (plan.exact) write_solution("exact (CBC):", outcome, *plan.exact, out);
  if (plan.greedy) write_solution("greedy + swaps:", outcome, *plan.greedy, out);
  if (std::isfinite(plan.greedy_gap)) {
    std::fprintf(out, "  greedy is %.2f %% from the exact optimum\n", 100.0 * plan.greedy_gap);
  }
  std::fprintf(out, "Chosen: %s\n", names(outcome, plan.chosen).c_str());
  if (!outcome.evaluation) return;
  std::fprintf(out, "\n'%s' ranks, out of %zu candidates:", plan.candidates[shown].name.c_str(),
               plan.candidates.size());
  for (std::size_t o = 0; o < kSitePlanObjectives.size(); ++o) {
    std::fprintf(out, " %s %u%s", std::string(to_string(kSitePlanObjectives[o])).c_str(),
                 outcome.evaluation->rank[o], o + 1 < kSitePlanObjectives.size() ? "," : "\n");
  }
}

// The best alternative in English and French: "name (objective gain X,
// against Y here)".
std::pair<std::string, std::string> alternative_text(const SitingOutcome& outcome,
                                                     const SitingAnswer& answer) {
  if (outcome.shown_sites.size() > 1) return {"—", "—"};
  if (answer.alternative == kInvalidId) return {"none", "aucune"};
  const SitePlan& plan = outcome.plan;
  const auto objective_index = static_cast<std::size_t>(plan.objective);
  const std::string name = plan.candidates[answer.alternative].name;
  const std::string objective(to_string(plan.objective));
  const double theirs = plan.gain[objective_index][answer.alternative];
  const double ours = plan.gain[objective_index][answer.shown];
  char text[256];
  std::snprintf(text, sizeof text, "%s (%s gain %.4g, against %.4g here)", name.c_str(),
                objective.c_str(), theirs, ours);
  return {text, name + " (gain " + objective + " de " + fr_short(std::round(theirs * 100) / 100) +
                    ", contre " + fr_short(std::round(ours * 100) / 100) + " ici)"};
}

// The answer, in English then French.
void write_answer(const SitingOutcome& outcome, const SitingAnswer& answer, std::FILE* out) {
  const SitePlan& plan = outcome.plan;
  const SitingSettings& siting = outcome.baseline.scenario.siting;
  const ServiceComparison& change = *answer.change;
  const ServiceNoun noun = site_noun(plan.service_type, siting.capacity);
  const std::string where =
      outcome.evaluation ? plan.candidates[answer.shown].name : names(outcome, outcome.shown_sites);
  const auto [alt, alternative_fr] = alternative_text(outcome, answer);
  const bool several = outcome.shown_sites.size() > 1;
  const std::string what_en = english_counted(noun, outcome.shown_sites.size());
  const std::string what_fr = counted_noun(noun, outcome.shown_sites.size(), true);
  const bool times = change.equity_measure_after == "travel_time";
  const std::string measure = times ? std::string("travel time") : change.equity_measure_after;
  const std::string mesure =
      times ? std::string("des temps de trajet") : "de " + change.equity_measure_after;
  std::fprintf(out,
               "\n%s of %g places at %s would bring %.0f more %s within %g minutes; the mean time "
               "falls by %.2f min; the Gini of %s goes from %.3f to %.3f; best alternative: "
               "%s.\n",
               what_en.c_str(), siting.capacity, where.c_str(), answer.newly_within,
               english_public(answer.target).c_str(), siting.coverage_minutes,
               -change.overall.target_mean_minutes, measure.c_str(), change.gini.before,
               change.gini.after, alt.c_str());
  std::fprintf(
      out,
      "%s de %s places à %s amènerai%s %s %s de plus à %s minutes ou moins ; le temps moyen "
      "baisserait de %s min ; l'indice de Gini %s passerait de %s à %s ; "
      "meilleure alternative : %s.\n",
      what_fr.c_str(), fr_short(siting.capacity).c_str(), where.c_str(), several ? "ent" : "t",
      fr(answer.newly_within, 0).c_str(), answer.target.french_label().c_str(),
      fr_short(siting.coverage_minutes).c_str(), fr(-change.overall.target_mean_minutes, 2).c_str(),
      mesure.c_str(), fr(change.gini.before, 3).c_str(), fr(change.gini.after, 3).c_str(),
      alternative_fr.c_str());
}

}  // namespace

nlohmann::json siting_summary_json(const SitingOutcome& outcome,
                                   const std::filesystem::path& output, double seconds) {
  return siting_json(outcome, siting_answer(outcome), output, seconds);
}

void write_siting_summary(const SitingOutcome& outcome, const std::filesystem::path& output,
                          double seconds, std::FILE* out) {
  const SitingAnswer answer = siting_answer(outcome);
  write_plan(outcome, answer.shown, out);
  if (answer.shown != kInvalidId && answer.change != nullptr) write_answer(outcome, answer, out);
  std::fprintf(out, "\nWrote %s in %.2f s.\n", output.string().c_str(), seconds);
}

}  // namespace couverture::pipeline
