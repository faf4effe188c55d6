#include "couverture/pipeline/run_summary.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "accessibility_summary.hpp"
#include "couverture/pipeline/reach_text.hpp"
#include "couverture/pipeline/run_digest.hpp"

namespace couverture::pipeline {

namespace {

double rounded(double value, double unit) { return std::round(value / unit) * unit; }

nlohmann::json isochrones_json(const RunOutcome& outcome, double population) {
  const IsochroneOutcome& isochrones = outcome.isochrones;
  nlohmann::json json;
  json["form"] = std::string(to_string(outcome.scenario.isochrones.form));
  json["mode"] = outcome.roads->profile;
  json["direction"] = std::string(to_string(outcome.scenario.network.access.direction));
  json["thresholds_minutes"] = isochrones.thresholds_minutes;
  json["surface"] = {{"cell_m", isochrones.grid.cell_m},
                     {"columns", isochrones.grid.columns},
                     {"rows", isochrones.grid.rows},
                     {"cells_with_time", isochrones.cells_placed},
                     {"max_offroad_m", isochrones.max_offroad_m},
                     {"demand_points_off_surface", isochrones.demand_points_off_surface},
                     {"population_off_surface", rounded(isochrones.population_off_surface, 0.1)}};
  json["facility_polygons"] = isochrones.per_facility.size();
  json["service_polygons"] = isochrones.by_service.size();
  json["bands_checked"] = isochrones.bands_checked;
  json["bands_passing_every_check"] = isochrones.bands_with_guarantees;
  json["polygons_repaired"] = isochrones.polygons_repaired;
  json["demand_points_near_edge"] = isochrones.demand_points_near_boundary;
  json["demand_points_misplaced"] = isochrones.demand_points_misplaced;
  json["far_points_share_inside"] = {{"mean", rounded(isochrones.mean_far_share_inside, 0.0001)},
                                     {"max", rounded(isochrones.max_far_share_inside, 0.0001)}};
  nlohmann::json services = nlohmann::json::array();
  for (const ServiceReach& reach : service_reach(isochrones)) {
    nlohmann::json inside = nlohmann::json::object();
    nlohmann::json within = nlohmann::json::object();
    for (std::size_t k = 0; k < reach.inside.size(); ++k) {
      std::ostringstream key;
      key << isochrones.thresholds_minutes[k];
      inside[key.str()] = population > 0.0 ? rounded(reach.inside[k] / population, 0.0001) : 0.0;
      within[key.str()] = population > 0.0 ? rounded(reach.within[k] / population, 0.0001) : 0.0;
    }
    services.push_back({{"service_type", reach.service_type},
                        {"population_share_inside", inside},
                        {"population_share_within", within}});
  }
  json["services"] = services;
  return json;
}

void write_isochrone_checks(const IsochroneOutcome& isochrones, std::FILE* out) {
  if (isochrones.bands_checked == 0) return;
  std::fprintf(
      out,
      "Checks: %zu of %zu bands keep every guarantee (origin inside, valid, nested, reachable "
      "road points inside,\ndemand points on the side their time says); %zu demand-point "
      "tests fell within one cell of an edge, %zu beyond;\n%zu polygons repaired; road points "
      "beyond 1.5 T or unreachable that fall inside: mean %.1f %%, worst %.1f %%.\n",
      isochrones.bands_with_guarantees, isochrones.bands_checked,
      isochrones.demand_points_near_boundary, isochrones.demand_points_misplaced,
      isochrones.polygons_repaired, 100.0 * isochrones.mean_far_share_inside,
      100.0 * isochrones.max_far_share_inside);
}

void write_isochrones(const RunOutcome& outcome, double population, std::FILE* out) {
  const IsochroneOutcome& isochrones = outcome.isochrones;
  std::fprintf(out, "\nIsochrones (%s, %s, %s): %zu facility polygons, %zu per service type.\n",
               outcome.roads->profile.c_str(),
               std::string(to_string(outcome.scenario.network.access.direction)).c_str(),
               std::string(to_string(outcome.scenario.isochrones.form)).c_str(),
               isochrones.per_facility.size(), isochrones.by_service.size());
  std::fprintf(
      out,
      "They are contours of a travel-time surface: %g m cells, each timed like a home at its "
      "centre;\n%zu of %zu cells lie within %g m of a road and have a time",
      isochrones.grid.cell_m, isochrones.cells_placed, isochrones.grid.cell_count(),
      isochrones.max_offroad_m);
  if (isochrones.demand_points_off_surface > 0) {
    std::fprintf(out, "; %.0f people (%zu demand points) live farther and are off the surface",
                 isochrones.population_off_surface, isochrones.demand_points_off_surface);
  }
  std::fprintf(out, ".\n");
  write_isochrone_checks(isochrones, out);
  const std::vector<ServiceReach> reach = service_reach(isochrones);
  if (reach.empty() || population <= 0.0) return;
  std::fprintf(
      out, "Share of the population inside the service polygons / within that travel time:\n%-16s",
      "service");
  for (double t : isochrones.thresholds_minutes) {
    char header[32];
    std::snprintf(header, sizeof header, "<=%gmin", t);
    std::fprintf(out, " %13s", header);
  }
  std::fprintf(out, "\n");
  for (const ServiceReach& service : reach) {
    std::fprintf(out, "%-16s", service.service_type.c_str());
    for (std::size_t k = 0; k < service.inside.size(); ++k) {
      std::fprintf(out, "   %4.0f%% / %3.0f%%", 100.0 * service.inside[k] / population,
                   100.0 * service.within[k] / population);
    }
    std::fprintf(out, "\n");
  }
}

}  // namespace

nlohmann::json run_summary_json(const RunOutcome& outcome) {
  nlohmann::json json;
  json["scenario"] = outcome.scenario.name;
  json["scenario_file"] = outcome.scenario.file.string();
  if (!outcome.scenario.note.empty()) json["note"] = outcome.scenario.note;
  json["output"] = outcome.output.string();
  json["network"] = {{"nodes", outcome.roads->node_count()},
                     {"arcs", outcome.roads->arc_count()},
                     {"profile", outcome.roads->profile},
                     {"source", outcome.roads->source_description}};
  const double population = total_population(outcome.communes);
  json["communes"] = outcome.communes.size();
  json["population"] = population;
  json["demand_points"] = outcome.coverage.demand.size();
  json["facilities"] = outcome.facilities.size();
  json["thresholds_minutes"] = outcome.scenario.analysis.thresholds_minutes;
  nlohmann::json services = nlohmann::json::array();
  for (const ServiceCoverage& service : outcome.coverage.services) {
    nlohmann::json s;
    s["service_type"] = service.service_type;
    s["facilities"] = service.facilities.size();
    s["mean_minutes"] = minutes_json(service.overall, service.overall.mean);
    s["max_minutes"] = minutes_json(service.overall, service.overall.max);
    s["population_unreachable"] = service.overall.weight - service.overall.reachable_weight;
    nlohmann::json shares = nlohmann::json::object();
    for (std::size_t t = 0; t < outcome.scenario.analysis.thresholds_minutes.size(); ++t) {
      std::ostringstream key;
      key << outcome.scenario.analysis.thresholds_minutes[t];
      shares[key.str()] = rounded(service.overall.share_within[t], 0.0001);
    }
    s["share_within_minutes"] = shares;
    const std::size_t worst = worst_commune(service);
    s["worst_commune"] = {
        {"code", outcome.communes[worst].code},
        {"name", outcome.communes[worst].name},
        {"mean_minutes", minutes_json(service.by_commune[worst], service.by_commune[worst].mean)}};
    services.push_back(s);
  }
  json["services"] = services;
  if (!outcome.accessibility.empty()) json["accessibility"] = accessibility_json(outcome);
  if (outcome.isochrones.computed) json["isochrones"] = isochrones_json(outcome, population);
  json["warnings"] = outcome.warnings;
  json["seconds"] = rounded(outcome.total_seconds, 0.001);
  nlohmann::json timings = nlohmann::json::array();
  for (const auto& [stage, seconds] : outcome.timings) {
    timings.push_back({{"stage", stage}, {"seconds", rounded(seconds, 0.001)}});
  }
  json["timings"] = timings;
  return json;
}

void write_run_summary(const RunOutcome& outcome, std::FILE* out) {
  const auto& thresholds = outcome.scenario.analysis.thresholds_minutes;
  const double population = total_population(outcome.communes);
  std::fprintf(out, "Couverture — %s\n", outcome.scenario.name.c_str());
  if (!outcome.scenario.note.empty())
    std::fprintf(out, "Note: %s\n", outcome.scenario.note.c_str());
  std::fprintf(out, "Road network: %zu nodes, %zu arcs (%s profile) from %s\n",
               outcome.roads->node_count(), outcome.roads->arc_count(),
               outcome.roads->profile.c_str(), outcome.roads->source_description.c_str());
  std::fprintf(out, "%zu communes, %.0f inhabitants on %zu demand points; %zu facilities\n\n",
               outcome.communes.size(), population, outcome.coverage.demand.size(),
               outcome.facilities.size());
  std::fprintf(out, "%-16s %5s %6s %6s", "service", "sites", "mean", "max");
  for (double t : thresholds) {
    char header[32];
    std::snprintf(header, sizeof header, "<=%gmin", t);
    std::fprintf(out, " %7s", header);
  }
  std::fprintf(out, "  worst-served commune (mean)\n");
  for (const ServiceCoverage& service : outcome.coverage.services) {
    std::fprintf(out, "%-16s %5zu %s %s", service.service_type.c_str(), service.facilities.size(),
                 minutes_cell(service.overall, service.overall.mean).c_str(),
                 minutes_cell(service.overall, service.overall.max).c_str());
    for (double share : service.overall.share_within) std::fprintf(out, " %6.0f%%", 100.0 * share);
    if (nobody_reaches(service.overall)) {
      std::fprintf(out, "  nobody reaches it\n");
      continue;
    }
    const std::size_t worst = worst_commune(service);
    const GroupAccessibility& group = service.by_commune[worst];
    if (nobody_reaches(group)) {
      std::fprintf(out, "  %s (nobody reaches it)\n", outcome.communes[worst].name.c_str());
    } else {
      std::fprintf(out, "  %s (%.1f min)\n", outcome.communes[worst].name.c_str(), group.mean);
    }
  }
  std::fprintf(out, "\nTimes in minutes %s, weighted by population.\n",
               outcome.scenario.network.access.direction == TravelDirection::to_facility
                   ? "from where people live to the nearest site"
                   : "from the nearest site out to where people live");
  write_accessibility_summary(outcome, out);
  if (outcome.isochrones.computed) write_isochrones(outcome, population, out);
  std::fprintf(out, "Wrote %s in %.2f s.\n", outcome.output.string().c_str(),
               outcome.total_seconds);
}

}  // namespace couverture::pipeline
