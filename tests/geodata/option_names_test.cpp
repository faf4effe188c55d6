// Every option's name table: each value has one name, each name reads back
// as its value, and the names are the spellings scenarios, run_info and the
// summaries have always used (a planner's outputs must not change).

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "couverture/algorithms/distance_decay.hpp"
#include "couverture/geodata/candidate_generator.hpp"
#include "couverture/geodata/contour_polygons.hpp"
#include "couverture/geodata/demand_source_choice.hpp"
#include "couverture/geodata/equity_measure.hpp"
#include "couverture/geodata/site_plan_objective.hpp"
#include "couverture/geodata/site_solver.hpp"
#include "couverture/geodata/tension_rate.hpp"
#include "couverture/geodata/travel_direction.hpp"
#include "couverture/geodata/travel_profile.hpp"

namespace couverture {
namespace {

template <typename Enum, std::size_t N>
void expect_table(const NameTable<Enum, N>& table, const std::vector<std::string>& spellings) {
  EXPECT_EQ(names_in(table), spellings);
  std::set<int> values;
  for (const auto& [value, name] : table) {
    values.insert(static_cast<int>(value));
    EXPECT_EQ(to_string(value), name);
    EXPECT_EQ(value_in(table, name), value);
  }
  // Distinct values 0..N-1: every enumerator is named, once.
  EXPECT_EQ(values.size(), N);
  EXPECT_EQ(*values.rbegin(), static_cast<int>(N) - 1);
  EXPECT_EQ(value_in(table, "no such name"), std::nullopt);
}

TEST(OptionNames, EveryEnumeratorHasTodaysSpelling) {
  expect_table(kTravelProfileNames, {"car", "walk", "bike"});
  expect_table(kTravelDirectionNames, {"to_facility", "from_facility"});
  expect_table(kContourFormNames, {"bands", "rings"});
  expect_table(kDemandSourceChoiceNames, {"auto", "insee_grid", "buildings", "landuse", "grid"});
  expect_table(kDecayKindNames, {"steps", "gaussian", "exponential"});
  expect_table(kEquityMeasureNames, {"travel_time", "e2sfca", "gravity"});
  expect_table(kSitePlanObjectiveNames,
               {"max_covering", "p_median", "equity_maximin", "equity_gini", "capacity"});
  expect_table(kCandidateGeneratorNames, {"commune_centres", "demand_points", "grid"});
  expect_table(kSiteSolverNames, {"auto", "exact", "greedy"});
  expect_table(kTensionRateNames, {"service", "global"});
}

TEST(OptionNames, TheNamedFunctionsReadTheTables) {
  EXPECT_EQ(travel_profile_kind_from("bike"), TravelProfileKind::bike);
  EXPECT_EQ(TravelProfile::of(TravelProfileKind::walk).name(), "walk");
  EXPECT_EQ(TravelProfile::names(), (std::vector<std::string>{"car", "walk", "bike"}));
  EXPECT_EQ(travel_direction_from_string("from_facility"), TravelDirection::from_facility);
  EXPECT_EQ(contour_form_from("rings"), ContourForm::rings);
  EXPECT_EQ(demand_source_choice_from("auto"), DemandSourceChoice::automatic);
  EXPECT_EQ(decay_kind_from("steps"), DecayKind::step);
  EXPECT_EQ(equity_measure_from("gravity"), EquityMeasure::gravity);
  EXPECT_EQ(site_plan_objective_from("p_median"), SitePlanObjective::p_median);
  EXPECT_EQ(candidate_generator_from("grid"), CandidateGenerator::grid);
  EXPECT_EQ(site_solver_from("auto"), SiteSolver::automatic);
  EXPECT_EQ(site_solver_from("automatic"), std::nullopt);
  EXPECT_EQ(tension_rate_from("global"), TensionRate::global);
  EXPECT_EQ(tension_rate_from("Global"), std::nullopt);
}

}  // namespace
}  // namespace couverture
