// The siting answer on the demo's question (was Éloyes the right place for
// a 10-place micro-crèche?), run in-process: the sentence's figures are
// read back and compared with values computed here from the baseline run
// and the run with the site (target population newly within T, the fall of
// the target-weighted mean time, brute-force Gini), and the best
// alternative with the plan's candidates ranked here.
#include "couverture/pipeline/siting_summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/progress.hpp"
#include "summary_reference.hpp"

namespace couverture::pipeline {
namespace {

using testing::demo_files;
using testing::numbers_in;

class SitingSummary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Progress progress;
    outcome_ = std::make_unique<SitingOutcome>(
        run_siting(read_scenario(demo_files().scenarios.site_eaje), "Éloyes", progress));
    text_ = testing::text_of(
        [](std::FILE* out) { write_siting_summary(*outcome_, "site.gpkg", 2.25, out); });
  }
  static void TearDownTestSuite() { outcome_.reset(); }

  struct Side {
    std::vector<double> minutes;
    std::vector<double> target;
  };
  static Side side(const RunOutcome& run) {
    for (std::size_t s = 0; s < run.accessibility.size(); ++s) {
      if (run.accessibility[s].service_type != "eaje") continue;
      return {run.coverage.services[s].demand_minutes,
              testing::target_population(run.coverage.demand, run.accessibility[s].target)};
    }
    ADD_FAILURE() << "no eaje";
    return {};
  }

  static inline std::unique_ptr<SitingOutcome> outcome_;
  static inline std::string text_;
};

// The figures of the sentence: capacity, newly within, 0 and 2 (the
// public), T, the fall of the mean time, the Gini before and after, the
// alternative's gain and the evaluated site's.
void expect_answer(const std::vector<double>& n, const SitingOutcome& outcome, double newly,
                   double fall, double gini_before, double gini_after, double theirs, double ours) {
  ASSERT_EQ(n.size(), 10U);
  EXPECT_EQ(n[0], 10.0);  // site-eaje.toml: capacity = 10
  EXPECT_NEAR(n[1], newly, 0.5 + 1e-9);
  EXPECT_EQ(n[2], 0.0);
  EXPECT_EQ(n[3], 2.0);
  EXPECT_EQ(n[4], outcome.baseline.scenario.siting.coverage_minutes);
  EXPECT_NEAR(n[5], fall, 0.005 + 1e-9);
  EXPECT_NEAR(n[6], gini_before, 0.0005 + 1e-9);
  EXPECT_NEAR(n[7], gini_after, 0.0005 + 1e-9);
  EXPECT_NEAR(n[8], theirs, 0.005 + 1e-9);
  EXPECT_NEAR(n[9], ours, 0.005 + 1e-9);
}

TEST_F(SitingSummary, AnswerGivesThePeopleNewlyWithinTheFallOfTheMeanAndTheBestAlternative) {
  const SitingOutcome& outcome = *outcome_;
  const double minutes = outcome.baseline.scenario.siting.coverage_minutes;
  EXPECT_EQ(minutes, 10.0);  // site-eaje.toml: coverage_minutes = 10
  const Side before = side(outcome.baseline);
  const Side with = side(outcome.with_sites);
  const double newly = testing::weight_within(with.minutes, with.target, minutes) -
                       testing::weight_within(before.minutes, before.target, minutes);
  const double fall = testing::weighted_mean(before.minutes, before.target) -
                      testing::weighted_mean(with.minutes, with.target);
  const double gini_before = testing::brute_force_gini(before.minutes, before.target);
  const double gini_after = testing::brute_force_gini(with.minutes, with.target);

  // The best alternative: the other candidate of highest gain for the
  // plan's objective (the first of equals).
  const SitePlan& plan = outcome.plan;
  ASSERT_EQ(outcome.shown_sites.size(), 1U);
  const std::uint32_t shown = outcome.shown_sites[0];
  EXPECT_EQ(plan.candidates[shown].name, "Éloyes");
  const std::vector<double>& gain = plan.gain[static_cast<std::size_t>(plan.objective)];
  std::uint32_t best = shown == 0 ? 1 : 0;
  for (std::uint32_t c = 0; c < gain.size(); ++c) {
    if (c != shown && gain[c] > gain[best]) best = c;
  }
  const std::string alternative = plan.candidates[best].name;

  const std::string english =
      testing::line_starting(text_, "A micro-crèche of 10 places at Éloyes");
  SCOPED_TRACE(text_);
  expect_answer(numbers_in(english), outcome, newly, fall, gini_before, gini_after, gain[best],
                gain[shown]);
  EXPECT_NE(english.find("best alternative: " + alternative + " (max_covering gain "),
            std::string::npos);
  const std::string french =
      testing::line_starting(text_, "Une micro-crèche de 10 places à Éloyes");
  expect_answer(numbers_in(french, ','), outcome, newly, fall, gini_before, gini_after, gain[best],
                gain[shown]);
  EXPECT_NE(french.find("meilleure alternative : " + alternative + " (gain max_covering de "),
            std::string::npos);
  EXPECT_NE(text_.find("\nWrote site.gpkg in 2.25 s.\n"), std::string::npos);
}

TEST_F(SitingSummary, JsonGivesTheSameEffect) {
  const nlohmann::json json = siting_summary_json(*outcome_, "site.gpkg", 2.25);
  const Side before = side(outcome_->baseline);
  const Side with = side(outcome_->with_sites);
  const double minutes = outcome_->baseline.scenario.siting.coverage_minutes;
  EXPECT_NEAR(json["effect"]["target_newly_within_coverage_minutes"].get<double>(),
              testing::weight_within(with.minutes, with.target, minutes) -
                  testing::weight_within(before.minutes, before.target, minutes),
              0.0001 + 1e-6);
  EXPECT_EQ(json["evaluation"]["candidate"], "Éloyes");
  EXPECT_EQ(json["sites"], 1);
}

}  // namespace
}  // namespace couverture::pipeline
