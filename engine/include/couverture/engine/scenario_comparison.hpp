#pragma once

#include <span>
#include <string>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/service_accessibility.hpp"

namespace couverture {

// One run of a scenario, as compare_runs reads it: its coverage, the
// accessibility of every service type of that coverage, and the thresholds
// those were computed with (AccessibilityParameters::thresholds_minutes).
// Non-owning: the run must outlive the comparison call.
struct RunIndicators {
  const CoverageResult& coverage;
  std::span<const ServiceAccessibility> accessibility;
  std::span<const double> thresholds_minutes;
};

// Variant minus baseline for one service type in one commune (or overall),
// over its target population; NaN where either side is NaN (no capacity, no
// target population). Per-threshold vectors are empty when the two runs use
// different thresholds.
struct CommuneServiceDifference {
  // Target-weighted mean time to the nearest facility over the reachable
  // target population (NaN on a side where none is reachable).
  double target_mean_minutes = 0.0;
  double target_unreachable = 0.0;    // target population without a road to any facility
  std::vector<double> share_within;   // per threshold, shares of the target population
  std::vector<double> target_beyond;  // per threshold, people
  double administrative_rate = 0.0;   // CAF rate, places per 100
  double fca_rate = 0.0;              // 2SFCA places per 100
  double e2sfca_rate = 0.0;           // E2SFCA places per 100
  double gravity = 0.0;
  bool tension_before = false;
  bool tension_after = false;
};

// An index before and after, and the change (after − before; NaN when either
// is), so that a summary can say "from 0.27 to 0.25".
struct IndexChange {
  double before = 0.0;
  double after = 0.0;
  double change = 0.0;
};

struct ServiceComparison {
  std::string service_type;
  // A type on one side only is compared with "no facility" on the other:
  // every time +inf, no place, no gravity, every commune with target
  // population in tension, equity indices NaN (nobody is served).
  bool in_baseline = false;
  bool in_variant = false;
  std::vector<CommuneServiceDifference> by_commune;
  CommuneServiceDifference overall;  // the territory as one commune

  // Per demand point, variant − baseline; only when the runs have the same
  // demand points (otherwise empty). Times: unreachable on both sides is no
  // change (0), reachable -> unreachable +inf, unreachable -> reachable −inf.
  // E2SFCA NaN where either side has no capacity.
  std::vector<double> point_minutes;
  std::vector<double> point_e2sfca;
  std::vector<double> point_gravity;

  // Equity of each run's measure (EquitySummary). When the two measures
  // differ (one side without places falls back to travel times) the changes
  // are NaN and only before / after are given.
  std::string equity_measure_before;
  std::string equity_measure_after;
  IndexChange equity_mean;
  IndexChange gini;
  IndexChange theil_total;
  IndexChange theil_between;
  IndexChange theil_within;
  IndexChange atkinson_0_5;
  IndexChange atkinson_1;
  IndexChange atkinson_2;
  IndexChange best_to_worst_fifth;
  std::vector<IndexChange> share_beyond;  // per threshold, of the target population

  // Who gains and who loses, in target population (the variant's), when the
  // runs have the same demand points (NaN / empty otherwise): nearest time
  // down (gaining) or up (losing) by more than 0.5 min, unreachable counted
  // as +inf; and within each threshold in the variant but not the baseline
  // (newly), or the reverse (no longer).
  double target_gaining = 0.0;
  double target_losing = 0.0;
  std::vector<double> target_newly_within;
  std::vector<double> target_no_longer_within;
};

struct ScenarioComparison {
  bool same_demand_points = false;  // same count, communes and positions, exactly
  bool same_thresholds = false;
  std::vector<double> thresholds_minutes;   // when the same, else empty
  std::vector<ServiceComparison> services;  // union of both runs' types, sorted by name
};

// A change in nearest time counts as a gain or a loss beyond this.
inline constexpr double kComparisonMinutesTolerance = 0.5;

// Compares two runs of one territory (same communes, in the same order):
// every indicator of every service type, per commune, overall and, when the
// demand points are the same, per point. Throws DataError when the runs
// cover different numbers of communes, std::invalid_argument when a run's
// accessibility and coverage do not hold the same service types.
ScenarioComparison compare_runs(const RunIndicators& baseline, const RunIndicators& variant);

}  // namespace couverture
