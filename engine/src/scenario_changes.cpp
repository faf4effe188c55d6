#include "couverture/engine/scenario_changes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <unordered_set>

#include "couverture/algorithms/strongly_connected.hpp"
#include "couverture/geodata/data_error.hpp"

namespace couverture {

namespace {

const char* const kCheckFacilityId = "check the id in the facilities file";
const char* const kCheckWayId = "not a road of this network: check the OSM way id, or the profile";

bool has_facility(const std::vector<Facility>& facilities, const std::string& id) {
  return std::any_of(facilities.begin(), facilities.end(),
                     [&id](const Facility& f) { return f.id == id; });
}

// As the OSM reader weighs a segment: rounded to the millisecond, and at
// least 1 ms so that distinct nodes never coincide for the kernels.
Millis travel_time_ms(double length_m, double speed_kmh) {
  const double ms = std::round(length_m / (speed_kmh / 3.6) * 1000.0);
  return static_cast<Millis>(
      std::clamp(ms, 1.0, static_cast<double>(std::numeric_limits<Millis>::max() - 1)));
}

std::string way_text(std::int64_t way_id) { return "way " + std::to_string(way_id); }

// The nodes with at least one arc, in or out: those a point can snap next to.
std::vector<std::uint8_t> nodes_on_arcs(const CsrGraph& graph) {
  std::vector<std::uint8_t> on(graph.node_count(), 0);
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    if (graph.arcs_begin(u) == graph.arcs_end(u)) continue;
    on[u] = 1;
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) on[graph.head[a]] = 1;
  }
  return on;
}

}  // namespace

std::vector<Facility> apply_facility_changes(std::span<const Facility> facilities,
                                             const ScenarioChanges& changes) {
  std::vector<Facility> result(facilities.begin(), facilities.end());
  for (const std::string& id : changes.removed) {
    if (!has_facility(result, id)) {
      throw DataError("scenario changes: facility '" + id +
                      "' to remove is not among the facilities (or is removed twice); " +
                      kCheckFacilityId);
    }
    std::erase_if(result, [&id](const Facility& f) { return f.id == id; });
  }
  for (const CapacityChange& change : changes.capacities) {
    if (!std::isfinite(change.capacity) || change.capacity < 0.0) {
      throw DataError("scenario changes: facility '" + change.facility_id + "' given capacity " +
                      std::to_string(change.capacity) + ": a capacity is a number of places >= 0");
    }
    bool found = false;
    for (Facility& f : result) {
      if (f.id != change.facility_id) continue;
      f.capacity = change.capacity;
      f.capacity_known = true;
      found = true;
    }
    if (!found) {
      throw DataError("scenario changes: facility '" + change.facility_id +
                      "' given a capacity is not among the facilities (or is removed by the "
                      "same scenario); " +
                      kCheckFacilityId);
    }
  }
  for (const Facility& added : changes.added) {
    if (has_facility(result, added.id)) {
      throw DataError("scenario changes: added facility '" + added.id +
                      "' has the id of an existing (or another added) facility; give it a new "
                      "id, or remove the existing one to move it; " +
                      kCheckFacilityId);
    }
    result.push_back(added);
  }
  return result;
}

namespace {

// Each way given a speed, its km/h; throws DataError for a bad speed, a way
// not in the graph, a way both closed and given a speed, or two speeds.
std::map<std::int64_t, double> checked_speeds(const ScenarioChanges& changes,
                                              const std::unordered_set<std::int64_t>& ways_in_graph,
                                              const std::unordered_set<std::int64_t>& closed) {
  std::map<std::int64_t, double> speed_of;
  for (const RoadSpeedChange& change : changes.way_speeds) {
    const std::string way = way_text(change.way_id);
    if (!std::isfinite(change.kmh) || change.kmh <= 0.0) {
      throw DataError("scenario changes: " + way + " given speed " + std::to_string(change.kmh) +
                      " km/h: a speed must be positive (close the road instead)");
    }
    if (!ways_in_graph.contains(change.way_id)) {
      throw DataError("scenario changes: " + way + " given a speed is " + kCheckWayId);
    }
    if (closed.contains(change.way_id)) {
      throw DataError("scenario changes: " + way +
                      " is both closed and given a speed; keep one of the two");
    }
    const auto [it, inserted] = speed_of.emplace(change.way_id, change.kmh);
    if (!inserted && it->second != change.kmh) {
      throw DataError("scenario changes: " + way + " is given two speeds; keep one");
    }
  }
  return speed_of;
}

// The arcs left open, with their new weights, in the baseline's CSR order;
// `source` maps each back to its baseline arc.
std::vector<ArcTriple> open_arcs(const RoadGraph& roads,
                                 const std::unordered_set<std::int64_t>& closed,
                                 const std::map<std::int64_t, double>& speed_of,
                                 std::vector<ArcId>& source) {
  const CsrGraph& graph = roads.graph;
  std::vector<ArcTriple> kept;
  kept.reserve(graph.arc_count());
  source.reserve(graph.arc_count());
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      const std::int64_t way = roads.arc_way_id[a];
      if (closed.contains(way)) continue;
      const auto speed = speed_of.find(way);
      const Millis weight = speed == speed_of.end()
                                ? graph.weight[a]
                                : travel_time_ms(roads.arc_length_m[a], speed->second);
      kept.push_back({u, graph.head[a], weight});
      source.push_back(a);
    }
  }
  return kept;
}

// `roads` with the graph of `arcs` (source: their baseline arcs); the nodes
// and everything not per arc are the baseline's.
RoadGraph rebuilt(const RoadGraph& roads, std::span<const ArcTriple> arcs,
                  std::span<const ArcId> source) {
  RoadGraph variant;
  variant.profile = roads.profile;
  variant.node_position = roads.node_position;
  variant.node_osm_id = roads.node_osm_id;
  variant.build_stats = roads.build_stats;
  variant.source_description = roads.source_description;
  variant.slope_aware = roads.slope_aware;
  variant.detached_segment_end = roads.detached_segment_end;
  variant.detached_segment_class = roads.detached_segment_class;
  std::vector<ArcId> order;
  variant.graph = build_csr_graph(roads.node_count(), arcs, &order);
  variant.arc_length_m.reserve(order.size());
  variant.arc_class.reserve(order.size());
  variant.arc_way_id.reserve(order.size());
  for (const ArcId k : order) {
    const ArcId a = source[k];
    variant.arc_length_m.push_back(roads.arc_length_m[a]);
    if (!roads.arc_class.empty()) variant.arc_class.push_back(roads.arc_class[a]);
    variant.arc_way_id.push_back(roads.arc_way_id[a]);
  }
  return variant;
}

// Warns when closing roads cut nodes off the main network.
void warn_cut_off(const RoadGraph& roads, const RoadGraph& variant,
                  std::vector<std::string>& warnings) {
  const CsrGraph& graph = roads.graph;
  const LargestStrongComponent before = largest_strong_component(graph);
  const LargestStrongComponent after = largest_strong_component(variant.graph);
  const std::vector<std::uint8_t> on_road = nodes_on_arcs(variant.graph);
  std::size_t cut_off = 0;
  for (NodeId u = 0; u < variant.node_count(); ++u) {
    if (before.member[u] && !after.member[u] && on_road[u]) ++cut_off;
  }
  if (cut_off > 0) {
    warnings.push_back("scenario changes: the closed roads cut " + std::to_string(cut_off) +
                       " road node(s) off the main network (they cannot reach it, or be "
                       "reached from it): demand points or facilities joining the network "
                       "there become unreachable; check the closures, or reopen a way around");
  }
}

}  // namespace

RoadGraph apply_road_changes(const RoadGraph& roads, const ScenarioChanges& changes,
                             std::vector<std::string>& warnings) {
  if (!changes.changes_roads()) return roads;
  const std::size_t arc_count = roads.arc_count();
  if (roads.arc_way_id.size() != arc_count || roads.arc_length_m.size() != arc_count ||
      (!roads.arc_class.empty() && roads.arc_class.size() != arc_count)) {
    throw std::invalid_argument(
        "apply_road_changes: the graph's way ids, lengths and classes must be one per arc");
  }
  const std::unordered_set<std::int64_t> ways_in_graph(roads.arc_way_id.begin(),
                                                       roads.arc_way_id.end());
  const std::unordered_set<std::int64_t> closed(changes.closed_ways.begin(),
                                                changes.closed_ways.end());
  for (const std::int64_t way : changes.closed_ways) {
    if (!ways_in_graph.contains(way)) {
      throw DataError("scenario changes: closed " + way_text(way) + " is " + kCheckWayId);
    }
  }
  const std::map<std::int64_t, double> speed_of = checked_speeds(changes, ways_in_graph, closed);
  std::vector<ArcId> source;
  const std::vector<ArcTriple> arcs = open_arcs(roads, closed, speed_of, source);
  RoadGraph variant = rebuilt(roads, arcs, source);
  if (!changes.closed_ways.empty()) warn_cut_off(roads, variant, warnings);
  return variant;
}

}  // namespace couverture
