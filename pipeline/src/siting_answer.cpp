#include "couverture/pipeline/siting_answer.hpp"

#include "couverture/geodata/service_type.hpp"
#include "couverture/pipeline/run_digest.hpp"

namespace couverture::pipeline {

namespace {

constexpr std::size_t kCoveringIndex = static_cast<std::size_t>(SitePlanObjective::max_covering);

const ServiceComparison* compared(const SitingOutcome& outcome) {
  for (const ServiceComparison& s : outcome.comparison.services) {
    if (service_type_key(s.service_type) == service_type_key(outcome.plan.service_type)) {
      return &s;
    }
  }
  return nullptr;
}

double newly_within(const SitingOutcome& outcome, const ServiceComparison* change,
                    std::uint32_t shown) {
  double newly = shown == kInvalidId ? std::numeric_limits<double>::quiet_NaN()
                                     : outcome.plan.gain[kCoveringIndex][shown];
  if (change == nullptr) return newly;
  const auto& thresholds = outcome.comparison.thresholds_minutes;
  const double minutes = outcome.baseline.scenario.siting.coverage_minutes;
  for (std::size_t t = 0; t < thresholds.size(); ++t) {
    if (thresholds[t] == minutes && t < change->target_newly_within.size()) {
      newly = change->target_newly_within[t] - change->target_no_longer_within[t];
    }
  }
  return newly;
}

std::uint32_t best_alternative(const SitingOutcome& outcome) {
  const SitePlan& plan = outcome.plan;
  const auto objective = static_cast<std::size_t>(plan.objective);
  if (outcome.evaluation) return outcome.evaluation->best_alternative[objective];
  std::uint32_t alternative = kInvalidId;
  for (std::uint32_t c = 0; c < plan.candidates.size(); ++c) {
    if (plan.rank[objective][c] == 2) alternative = c;
  }
  return alternative;
}

}  // namespace

SitingAnswer siting_answer(const SitingOutcome& outcome) {
  SitingAnswer answer;
  answer.change = compared(outcome);
  const ServiceAccessibility* before =
      find_accessibility(outcome.baseline, outcome.plan.service_type);
  answer.target = before ? before->target : default_service_info(outcome.plan.service_type).target;
  answer.shown = outcome.shown_sites.empty() ? kInvalidId : outcome.shown_sites.front();
  answer.newly_within = newly_within(outcome, answer.change, answer.shown);
  answer.alternative = best_alternative(outcome);
  return answer;
}

}  // namespace couverture::pipeline
