#include "couverture/pipeline/comparison_summary.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "couverture/geodata/number_text.hpp"
#include "couverture/geodata/service_type.hpp"
#include "couverture/pipeline/run_digest.hpp"
#include "couverture/pipeline/scenario_runner.hpp"

namespace couverture::pipeline {

namespace {

nlohmann::json number(double value) {
  if (!std::isfinite(value)) return nullptr;
  return std::round(value * 10000.0) / 10000.0;
}

nlohmann::json change_json(const IndexChange& change) {
  return {{"baseline", number(change.before)},
          {"variant", number(change.after)},
          {"change", number(change.change)}};
}

std::size_t tension_count(const ServiceAccessibility* service) {
  return service == nullptr ? 0 : service->tension_communes.size();
}

}  // namespace

nlohmann::json comparison_summary_json(const ComparisonOutcome& run,
                                       const std::filesystem::path& output, double seconds) {
  const RunOutcome& baseline = run.baseline;
  const RunOutcome& variant = run.variant;
  const ScenarioComparison& comparison = run.comparison;
  nlohmann::json json;
  json["baseline"] = baseline.scenario.name;
  json["variant"] = variant.scenario.name;
  json["output"] = output.string();
  json["same_demand_points"] = comparison.same_demand_points;
  json["thresholds_minutes"] = comparison.thresholds_minutes;
  nlohmann::json services = nlohmann::json::array();
  for (const ServiceComparison& s : comparison.services) {
    const ServiceAccessibility* before = find_accessibility(baseline, s.service_type);
    const ServiceAccessibility* after = find_accessibility(variant, s.service_type);
    nlohmann::json item;
    item["service_type"] = s.service_type;
    item["in_baseline"] = s.in_baseline;
    item["in_variant"] = s.in_variant;
    item["target_mean_minutes"] = {
        {"baseline", number(before ? before->overall.nearest.mean : NAN)},
        {"variant", number(after ? after->overall.nearest.mean : NAN)},
        {"change", number(s.overall.target_mean_minutes)}};
    item["e2sfca_rate_change"] = number(s.overall.e2sfca_rate);
    item["administrative_rate_change"] = number(s.overall.administrative_rate);
    item["target_gaining"] = number(s.target_gaining);
    item["target_losing"] = number(s.target_losing);
    item["target_newly_within"] = s.target_newly_within;
    item["gini"] = change_json(s.gini);
    item["theil"] = change_json(s.theil_total);
    item["theil_between"] = change_json(s.theil_between);
    item["theil_within"] = change_json(s.theil_within);
    item["atkinson_1"] = change_json(s.atkinson_1);
    item["best_to_worst_fifth"] = change_json(s.best_to_worst_fifth);
    item["communes_in_tension"] = {{"baseline", tension_count(before)},
                                   {"variant", tension_count(after)}};
    services.push_back(item);
  }
  json["services"] = services;
  json["seconds"] = std::round(seconds * 1000.0) / 1000.0;
  return json;
}

namespace {

// One service's change in English, then in French.
void write_service_change(const RunOutcome& baseline, const RunOutcome& variant,
                          const ServiceComparison& s, std::FILE* out) {
  const ServiceAccessibility* before = find_accessibility(baseline, s.service_type);
  const ServiceAccessibility* after = find_accessibility(variant, s.service_type);
  const std::string who = after    ? after->target.french_label()
                          : before ? before->target.french_label()
                                   : std::string();
  const double mean_before = before ? before->overall.nearest.mean : NAN;
  const double mean_after = after ? after->overall.nearest.mean : NAN;
  const bool unchanged = std::abs(s.overall.target_mean_minutes) < 1e-9 &&
                         s.target_gaining == 0.0 && s.target_losing == 0.0;
  if (unchanged) {
    std::fprintf(out, "%-16s unchanged\n", s.service_type.c_str());
    return;
  }
  std::fprintf(out, "%-16s mean time %.1f -> %.1f min (%+.2f); Gini %.3f -> %.3f;",
               s.service_type.c_str(), mean_before, mean_after, s.overall.target_mean_minutes,
               s.gini.before, s.gini.after);
  if (std::isfinite(s.overall.e2sfca_rate)) {
    std::fprintf(out, " E2SFCA %+.2f places/100;", s.overall.e2sfca_rate);
  }
  std::fprintf(out, " %.0f gain, %.0f lose > 0.5 min; in tension %zu -> %zu communes\n",
               s.target_gaining, s.target_losing, tension_count(before), tension_count(after));
  // French: decimal comma, and 0 or 1 take the singular.
  const auto fr = [](double value, int decimals) {
    return format_number(value, decimals, Language::fr);
  };
  const bool one_gains = std::round(s.target_gaining) < 2.0;
  const bool one_loses = std::round(s.target_losing) < 2.0;
  std::fprintf(out, "%-16s (%s : temps moyen %s -> %s min, %s %s plus de 30 s, %s en %s)\n", "",
               who.c_str(), fr(mean_before, 1).c_str(), fr(mean_after, 1).c_str(),
               fr(s.target_gaining, 0).c_str(), one_gains ? "personne gagne" : "personnes gagnent",
               fr(s.target_losing, 0).c_str(), one_loses ? "perd" : "perdent");
}

}  // namespace

void write_comparison_summary(const ComparisonOutcome& run, const std::filesystem::path& output,
                              double seconds, std::FILE* out) {
  const RunOutcome& baseline = run.baseline;
  const RunOutcome& variant = run.variant;
  const ScenarioComparison& comparison = run.comparison;
  std::fprintf(out, "Couverture — comparison\n  baseline: %s\n  variant:  %s\n",
               baseline.scenario.name.c_str(), variant.scenario.name.c_str());
  if (!comparison.same_demand_points) {
    std::fprintf(out, "(the two runs place people differently: no per-point differences)\n");
  }
  std::fprintf(out, "\n");
  for (const ServiceComparison& s : comparison.services) {
    write_service_change(baseline, variant, s, out);
  }
  std::fprintf(out,
               "\nDifferences are variant minus baseline (a negative time, a positive rate: a "
               "gain).\nWrote %s in %.2f s.\n",
               output.string().c_str(), seconds);
}

}  // namespace couverture::pipeline
