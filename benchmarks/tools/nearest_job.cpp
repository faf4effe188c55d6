#include "nearest_job.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/engine/position_links.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/commune_reader.hpp"
#include "couverture/io/facility_reader.hpp"
#include "couverture/io/network_loader.hpp"
#include "couverture/io/scenario.hpp"

namespace couverture::bench {

namespace {

std::ofstream open_out(const std::filesystem::path& path) {
  std::ofstream out(path);
  if (!out) throw DataError(path.string() + ": cannot be created; check the folder exists");
  out.precision(17);
  return out;
}

}  // namespace

NearestJob export_nearest_job(const std::filesystem::path& scenario_toml,
                              const std::filesystem::path& folder) {
  const Scenario scenario = read_scenario(scenario_toml);
  if (scenario.network.access.direction != TravelDirection::to_facility) {
    throw DataError(scenario_toml.string() + ": the peer job is timed to_facility only");
  }
  std::vector<std::string> warnings;
  const std::vector<Commune> communes = read_communes(scenario.communes, warnings);
  const std::vector<Facility> facilities = read_facilities(scenario.facilities, warnings);
  const RoadGraph roads = load_network(scenario.network, warnings);
  CoverageParameters parameters;
  parameters.thresholds_minutes = scenario.analysis.thresholds_minutes;
  parameters.network = scenario.network.access;
  parameters.demand_spacing_m = scenario.analysis.demand_spacing_m;
  const CoverageResult coverage = analyse_coverage(roads, communes, facilities, parameters);
  const double speed_mps = metres_per_second(parameters.network.access_speed_kmh);
  const auto walk_ms = [&](const NetworkPosition& p) { return p.distance_m / speed_mps * 1000.0; };
  const std::vector<NetworkPosition>& origins = coverage.demand_positions;
  const std::vector<NetworkPosition>& sites = coverage.facility_positions;

  NearestJob job;
  const auto super_source = static_cast<NodeId>(roads.node_count());
  job.nodes = roads.node_count() + 1;
  job.facilities = sites.size();
  job.demand_points = origins.size();
  // The fastest seed per node: a peer's plain search takes one arc per pair.
  std::map<NodeId, Millis> seeds;
  for (const NetworkPosition& p : sites) {
    for (const PositionLink& link : links_into(roads, p)) {
      const auto ms = static_cast<Millis>(std::round(link.ms + walk_ms(p)));
      const auto [it, added] = seeds.emplace(link.node, ms);
      if (!added) it->second = std::min(it->second, ms);
    }
  }
  job.seeds = seeds.size();
  {
    std::ofstream out = open_out(folder / "edges.csv");
    out << "id,source,target,cost,reverse_cost\n";
    std::uint64_t id = 1;
    const CsrGraph reversed = reverse_graph(roads.graph);
    for (NodeId u = 0; u < reversed.node_count(); ++u) {
      for (ArcId a = reversed.arcs_begin(u); a < reversed.arcs_end(u); ++a) {
        out << id++ << ',' << u << ',' << reversed.head[a] << ',' << reversed.weight[a] << ",-1\n";
      }
    }
    for (const auto& [node, ms] : seeds) {
      out << id++ << ',' << super_source << ',' << node << ',' << ms << ",-1\n";
    }
    job.arcs = id - 1;
  }
  {
    std::ofstream out = open_out(folder / "demand.csv");
    out << "node_a,ms_a,node_b,ms_b,walk_ms,direct_ms\n";
    for (const NetworkPosition& o : origins) {
      const PositionLinks links = links_out_of(roads, o);
      for (std::size_t k = 0; k < 2; ++k) {
        if (k < links.count) {
          out << links.link[k].node << ',' << links.link[k].ms << ',';
        } else {
          out << "-1,0,";
        }
      }
      double direct = std::numeric_limits<double>::infinity();
      for (const NetworkPosition& f : sites) {
        direct = std::min(direct, along_segment_ms(roads, o, f) + walk_ms(f));
      }
      out << walk_ms(o) << ',';
      if (std::isfinite(direct)) {
        out << direct << '\n';
      } else {
        out << "inf\n";
      }
    }
  }
  NearestFacilityTimes times(roads, speed_mps);
  std::vector<NearestFacility> nearest;
  job.ours_seconds = std::numeric_limits<double>::infinity();
  for (int repeat = 0; repeat < 3; ++repeat) {
    const auto start = std::chrono::steady_clock::now();
    nearest = times.compute(sites, origins);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    job.ours_seconds = std::min(job.ours_seconds, elapsed.count());
  }
  std::ofstream out = open_out(folder / "ours.csv");
  out << "seconds\n";
  for (const NearestFacility& n : nearest) {
    if (std::isfinite(n.seconds)) {
      out << n.seconds << '\n';
    } else {
      out << "inf\n";
    }
  }
  return job;
}

}  // namespace couverture::bench
