// Each default an option has is written once (geodata/scenario_defaults.hpp):
// a scenario that leaves the key out (read through io), the engine's
// parameter struct (a direct library call) and the value docs/scenario.md
// gives on the key's line must agree. The documented value is the
// independent one: it is read from the text a planner reads.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/demand_model.hpp"
#include "couverture/engine/isochrone_analysis.hpp"
#include "couverture/engine/service_accessibility.hpp"
#include "couverture/engine/site_planning.hpp"
#include "couverture/io/scenario.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// The value written after `key = ` on the first line of docs/scenario.md
// that starts with it (the example scenario), as text.
std::string documented_text(const std::string& key) {
  std::ifstream docs(std::string(COUVERTURE_SOURCE_DIR) + "/docs/scenario.md");
  std::string line;
  while (std::getline(docs, line)) {
    if (line.rfind(key + " = ", 0) != 0) continue;
    std::istringstream words(line.substr(key.size() + 3));
    std::string value;
    words >> value;
    return value;
  }
  ADD_FAILURE() << key << " is not in docs/scenario.md";
  return {};
}

double documented_number(const std::string& key) {
  const std::string text = documented_text(key);
  return text.empty() ? -1.0 : std::stod(text);
}

// A scenario with only its required tables: every optional key left out.
class ScenarioDefaults : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("scenario-defaults");
    std::ofstream(dir_ / "minimal.toml") << testing::kMinimalScenarioToml;
    scenario_ = read_scenario(dir_ / "minimal.toml");
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  Scenario scenario_;
};

TEST_F(ScenarioDefaults, DemandGridAndBuildingCells) {
  const double spacing = documented_number("demand_spacing_m");
  EXPECT_EQ(spacing, 400.0);
  EXPECT_EQ(scenario_.analysis.demand_spacing_m, spacing);
  EXPECT_EQ(CoverageParameters{}.demand_spacing_m, spacing);
  EXPECT_EQ(DemandModelOptions{}.grid_spacing_m, spacing);

  const double cell = documented_number("building_cell_m");
  EXPECT_EQ(cell, 200.0);
  EXPECT_EQ(scenario_.demand.building_cell_m, cell);
  EXPECT_EQ(CoverageParameters{}.building_cell_m, cell);
  EXPECT_EQ(DemandModelOptions{}.building_cell_m, cell);
}

TEST_F(ScenarioDefaults, CatchmentAndDecayRates) {
  const double catchment = documented_number("catchment_minutes");
  EXPECT_EQ(catchment, 15.0);
  EXPECT_EQ(scenario_.accessibility.catchment_minutes, catchment);
  const AccessibilityParameters access;
  EXPECT_EQ(access.catchment_minutes, catchment);
  EXPECT_EQ(access.e2sfca_decay.catchment_minutes, catchment);
  EXPECT_EQ(SitePlanParameters{}.e2sfca_decay.catchment_minutes, catchment);

  const double gravity = documented_number("gravity_beta_per_minute");
  EXPECT_EQ(gravity, 0.1);
  EXPECT_EQ(scenario_.accessibility.gravity_beta_per_minute, gravity);
  EXPECT_EQ(access.gravity_beta_per_minute, gravity);
  // The exponential E2SFCA rate reaches the engine inside the decay the
  // pipeline builds from the scenario; its one default is the scenario's.
  const double exponential = documented_number("exponential_beta_per_minute");
  EXPECT_EQ(exponential, 0.1);
  EXPECT_EQ(scenario_.accessibility.exponential_beta_per_minute, exponential);
}

TEST_F(ScenarioDefaults, ZonesEnTension) {
  const double minutes = documented_number("max_minutes");
  EXPECT_EQ(minutes, 15.0);
  EXPECT_EQ(scenario_.tension.max_minutes, minutes);
  EXPECT_EQ(AccessibilityParameters{}.tension_max_minutes, minutes);

  const double places = documented_number("min_places_per_100");
  EXPECT_EQ(places, 10.0);
  EXPECT_EQ(scenario_.tension.min_places_per_100, places);
  EXPECT_EQ(AccessibilityParameters{}.tension_min_places_per_100, places);
  EXPECT_EQ(SitePlanParameters{}.tension_min_places_per_100, places);

  EXPECT_EQ(documented_text("rate"), "\"service\"");
  EXPECT_EQ(scenario_.tension.rate, TensionRate::service);
  EXPECT_FALSE(ChildcareSupply{}.tension_on_global);
}

TEST_F(ScenarioDefaults, IsochroneSurface) {
  const double cell = documented_number("cell_m");
  EXPECT_EQ(cell, 50.0);
  EXPECT_EQ(scenario_.isochrones.cell_m, cell);
  EXPECT_EQ(IsochroneParameters{}.cell_m, cell);

  const double offroad = documented_number("max_offroad_m");
  EXPECT_EQ(offroad, 1000.0);
  EXPECT_EQ(scenario_.isochrones.max_offroad_m, offroad);
  EXPECT_EQ(IsochroneParameters{}.max_offroad_m, offroad);
}

TEST_F(ScenarioDefaults, Siting) {
  const SitePlanParameters plan;
  const double capacity = documented_number("capacity");
  EXPECT_EQ(capacity, 10.0);
  EXPECT_EQ(scenario_.siting.capacity, capacity);
  EXPECT_EQ(plan.capacity, capacity);

  const double coverage = documented_number("coverage_minutes");
  EXPECT_EQ(coverage, 10.0);
  EXPECT_EQ(scenario_.siting.coverage_minutes, coverage);
  EXPECT_EQ(plan.coverage_minutes, coverage);

  const double limit = documented_number("time_limit_s");
  EXPECT_EQ(limit, 60.0);
  EXPECT_EQ(scenario_.siting.time_limit_s, limit);
  EXPECT_EQ(plan.time_limit_s, limit);
}

}  // namespace
}  // namespace couverture
