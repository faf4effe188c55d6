#include "couverture/pipeline/siting_stage.hpp"

#include <charconv>
#include <cmath>

#include "couverture/engine/site_candidates.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/facility_reader.hpp"
#include "couverture/pipeline/comparison_run.hpp"
#include "demand_stage.hpp"

namespace couverture::pipeline {

namespace {

// "6.6053,48.0975" -> a position; nullopt for anything else.
std::optional<LonLat> parse_lon_lat(const std::string& text) {
  const auto comma = text.find(',');
  if (comma == std::string::npos) return std::nullopt;
  LonLat position;
  const char* begin = text.data();
  const char* middle = begin + comma;
  const char* end = begin + text.size();
  while (begin < middle && *begin == ' ') ++begin;
  if (std::from_chars(begin, middle, position.lon).ptr != middle) return std::nullopt;
  const char* lat_begin = middle + 1;
  while (lat_begin < end && *lat_begin == ' ') ++lat_begin;
  if (std::from_chars(lat_begin, end, position.lat).ptr != end) return std::nullopt;
  if (position.lon < -180 || position.lon > 180 || position.lat < -90 || position.lat > 90) {
    return std::nullopt;
  }
  return position;
}

std::vector<SiteCandidate> scenario_candidates(const Scenario& scenario, const RunOutcome& base,
                                               std::vector<std::string>& warnings) {
  const SitingSettings& siting = scenario.siting;
  if (siting.candidates) {
    FacilitySource source = *siting.candidates;
    std::vector<SiteCandidate> read =
        candidates_from_facilities(base.communes, read_facilities(source, warnings));
    // A new site must stand in a commune of the territory: the run with it
    // places every facility in one.
    std::vector<SiteCandidate> inside;
    std::string outside;
    for (SiteCandidate& candidate : read) {
      if (candidate.commune == kInvalidId) {
        outside += (outside.empty() ? "" : ", ") + candidate.id;
      } else {
        inside.push_back(std::move(candidate));
      }
    }
    if (!outside.empty()) {
      warnings.push_back(source.path.string() +
                         ": candidate(s) outside every commune left out: " + outside);
    }
    return inside;
  }
  if (siting.generate == CandidateGenerator::demand_points) {
    return demand_point_candidates(base.communes, base.coverage, siting.grid_spacing_m);
  }
  if (siting.generate == CandidateGenerator::grid)
    return grid_candidates(base.communes, siting.grid_spacing_m);
  return commune_centre_candidates(base.communes, base.coverage);
}

SitePlanParameters plan_parameters(const Scenario& scenario) {
  const SitingSettings& siting = scenario.siting;
  SitePlanParameters p;
  p.service_type = siting.service_type;
  p.sites = siting.sites;
  p.capacity = siting.capacity;
  p.objective = siting.objective;
  p.coverage_minutes = siting.coverage_minutes;
  p.one_per_commune = siting.one_per_commune;
  p.min_distance_m = siting.min_distance_m;
  p.solver = siting.solver;
  p.time_limit_s = siting.time_limit_s;
  p.exact_size_limit = siting.exact_size_limit;  // p_median's cap: the engine's
  p.max_snap_distance_m = siting.candidates ? std::numeric_limits<double>::infinity()
                                            : scenario.network.access.max_snap_distance_m;
  p.network = scenario.network.access;
  const AccessibilityParameters access = accessibility_parameters(scenario);
  p.e2sfca_decay = access.e2sfca_decay;
  p.tension_min_places_per_100 = scenario.tension.min_places_per_100;
  return p;
}

}  // namespace

SitingOutcome run_siting(const Scenario& scenario, const std::string& evaluate,
                         Progress& progress) {
  SitingOutcome outcome;
  outcome.baseline = analyse_scenario(scenario, progress, RunKind::indicators);
  progress.stage("placing the candidate sites");
  std::vector<SiteCandidate> candidates =
      scenario_candidates(scenario, outcome.baseline, outcome.baseline.warnings);
  const std::optional<LonLat> evaluated_point = parse_lon_lat(evaluate);
  if (evaluated_point) {
    SiteCandidate point;
    point.id = "evaluated";
    point.name = evaluate;
    point.position = *evaluated_point;
    std::vector<Facility> as_facility = {{point.id, point.name, "", 0.0, point.position}};
    point.commune =
        candidates_from_facilities(outcome.baseline.communes, as_facility).front().commune;
    if (point.commune == kInvalidId) {
      throw DataError("--evaluate " + evaluate + ": this position lies outside every commune of " +
                      scenario.communes.path.string() + " (give lon,lat in WGS84 degrees)");
    }
    candidates.push_back(point);
  }
  progress.stage("planning " + std::to_string(scenario.siting.sites) + " new " +
                 scenario.siting.service_type + " site(s) among " +
                 std::to_string(candidates.size()) + " candidates");
  SitePlanParameters parameters = plan_parameters(scenario);
  if (!scenario.siting.group_weights.empty()) {
    // A member of a weighted group counts `weight` times in the objective.
    std::vector<double> weights;
    for (const PriorityGroup& group : outcome.baseline.groups) {
      const auto found = scenario.siting.group_weights.find(group.name);
      weights.push_back(found == scenario.siting.group_weights.end() ? 1.0 : found->second);
    }
    parameters.demand_factor = group_weight_factor(outcome.baseline.groups, weights,
                                                   outcome.baseline.coverage.demand.size());
  }
  outcome.plan =
      plan_sites(*outcome.baseline.roads, outcome.baseline.communes, outcome.baseline.coverage,
                 outcome.baseline.accessibility, std::move(candidates), parameters);
  outcome.baseline.warnings.insert(outcome.baseline.warnings.end(), outcome.plan.warnings.begin(),
                                   outcome.plan.warnings.end());
  if (!evaluate.empty()) {
    try {
      outcome.evaluation = evaluate_site(outcome.plan, outcome.baseline.communes,
                                         evaluated_point ? std::string("evaluated") : evaluate);
    } catch (const DataError& error) {
      if (evaluated_point) {
        throw DataError("--evaluate " + evaluate +
                        ": the position is farther from the road network than "
                        "[network] max_snap_distance_m (" +
                        std::to_string(std::lround(scenario.network.access.max_snap_distance_m)) +
                        " m): move it onto a road");
      }
      throw error.with_context(
          {.file = scenario.file.string(), .key = "--evaluate '" + evaluate + "'"});
    }
    outcome.shown_sites = {outcome.evaluation->candidate};
  } else {
    outcome.shown_sites = outcome.plan.chosen;
  }

  progress.stage("re-running the scenario with the new site(s)");
  Scenario with_sites = scenario;
  with_sites.name = scenario.name + " + new " + scenario.siting.service_type + " site(s)";
  for (Facility& facility :
       facilities_for_sites(outcome.plan, outcome.shown_sites, scenario.siting.capacity)) {
    // Its own id space: a candidate may share an id with a facility.
    facility.id = "new-site:" + facility.id;
    with_sites.changes.added.push_back(std::move(facility));
  }
  outcome.with_sites =
      analyse_scenario(with_sites, progress, RunKind::indicators, &outcome.baseline);
  outcome.comparison = compare_outcomes(outcome.baseline, outcome.with_sites);
  return outcome;
}

}  // namespace couverture::pipeline
