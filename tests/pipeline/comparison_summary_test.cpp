// The comparison summary on the demo's own question (the territory without
// Éloyes's micro-crèche, then with it), run in-process: the printed changes
// are read back and compared with values computed here from the two runs'
// per-point times and target populations, by the definitions the summary
// states (target-weighted means, brute-force Gini, people gaining or losing
// more than 0.5 min).
#include "couverture/pipeline/comparison_summary.hpp"

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

class ComparisonSummary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Progress progress;
    run_ = std::make_unique<ComparisonOutcome>(
        run_comparison(read_scenario(demo_files().scenarios.without_eloyes),
                       read_scenario(demo_files().scenarios.scenario), progress));
    text_ = testing::text_of(
        [](std::FILE* out) { write_comparison_summary(*run_, "compare.gpkg", 1.5, out); });
  }
  static void TearDownTestSuite() { run_.reset(); }

  // One run's view of a service: per-point times, target population, E2SFCA.
  struct Side {
    std::vector<double> minutes;
    std::vector<double> target;
    std::vector<double> e2sfca;
    std::size_t communes_in_tension = 0;
  };
  static Side side(const RunOutcome& run, const std::string& type) {
    Side side;
    for (std::size_t s = 0; s < run.accessibility.size(); ++s) {
      const ServiceAccessibility& service = run.accessibility[s];
      if (service.service_type != type) continue;
      side.minutes = run.coverage.services[s].demand_minutes;
      side.target = testing::target_population(run.coverage.demand, service.target);
      side.e2sfca = service.e2sfca_per_100;
      for (const CommuneServiceAccess& commune : service.by_commune) {
        side.communes_in_tension += commune.in_tension ? 1 : 0;
      }
    }
    return side;
  }

  static inline std::unique_ptr<ComparisonOutcome> run_;
  static inline std::string text_;
};

TEST_F(ComparisonSummary, CrecheLineGivesTheChangeOfMeanTimeGiniRatesAndWhoGains) {
  const Side before = side(run_->baseline, "eaje");
  const Side after = side(run_->variant, "eaje");
  ASSERT_EQ(before.minutes.size(), after.minutes.size());  // the same demand points
  double gaining = 0.0;
  double losing = 0.0;
  for (std::size_t i = 0; i < after.minutes.size(); ++i) {
    if (after.minutes[i] < before.minutes[i] - 0.5) gaining += after.target[i];
    if (after.minutes[i] > before.minutes[i] + 0.5) losing += after.target[i];
  }
  const double mean_before = testing::weighted_mean(before.minutes, before.target);
  const double mean_after = testing::weighted_mean(after.minutes, after.target);
  const std::string line = testing::line_starting(text_, "eaje             mean time ");
  // mean before, after, change; Gini before, after; E2SFCA change, 100
  // (places/100); gain, lose, 0.5 (the tolerance); communes in tension
  // before, after.
  const std::vector<double> n = numbers_in(line);
  ASSERT_EQ(n.size(), 12U) << text_;
  EXPECT_NEAR(n[0], mean_before, 0.05 + 1e-9);
  EXPECT_NEAR(n[1], mean_after, 0.05 + 1e-9);
  EXPECT_NEAR(n[2], mean_after - mean_before, 0.005 + 1e-9);
  EXPECT_LT(n[2], 0.0);  // a crèche more: families are nearer
  EXPECT_NEAR(n[3], testing::brute_force_gini(before.minutes, before.target), 0.0005 + 1e-9);
  EXPECT_NEAR(n[4], testing::brute_force_gini(after.minutes, after.target), 0.0005 + 1e-9);
  EXPECT_NEAR(n[5],
              testing::weighted_mean(after.e2sfca, after.target) -
                  testing::weighted_mean(before.e2sfca, before.target),
              0.005 + 1e-9);
  EXPECT_NEAR(n[7], gaining, 0.5 + 1e-9);
  EXPECT_NEAR(n[8], losing, 0.5 + 1e-9);
  EXPECT_EQ(n[10], static_cast<double>(before.communes_in_tension));
  EXPECT_EQ(n[11], static_cast<double>(after.communes_in_tension));

  // The French line: the same figures with a decimal comma, and the plural
  // only from 2 people.
  const std::string french = testing::line_starting(text_, "                 (enfants de 0–2 ans");
  const std::vector<double> f = numbers_in(french, ',');
  ASSERT_EQ(f.size(), 7U) << french;  // 0, 2, before, after, gaining, 30, losing
  EXPECT_NEAR(f[2], mean_before, 0.05 + 1e-9);
  EXPECT_NEAR(f[3], mean_after, 0.05 + 1e-9);
  EXPECT_NEAR(f[4], gaining, 0.5 + 1e-9);
  EXPECT_NEAR(f[6], losing, 0.5 + 1e-9);
  EXPECT_NE(french.find(std::round(gaining) < 2.0 ? " personne gagne " : " personnes gagnent "),
            std::string::npos)
      << french;
  EXPECT_NE(french.find(std::round(losing) < 2.0 ? " en perd)" : " en perdent)"), std::string::npos)
      << french;
}

TEST_F(ComparisonSummary, ServicesTheVariantDoesNotTouchAreUnchanged) {
  for (const ServiceAccessibility& service : run_->variant.accessibility) {
    if (service.service_type == "eaje") continue;
    SCOPED_TRACE(service.service_type);
    EXPECT_EQ(side(run_->baseline, service.service_type).minutes,
              side(run_->variant, service.service_type).minutes);
    std::string name = service.service_type;
    name.resize(16, ' ');
    EXPECT_NE(text_.find("\n" + name + " unchanged\n"), std::string::npos) << text_;
  }
  EXPECT_NE(text_.find("\nWrote compare.gpkg in 1.50 s.\n"), std::string::npos);
}

TEST_F(ComparisonSummary, JsonGivesTheSameChange) {
  const nlohmann::json json = comparison_summary_json(*run_, "compare.gpkg", 1.5);
  const Side before = side(run_->baseline, "eaje");
  const Side after = side(run_->variant, "eaje");
  for (const nlohmann::json& service : json["services"]) {
    if (service["service_type"] != "eaje") continue;
    EXPECT_NEAR(service["target_mean_minutes"]["change"].get<double>(),
                testing::weighted_mean(after.minutes, after.target) -
                    testing::weighted_mean(before.minutes, before.target),
                0.0001 + 1e-9);
  }
  EXPECT_EQ(json["same_demand_points"], true);
}

}  // namespace
}  // namespace couverture::pipeline
