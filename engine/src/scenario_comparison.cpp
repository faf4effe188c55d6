#include "couverture/engine/scenario_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "couverture/geodata/data_error.hpp"

namespace couverture {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// after − before, NaN when either is.
double difference(double before, double after) {
  if (std::isnan(before) || std::isnan(after)) return kNaN;
  return after - before;
}

// Times are finite or +inf: unreachable on both sides is no change.
double time_change(double before, double after) {
  if (std::isinf(before) && std::isinf(after)) return 0.0;
  return after - before;
}

IndexChange index_change(double before, double after, bool comparable) {
  return {before, after, comparable ? difference(before, after) : kNaN};
}

// One run's view of one service type: what it computed, or the stand-in
// built for a type it does not have.
struct ServiceSide {
  const ServiceCoverage* coverage = nullptr;
  const ServiceAccessibility* access = nullptr;
};

const ServiceCoverage* find_coverage(const CoverageResult& run, const std::string& type) {
  for (const ServiceCoverage& s : run.services) {
    if (s.service_type == type) return &s;
  }
  return nullptr;
}

const ServiceAccessibility* find_access(std::span<const ServiceAccessibility> run,
                                        const std::string& type) {
  for (const ServiceAccessibility& s : run) {
    if (s.service_type == type) return &s;
  }
  return nullptr;
}

void check_run(const RunIndicators& run, const char* which) {
  const std::size_t commune_count = run.coverage.demand_source_by_commune.size();
  bool same_types = run.coverage.services.size() == run.accessibility.size();
  for (const ServiceCoverage& s : run.coverage.services) {
    const ServiceAccessibility* a = find_access(run.accessibility, s.service_type);
    same_types = same_types && a != nullptr;
    if (a != nullptr && (a->by_commune.size() != commune_count ||
                         a->target_population.size() != run.coverage.demand.size() ||
                         s.demand_minutes.size() != run.coverage.demand.size())) {
      throw std::invalid_argument(std::string("compare_runs: the ") + which + "'s indicators of '" +
                                  s.service_type + "' do not match its communes or demand points");
    }
  }
  if (!same_types) {
    throw std::invalid_argument(std::string("compare_runs: the ") + which +
                                "'s accessibility and coverage hold different service types");
  }
}

// "No facility of this type" on a run that has none: every time +inf, no
// place (zero rates where places are counted), no gravity, everyone with
// target population beyond every threshold and in tension, equity undefined.
struct AbsentService {
  ServiceCoverage coverage;
  ServiceAccessibility access;
};

CommuneServiceAccess absent_access(double target, std::size_t threshold_count, bool has_capacity) {
  CommuneServiceAccess a;
  a.target_population = target;
  a.nearest.weight = target;
  a.nearest.share_within.assign(threshold_count, 0.0);
  a.target_beyond.assign(threshold_count, target);
  const bool served = target > 0.0;
  a.administrative_rate = has_capacity && served ? 0.0 : kNaN;
  a.fca_rate = has_capacity && served ? 0.0 : kNaN;
  a.e2sfca_rate = has_capacity && served ? 0.0 : kNaN;
  a.gravity = served ? 0.0 : kNaN;
  a.in_tension = served;
  a.tension.no_facility = served;
  return a;
}

AbsentService make_absent(const RunIndicators& run, const ServiceAccessibility& present) {
  const std::size_t point_count = run.coverage.demand.size();
  const std::size_t commune_count = run.coverage.demand_source_by_commune.size();
  const std::size_t threshold_count = run.thresholds_minutes.size();
  AbsentService absent;
  absent.coverage.service_type = present.service_type;
  absent.coverage.demand_minutes.assign(point_count, kInf);
  absent.coverage.demand_nearest.assign(point_count, kInvalidId);

  ServiceAccessibility& a = absent.access;
  a.service_type = present.service_type;
  a.target = present.target;
  a.has_capacity = present.has_capacity;
  a.target_population.resize(point_count);
  std::vector<double> commune_target(commune_count, 0.0);
  double total_target = 0.0;
  for (std::size_t i = 0; i < point_count; ++i) {
    const DemandPoint& point = run.coverage.demand[i];
    a.target_population[i] = a.target.count(point.by_band);
    commune_target.at(point.commune) += a.target_population[i];
    total_target += a.target_population[i];
  }
  a.gravity.assign(point_count, 0.0);
  a.fca_per_100.assign(point_count, a.has_capacity ? 0.0 : kNaN);
  a.e2sfca_per_100.assign(point_count, a.has_capacity ? 0.0 : kNaN);
  a.point_in_tension.resize(point_count);
  for (std::size_t i = 0; i < point_count; ++i) {
    a.point_in_tension[i] = a.target_population[i] > 0.0 ? 1 : 0;
  }
  for (const double target : commune_target) {
    a.by_commune.push_back(absent_access(target, threshold_count, a.has_capacity));
  }
  a.overall = absent_access(total_target, threshold_count, a.has_capacity);
  a.equity.measure = present.equity.measure;
  a.equity.higher_is_better = present.equity.higher_is_better;
  a.equity.excluded_weight = total_target;
  for (double* index :
       {&a.equity.mean, &a.equity.gini, &a.equity.theil.total, &a.equity.theil.between,
        &a.equity.theil.within, &a.equity.atkinson_0_5, &a.equity.atkinson_1, &a.equity.atkinson_2,
        &a.equity.best_to_worst_fifth}) {
    *index = kNaN;
  }
  a.share_beyond.assign(threshold_count, total_target > 0.0 ? 1.0 : 0.0);
  return absent;
}

double mean_minutes(const GroupAccessibility& nearest) {
  return nearest.reachable_weight > 0.0 ? nearest.mean : kNaN;
}

CommuneServiceDifference commune_difference(const CommuneServiceAccess& before,
                                            const CommuneServiceAccess& after,
                                            bool same_thresholds) {
  CommuneServiceDifference d;
  d.target_mean_minutes = difference(mean_minutes(before.nearest), mean_minutes(after.nearest));
  d.target_unreachable = difference(before.nearest.weight - before.nearest.reachable_weight,
                                    after.nearest.weight - after.nearest.reachable_weight);
  if (same_thresholds) {
    for (std::size_t t = 0; t < before.nearest.share_within.size(); ++t) {
      d.share_within.push_back(
          difference(before.nearest.share_within[t], after.nearest.share_within.at(t)));
      d.target_beyond.push_back(difference(before.target_beyond.at(t), after.target_beyond.at(t)));
    }
  }
  d.administrative_rate = difference(before.administrative_rate, after.administrative_rate);
  d.fca_rate = difference(before.fca_rate, after.fca_rate);
  d.e2sfca_rate = difference(before.e2sfca_rate, after.e2sfca_rate);
  d.gravity = difference(before.gravity, after.gravity);
  d.tension_before = before.in_tension;
  d.tension_after = after.in_tension;
  return d;
}

bool same_points(const CoverageResult& a, const CoverageResult& b) {
  if (a.demand.size() != b.demand.size()) return false;
  for (std::size_t i = 0; i < a.demand.size(); ++i) {
    if (a.demand[i].commune != b.demand[i].commune ||
        !(a.demand[i].position == b.demand[i].position)) {
      return false;
    }
  }
  return true;
}

ServiceComparison compare_service(const std::string& type, const ServiceSide& before,
                                  const ServiceSide& after, const ScenarioComparison& frame) {
  ServiceComparison c;
  c.service_type = type;
  const ServiceAccessibility& b = *before.access;
  const ServiceAccessibility& a = *after.access;
  for (std::size_t k = 0; k < b.by_commune.size(); ++k) {
    c.by_commune.push_back(
        commune_difference(b.by_commune[k], a.by_commune.at(k), frame.same_thresholds));
  }
  c.overall = commune_difference(b.overall, a.overall, frame.same_thresholds);

  c.equity_measure_before = b.equity.measure;
  c.equity_measure_after = a.equity.measure;
  const bool comparable = b.equity.measure == a.equity.measure;
  c.equity_mean = index_change(b.equity.mean, a.equity.mean, comparable);
  c.gini = index_change(b.equity.gini, a.equity.gini, comparable);
  c.theil_total = index_change(b.equity.theil.total, a.equity.theil.total, comparable);
  c.theil_between = index_change(b.equity.theil.between, a.equity.theil.between, comparable);
  c.theil_within = index_change(b.equity.theil.within, a.equity.theil.within, comparable);
  c.atkinson_0_5 = index_change(b.equity.atkinson_0_5, a.equity.atkinson_0_5, comparable);
  c.atkinson_1 = index_change(b.equity.atkinson_1, a.equity.atkinson_1, comparable);
  c.atkinson_2 = index_change(b.equity.atkinson_2, a.equity.atkinson_2, comparable);
  c.best_to_worst_fifth =
      index_change(b.equity.best_to_worst_fifth, a.equity.best_to_worst_fifth, comparable);
  if (frame.same_thresholds) {
    for (std::size_t t = 0; t < b.share_beyond.size(); ++t) {
      c.share_beyond.push_back(index_change(b.share_beyond[t], a.share_beyond.at(t), true));
    }
  }

  if (!frame.same_demand_points) {
    c.target_gaining = kNaN;
    c.target_losing = kNaN;
    return c;
  }
  const std::vector<double>& minutes_before = before.coverage->demand_minutes;
  const std::vector<double>& minutes_after = after.coverage->demand_minutes;
  const std::size_t point_count = minutes_before.size();
  const std::size_t threshold_count = frame.thresholds_minutes.size();
  c.target_newly_within.assign(threshold_count, 0.0);
  c.target_no_longer_within.assign(threshold_count, 0.0);
  c.point_minutes.resize(point_count);
  c.point_e2sfca.resize(point_count);
  c.point_gravity.resize(point_count);
  for (std::size_t i = 0; i < point_count; ++i) {
    const double change = time_change(minutes_before[i], minutes_after.at(i));
    c.point_minutes[i] = change;
    c.point_e2sfca[i] = difference(b.e2sfca_per_100[i], a.e2sfca_per_100.at(i));
    c.point_gravity[i] = difference(b.gravity[i], a.gravity.at(i));
    const double target = a.target_population.at(i);
    if (!(target > 0.0)) continue;
    if (change < -kComparisonMinutesTolerance) c.target_gaining += target;
    if (change > kComparisonMinutesTolerance) c.target_losing += target;
    for (std::size_t t = 0; t < threshold_count; ++t) {
      const double limit = frame.thresholds_minutes[t];
      const bool was_within = minutes_before[i] <= limit;
      const bool is_within = minutes_after[i] <= limit;
      if (is_within && !was_within) c.target_newly_within[t] += target;
      if (was_within && !is_within) c.target_no_longer_within[t] += target;
    }
  }
  return c;
}

}  // namespace

ScenarioComparison compare_runs(const RunIndicators& baseline, const RunIndicators& variant) {
  check_run(baseline, "baseline");
  check_run(variant, "variant");
  const std::size_t commune_count = baseline.coverage.demand_source_by_commune.size();
  if (variant.coverage.demand_source_by_commune.size() != commune_count) {
    throw DataError("compare: the baseline covers " + std::to_string(commune_count) +
                    " communes and the variant " +
                    std::to_string(variant.coverage.demand_source_by_commune.size()) +
                    "; compare two scenarios of one territory (the same communes file)");
  }
  ScenarioComparison result;
  result.same_demand_points = same_points(baseline.coverage, variant.coverage);
  result.same_thresholds =
      std::equal(baseline.thresholds_minutes.begin(), baseline.thresholds_minutes.end(),
                 variant.thresholds_minutes.begin(), variant.thresholds_minutes.end());
  if (result.same_thresholds) {
    result.thresholds_minutes.assign(baseline.thresholds_minutes.begin(),
                                     baseline.thresholds_minutes.end());
  }

  std::vector<std::string> types;
  for (const ServiceCoverage& s : baseline.coverage.services) types.push_back(s.service_type);
  for (const ServiceCoverage& s : variant.coverage.services) types.push_back(s.service_type);
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());

  for (const std::string& type : types) {
    ServiceSide before{find_coverage(baseline.coverage, type),
                       find_access(baseline.accessibility, type)};
    ServiceSide after{find_coverage(variant.coverage, type),
                      find_access(variant.accessibility, type)};
    AbsentService absent;
    if (before.access == nullptr) {
      absent = make_absent(baseline, *after.access);
      before = {&absent.coverage, &absent.access};
    } else if (after.access == nullptr) {
      absent = make_absent(variant, *before.access);
      after = {&absent.coverage, &absent.access};
    }
    ServiceComparison comparison = compare_service(type, before, after, result);
    comparison.in_baseline = find_coverage(baseline.coverage, type) != nullptr;
    comparison.in_variant = find_coverage(variant.coverage, type) != nullptr;
    result.services.push_back(std::move(comparison));
  }
  return result;
}

}  // namespace couverture
