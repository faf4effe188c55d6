// The run summary's headline lines on the CCPVM demo, run in-process: each
// printed number is read back and compared with a value computed here from
// the demo's inputs (populations, capacities, the [supply] table) or from
// the run's per-point times by the definition of the figure, never with the
// summary's own computation.
#include "couverture/pipeline/run_summary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/progress.hpp"
#include "summary_reference.hpp"

namespace couverture::pipeline {
namespace {

using testing::demo_files;
using testing::line_starting;
using testing::numbers_in;

class RunSummary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Progress progress;
    run_ = std::make_unique<RunOutcome>(analyse_scenario(
        read_scenario(demo_files().scenarios.scenario), progress, RunKind::indicators));
    text_ = testing::text_of([](std::FILE* out) { write_run_summary(*run_, out); });
  }
  static void TearDownTestSuite() { run_.reset(); }

  static std::size_t service_index(const std::string& type) {
    for (std::size_t s = 0; s < run_->coverage.services.size(); ++s) {
      if (run_->coverage.services[s].service_type == type) return s;
    }
    ADD_FAILURE() << "no service " << type;
    return 0;
  }
  // The places of the demo's facilities of `type`.
  static double places_of(const std::string& type) {
    double places = 0.0;
    for (const Facility& facility : demo_files().territory.facilities) {
      if (facility.service_type == type) places += facility.capacity;
    }
    return places;
  }
  static std::vector<double> populations() {
    std::vector<double> weights;
    for (const DemandPoint& point : run_->coverage.demand) weights.push_back(point.population);
    return weights;
  }

  static inline std::unique_ptr<RunOutcome> run_;
  static inline std::string text_;
};

TEST_F(RunSummary, HeadlineCountsTheCommunesPopulationAndFacilitiesOfTheInputs) {
  const SyntheticTerritory& territory = demo_files().territory;
  double population = 0.0;
  for (const Commune& commune : territory.communes) population += commune.population;
  // The 10 CCPVM communes' 2026 legal populations add up to 28,940.
  EXPECT_DOUBLE_EQ(population, 28940.0);
  double placed = 0.0;
  for (const DemandPoint& point : run_->coverage.demand) placed += point.population;
  EXPECT_NEAR(placed, population, 1e-6);
  const std::string line = line_starting(text_, "10 communes, ");
  ASSERT_FALSE(line.empty()) << text_;
  const std::vector<double> numbers = numbers_in(line);
  ASSERT_EQ(numbers.size(), 4U) << line;
  EXPECT_EQ(numbers[0], static_cast<double>(territory.communes.size()));
  EXPECT_EQ(numbers[1], population);
  EXPECT_EQ(numbers[2], static_cast<double>(run_->coverage.demand.size()));
  EXPECT_EQ(numbers[3], static_cast<double>(territory.facilities.size()));
  EXPECT_EQ(text_.rfind("Couverture — " + run_->scenario.name + "\n", 0), 0U);
  EXPECT_NE(text_.find("Times in minutes from where people live to the nearest site, weighted by "
                       "population."),
            std::string::npos);
}

TEST_F(RunSummary, EachServiceRowGivesTheWeightedTimesSharesAndWorstCommune) {
  const std::size_t table = text_.find("service          sites");
  ASSERT_NE(table, std::string::npos) << text_;
  const std::vector<double>& thresholds = run_->scenario.analysis.thresholds_minutes;
  const std::vector<double> weights = populations();
  double total = 0.0;
  for (double w : weights) total += w;
  for (const ServiceCoverage& service : run_->coverage.services) {
    SCOPED_TRACE(service.service_type);
    const std::string line = line_starting(text_, service.service_type + " ", table);
    ASSERT_FALSE(line.empty());
    const std::vector<double> numbers = numbers_in(line);
    ASSERT_EQ(numbers.size(), 3 + thresholds.size() + 1) << line;
    std::size_t sites = 0;
    for (const Facility& f : demo_files().territory.facilities)
      sites += f.service_type == service.service_type;
    EXPECT_EQ(numbers[0], static_cast<double>(sites));
    const std::vector<double>& times = service.demand_minutes;
    EXPECT_NEAR(numbers[1], testing::weighted_mean(times, weights), 0.05 + 1e-9);
    double max = 0.0;
    for (std::size_t i = 0; i < times.size(); ++i) {
      if (std::isfinite(times[i]) && weights[i] > 0.0) max = std::max(max, times[i]);
    }
    EXPECT_NEAR(numbers[2], max, 0.05 + 1e-9);
    for (std::size_t k = 0; k < thresholds.size(); ++k) {
      EXPECT_NEAR(numbers[3 + k],
                  100.0 * testing::weight_within(times, weights, thresholds[k]) / total,
                  0.5 + 1e-9);
    }
    // The worst-served commune: the highest population-weighted mean time.
    std::vector<double> sum(run_->communes.size(), 0.0);
    std::vector<double> weight(run_->communes.size(), 0.0);
    for (std::size_t i = 0; i < times.size(); ++i) {
      ASSERT_TRUE(std::isfinite(times[i]));  // every demo home reaches every service
      sum[run_->coverage.demand[i].commune] += weights[i] * times[i];
      weight[run_->coverage.demand[i].commune] += weights[i];
    }
    std::size_t worst = 0;
    for (std::size_t c = 0; c < sum.size(); ++c) {
      if (weight[c] > 0.0 && sum[c] / weight[c] > sum[worst] / weight[worst]) worst = c;
    }
    EXPECT_NE(line.find("  " + run_->communes[worst].name + " ("), std::string::npos) << line;
    EXPECT_NEAR(numbers.back(), sum[worst] / weight[worst], 0.05 + 1e-9);
  }
}

TEST_F(RunSummary, AccessibilityRowsGiveThePublicPlacesRatesAndInequality) {
  const std::size_t table = text_.find("service          public");
  ASSERT_NE(table, std::string::npos) << text_;
  std::vector<std::uint32_t> commune_of;
  for (const DemandPoint& point : run_->coverage.demand) commune_of.push_back(point.commune);
  for (const ServiceAccessibility& service : run_->accessibility) {
    SCOPED_TRACE(service.service_type);
    const std::string line = line_starting(text_, service.service_type + " ", table);
    const std::string target = service.target.to_string();
    const std::size_t after = line.find(" " + target + " ");
    ASSERT_NE(after, std::string::npos) << line;
    const std::vector<double> numbers = numbers_in(line.substr(after + target.size() + 1));
    const std::vector<double> people =
        testing::target_population(run_->coverage.demand, service.target);
    double target_total = 0.0;
    for (double p : people) target_total += p;
    EXPECT_NEAR(numbers[0], target_total, 0.5 + 1e-9);
    const double places = places_of(service.service_type);
    std::size_t next = 1;
    if (places > 0.0) {
      ASSERT_EQ(numbers.size(), 7U) << line;
      EXPECT_EQ(numbers[1], places);
      EXPECT_NEAR(numbers[2], 100.0 * places / target_total, 0.05 + 1e-9);
      EXPECT_NEAR(numbers[3], testing::weighted_mean(service.e2sfca_per_100, people), 0.05 + 1e-9);
      next = 4;
    } else {
      ASSERT_EQ(numbers.size(), 4U) << line;
      EXPECT_NE(line.find(" -        -        -"), std::string::npos) << line;
    }
    const std::vector<double>& times =
        run_->coverage.services[service_index(service.service_type)].demand_minutes;
    EXPECT_NEAR(numbers[next], testing::brute_force_gini(times, people), 0.0005 + 1e-9);
    const testing::TheilReference theil =
        testing::theil_by_group(times, people, commune_of, run_->communes.size());
    EXPECT_NEAR(numbers[next + 1], theil.total, 0.0005 + 1e-9);
    EXPECT_NEAR(numbers[next + 2], 100.0 * theil.between_share, 0.5 + 1e-9);
  }
  // The demo's crèches: 40 places at Remiremont and the 10-place micro-crèche of Éloyes.
  EXPECT_EQ(places_of("eaje"), 50.0);
}

// The places of the demo's [supply] table (supply-illustrative.csv: code,
// name, then assistants maternels, home childcare, 2-year-olds at school).
std::vector<double> supply_totals(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  std::vector<double> totals(3, 0.0);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    for (std::size_t k = 0; k < 3; ++k) totals[k] += std::stod(cells[cells.size() - 3 + k]);
  }
  return totals;
}

TEST_F(RunSummary, SupplyPartAddsTheSupplyTablesPlacesToTheCrechesOnes) {
  const std::vector<double> supply = supply_totals(demo_files().inputs.supply_csv);
  const std::string places = line_starting(text_, "  places: eaje ");
  const std::vector<double> numbers = numbers_in(places);
  // "2 ans" is a number of the label.
  ASSERT_EQ(numbers.size(), 5U) << places;
  EXPECT_EQ(numbers[0], places_of("eaje"));
  EXPECT_EQ(numbers[1], supply[0]);
  EXPECT_EQ(numbers[2], supply[1]);
  EXPECT_EQ(numbers[4], supply[2]);
  EXPECT_NE(places.find("enfants de 2 ans scolarisés"), std::string::npos) << places;

  const ServiceAccessibility& eaje = run_->accessibility[service_index("eaje")];
  const std::vector<double> children =
      testing::target_population(run_->coverage.demand, eaje.target);
  double total = 0.0;
  for (double c : children) total += c;
  const std::vector<double> rates = numbers_in(line_starting(text_, "  administrative rate: "));
  ASSERT_EQ(rates.size(), 2U);
  EXPECT_NEAR(rates[0], 100.0 * (places_of("eaje") + supply[0] + supply[1] + supply[2]) / total,
              0.05 + 1e-9);
  EXPECT_NEAR(rates[1], 100.0 * places_of("eaje") / total, 0.05 + 1e-9);
  EXPECT_NE(text_.find("— ILLUSTRATIVE [supply] figures, not published counts:"),
            std::string::npos);
}

TEST_F(RunSummary, PriorityGroupSentencesAreWrittenInFrenchWithTheirFigures) {
  // Hand-made comparisons put into the demo's run for the time of the test
  // (a run is not copied: its communes own their boundaries): the sentences
  // quote them, rounded to one decimal with a decimal comma (three for the
  // index).
  RunOutcome& run = *run_;
  const std::size_t eaje = service_index("eaje");
  const std::size_t thresholds = run.scenario.analysis.thresholds_minutes.size();
  run.groups = {
      PriorityGroup{.name = "single_parent_families",
                    .label = "familles monoparentales",
                    .share = {},
                    .count = {}},
      PriorityGroup{.name = "social_housing", .label = "locataires HLM", .share = {}, .count = {}},
      PriorityGroup{.name = "poor_households",
                    .label = "familles sous le seuil de pauvreté",
                    .share = {},
                    .count = {}}};
  GroupComparison single;
  single.service = eaje;
  single.group = 0;
  single.group_target = 120.0;
  single.others_target = 777.0;
  single.group_mean_minutes = 14.24;
  single.others_mean_minutes = 10.96;
  single.group_share_beyond.assign(thresholds, 0.0);
  single.others_share_beyond.assign(thresholds, 0.0);
  single.group_e2sfca = 8.46;
  single.others_e2sfca = 12.0;
  single.group_global_e2sfca = NAN;
  single.others_global_e2sfca = NAN;
  single.measure = "travel_time";
  single.concentration_index = -0.0423;
  GroupComparison housing = single;
  housing.group = 1;
  housing.group_global_e2sfca = 47.26;
  housing.others_global_e2sfca = 52.0;
  housing.measure = "e2sfca";
  housing.concentration_index = 0.1004;
  GroupComparison unknown = single;
  unknown.group = 2;
  unknown.group_target = 0.0;
  run.group_comparisons = {single, housing, unknown};
  const std::string text = testing::text_of([&](std::FILE* out) { write_run_summary(run, out); });
  run.groups.clear();
  run.group_comparisons.clear();
  EXPECT_NE(text.find("\nPublics prioritaires (eaje, enfants de 0–2 ans) :\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\n  Les familles monoparentales sont en moyenne à 14,2 min d'une crèche, "
                      "contre 11,0 min pour les autres. Places pour 100 à portée : 8,5, contre "
                      "12,0. Indice de concentration (temps de trajet) : -0,042.\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n  Les locataires HLM sont en moyenne à 14,2 min d'une crèche, contre 11,0 "
                      "min pour les autres. Places pour 100 à portée : 47,3, contre 52,0 (offre "
                      "globale). Indice de concentration (places pour 100, E2SFCA) : 0,100.\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n  Les familles sous le seuil de pauvreté : pas de donnée sur ce "
                      "territoire.\n"),
            std::string::npos)
      << text;
  // The run itself has no [demand.groups]: no such part.
  EXPECT_EQ(text_.find("Publics prioritaires"), std::string::npos);
}

TEST_F(RunSummary, JsonCarriesTheSameFigures) {
  const nlohmann::json json = run_summary_json(*run_);
  EXPECT_EQ(json["population"].get<double>(), 28940.0);
  EXPECT_EQ(json["communes"].get<std::size_t>(), 10U);
  const std::vector<double> weights = populations();
  for (const nlohmann::json& service : json["services"]) {
    const std::string type = service["service_type"].get<std::string>();
    SCOPED_TRACE(type);
    const std::vector<double>& times = run_->coverage.services[service_index(type)].demand_minutes;
    EXPECT_NEAR(service["mean_minutes"].get<double>(), testing::weighted_mean(times, weights),
                0.005 + 1e-9);
  }
  EXPECT_FALSE(json.contains("isochrones"));  // RunKind::indicators draws none
  EXPECT_EQ(json["accessibility"]["global_coverage"]["given"], true);
}

}  // namespace
}  // namespace couverture::pipeline
