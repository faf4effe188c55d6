// The pipeline run in-process on real data: Liechtenstein's 11
// municipalities (OSM boundaries and roads of the shared extract) with two
// crèches and one accueil de loisirs. The checks do not re-run the engine:
// they test what the pipeline carries through (the scenario's inputs and
// parameters, the run kinds, the reuse of a baseline's network) and
// properties any correct run must have, computed independently (the
// population table's total, the nearest-facility minimum over a subset).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/scenario.hpp"
#include "couverture/pipeline/column_budget.hpp"
#include "couverture/pipeline/comparison_run.hpp"
#include "couverture/pipeline/progress.hpp"
#include "couverture/pipeline/scenario_runner.hpp"
#include "couverture/pipeline/siting_answer.hpp"
#include "couverture/pipeline/siting_stage.hpp"
#include "test_support.hpp"

namespace couverture::pipeline {
namespace {

// The populations of the municipalities (Amt für Statistik, end of 2015,
// rounded) by OSM relation id; they add up to 37,650.
constexpr const char* kPopulation =
    "osm_id,population\n1155945,5100\n1155946,1100\n1155947,1650\n1155948,2600\n"
    "1155949,4400\n1155950,2200\n1155951,4250\n1155952,5900\n1155953,4600\n1155954,450\n"
    "1155956,5400\n";
constexpr double kTotalPopulation = 37650.0;

class ScenarioPipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    pbf_ = testing::shared_data("osm/liechtenstein.osm.pbf");
    if (pbf_.empty()) GTEST_SKIP() << "shared data absent: osm/liechtenstein.osm.pbf";
    dir_ = testing::make_temp_dir("couverture-pipeline");
    std::ofstream(dir_ / "population.csv") << kPopulation;
    std::ofstream(dir_ / "kitas.csv") << "id,name,type,x,y,capacity\n"
                                      << "vaduz,Kita Vaduz,eaje,9.5209,47.1410,30\n"
                                      << "schaan,Kita Schaan,eaje,9.5095,47.1650,20\n"
                                      << "triesen,Schule Triesen,alsh,9.5290,47.1070,60\n";
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // A scenario of the territory; `extra` is appended (variants, [siting]).
  Scenario scenario(const std::string& file, const std::string& extra = "") {
    std::ofstream(dir_ / file) << "name = \"Liechtenstein\"\n"
                               << "[communes]\npath = \"" << pbf_.string() << "\"\n"
                               << "layer = \"multipolygons\"\nfilter = \"admin_level = '8'\"\n"
                               << "code_field = \"osm_id\"\nname_field = \"name\"\n"
                               << "[communes.population_table]\npath = \"population.csv\"\n"
                               << "code_field = \"osm_id\"\npopulation_field = \"population\"\n"
                               << "[facilities]\npath = \"kitas.csv\"\nx_field = \"x\"\n"
                               << "y_field = \"y\"\ncrs = \"EPSG:4326\"\nid_field = \"id\"\n"
                               << "name_field = \"name\"\ntype_field = \"type\"\n"
                               << "capacity_field = \"capacity\"\n"
                               << "[network]\npath = \"" << pbf_.string() << "\"\n"
                               << "[isochrones]\ncell_m = 200\n"
                               << "[output]\npath = \"li.gpkg\"\ncrs = \"EPSG:2056\"\n"
                               << extra;
    return read_scenario(dir_ / file);
  }

  std::filesystem::path pbf_;
  std::filesystem::path dir_;
};

// Records what a run tells its observer.
class RecordingObserver final : public ProgressObserver {
 public:
  void stage_started(const std::string& name) override { started.push_back(name); }
  void stage_ended(double seconds) override { ended.push_back(seconds); }
  std::vector<std::string> started;
  std::vector<double> ended;
};

const ServiceCoverage& service(const RunOutcome& run, const std::string& type) {
  const auto it = std::find_if(run.coverage.services.begin(), run.coverage.services.end(),
                               [&](const ServiceCoverage& s) { return s.service_type == type; });
  EXPECT_NE(it, run.coverage.services.end()) << type;
  return *it;
}

TEST_F(ScenarioPipeline, CoverageRunCarriesTheScenarioThrough) {
  const Scenario li = scenario("li.toml");
  RecordingObserver observer;
  Progress progress(&observer);
  const RunOutcome run = analyse_scenario(li, progress, RunKind::coverage);
  progress.finish();

  EXPECT_EQ(run.communes.size(), 11u);
  EXPECT_EQ(run.facilities.size(), 3u);
  const double placed =
      std::accumulate(run.coverage.demand.begin(), run.coverage.demand.end(), 0.0,
                      [](double sum, const DemandPoint& p) { return sum + p.population; });
  EXPECT_NEAR(placed, kTotalPopulation, 1e-6 * kTotalPopulation);
  ASSERT_EQ(run.coverage.services.size(), 2u);  // sorted by name
  EXPECT_EQ(run.coverage.services[0].service_type, "alsh");
  EXPECT_EQ(run.coverage.services[1].service_type, "eaje");
  EXPECT_EQ(run.accessibility.size(), 2u);
  // The scenario's thresholds reach the summaries: one share per threshold.
  for (const ServiceCoverage& s : run.coverage.services) {
    EXPECT_EQ(s.overall.share_within.size(), li.analysis.thresholds_minutes.size());
  }
  // Isochrones by default with `run`, on the scenario's cells.
  EXPECT_TRUE(run.isochrones.computed);
  EXPECT_DOUBLE_EQ(run.isochrones.grid.cell_m, 200.0);
  EXPECT_EQ(run.isochrones.by_service.size(), 2 * li.analysis.thresholds_minutes.size());

  // Every stage started was ended and timed, in order, the communes first.
  ASSERT_FALSE(observer.started.empty());
  EXPECT_EQ(observer.started.front().rfind("reading communes from", 0), 0u);
  EXPECT_EQ(observer.started.size(), observer.ended.size());
  EXPECT_TRUE(
      std::all_of(observer.ended.begin(), observer.ended.end(), [](double s) { return s >= 0.0; }));
}

TEST_F(ScenarioPipeline, IndicatorRunsDrawNoIsochrones) {
  Progress progress;
  const RunOutcome run = analyse_scenario(scenario("li.toml"), progress, RunKind::indicators);
  EXPECT_FALSE(run.isochrones.computed);
  EXPECT_EQ(run.accessibility.size(), 2u);
  EXPECT_FALSE(draws_isochrones(run.scenario, RunKind::indicators));
  EXPECT_TRUE(draws_isochrones(run.scenario, RunKind::isochrones));

  // The column budget's floor never exceeds the communes table written:
  // counted from the built table (fid and geometry added), and by hand.
  const RunTables tables = build_run_tables(run, RunKind::coverage);
  const auto communes = std::find_if(tables.layers.begin(), tables.layers.end(),
                                     [](const OutputLayer& l) { return l.name == "communes"; });
  ASSERT_NE(communes, tables.layers.end());
  const std::size_t thresholds = run.scenario.analysis.thresholds_minutes.size();
  const std::size_t floor = communes_column_floor(2, thresholds, true);
  EXPECT_EQ(floor, 6 + 2 * (10 + 2 * thresholds));
  EXPECT_LE(floor, communes->columns.size() + 2);
}

TEST_F(ScenarioPipeline, RemovingAFacilitySlowsOnlyThoseItServed) {
  const Scenario baseline = scenario("li.toml");
  const Scenario variant =
      scenario("sans-schaan.toml", "[[changes.remove_facility]]\nid = \"schaan\"\n");
  Progress progress;
  const ComparisonOutcome run = run_comparison(baseline, variant, progress);

  // The variant read the same network: the baseline's is reused, not reloaded.
  EXPECT_EQ(run.baseline.network.get(), run.variant.network.get());
  EXPECT_EQ(run.variant.facilities.size(), 2u);
  ASSERT_TRUE(run.comparison.same_demand_points);

  // The nearest of {Vaduz} is never nearer than the nearest of {Vaduz,
  // Schaan}, and is the same minimum wherever Vaduz was already the nearest.
  const ServiceCoverage& before = service(run.baseline, "eaje");
  const ServiceCoverage& after = service(run.variant, "eaje");
  ASSERT_EQ(before.demand_minutes.size(), after.demand_minutes.size());
  std::size_t slower = 0;
  for (std::size_t p = 0; p < before.demand_minutes.size(); ++p) {
    const std::uint32_t nearest = before.demand_nearest[p];
    ASSERT_GE(after.demand_minutes[p], before.demand_minutes[p]) << p;
    if (run.baseline.facilities[nearest].id == "vaduz") {
      EXPECT_EQ(after.demand_minutes[p], before.demand_minutes[p]) << p;
    } else if (after.demand_minutes[p] > before.demand_minutes[p]) {
      ++slower;
    }
  }
  EXPECT_GT(slower, 0u);  // Schaan's families now drive to Vaduz
  // Nobody gains; the alsh did not change at all.
  for (const ServiceComparison& s : run.comparison.services) {
    EXPECT_EQ(s.target_gaining, 0.0) << s.service_type;
    if (s.service_type == "alsh") {
      EXPECT_EQ(s.target_losing, 0.0);
    }
  }
}

TEST_F(ScenarioPipeline, ComparisonRefusesAnotherTerritory) {
  const Scenario baseline = scenario("li.toml");
  // The same file read with one municipality fewer.
  Scenario variant = baseline;
  variant.file = dir_ / "fewer.toml";
  variant.communes.filter = "admin_level = '8' AND name <> 'Planken'";
  Progress progress;
  try {
    run_comparison(baseline, variant, progress);
    FAIL() << "compared two territories";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("not those of the baseline"), std::string::npos)
        << error.what();
  }
}

TEST_F(ScenarioPipeline, SitingEvaluatesACandidateByRerunningTheScenario) {
  const Scenario li = scenario("site.toml",
                               "[siting]\nservice_type = \"eaje\"\nsites = 1\ncapacity = 10\n"
                               "objective = \"max_covering\"\ncoverage_minutes = 10\n"
                               "generate = \"commune_centres\"\n");
  Progress progress;
  const SitingOutcome outcome = run_siting(li, "", progress);
  ASSERT_EQ(outcome.plan.chosen.size(), 1u);
  EXPECT_EQ(outcome.shown_sites, outcome.plan.chosen);
  // The re-run holds one more crèche than the baseline.
  EXPECT_EQ(outcome.with_sites.facilities.size(), outcome.baseline.facilities.size() + 1);
  // What the plan promised for its chosen site (children newly within 10
  // minutes) is what the full re-run with that site measures.
  const ServiceComparison* eaje = nullptr;
  for (const ServiceComparison& s : outcome.comparison.services) {
    if (s.service_type == "eaje") eaje = &s;
  }
  ASSERT_NE(eaje, nullptr);
  const auto& thresholds = li.analysis.thresholds_minutes;
  const auto ten = std::find(thresholds.begin(), thresholds.end(), 10.0) - thresholds.begin();
  ASSERT_LT(static_cast<std::size_t>(ten), eaje->overall.target_beyond.size());
  const double promised =
      outcome.plan
          .gain[static_cast<std::size_t>(SitePlanObjective::max_covering)][outcome.plan.chosen[0]];
  EXPECT_NEAR(-eaje->overall.target_beyond[ten], promised, 1e-6 * std::max(1.0, promised));
  EXPECT_GE(promised, 0.0);

  // The headline's "N more children within 10 minutes", counted point by
  // point over the two runs' times and the points' children under 3.
  const SitingAnswer answer = siting_answer(outcome);
  EXPECT_EQ(answer.shown, outcome.plan.chosen[0]);
  ASSERT_TRUE(outcome.comparison.same_demand_points);
  const ServiceCoverage& before = service(outcome.baseline, "eaje");
  const ServiceCoverage& after = service(outcome.with_sites, "eaje");
  double newly = 0.0;
  for (std::size_t p = 0; p < before.demand_minutes.size(); ++p) {
    const double children = outcome.baseline.coverage.demand[p].by_band[0];  // 0-2
    const bool was = before.demand_minutes[p] <= 10.0;
    const bool is = after.demand_minutes[p] <= 10.0;
    newly += children * ((is && !was) ? 1.0 : (was && !is) ? -1.0 : 0.0);
  }
  EXPECT_GT(newly, 0.0);
  EXPECT_NEAR(answer.newly_within, newly, 1e-6 * newly);
  // The runner-up is another candidate, ranked second.
  ASSERT_NE(answer.alternative, kInvalidId);
  EXPECT_NE(answer.alternative, answer.shown);
  EXPECT_EQ(outcome.plan.rank[0][answer.alternative], 2u);
}

}  // namespace
}  // namespace couverture::pipeline
