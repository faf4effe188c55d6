#pragma once

// The paper case of issue 4, shared by the accessibility tests.

#include <string>
#include <vector>

#include "couverture/engine/coverage_analysis.hpp"
#include "couverture/engine/service_accessibility.hpp"

namespace couverture::paper {

// The paper case of issue 4: a straight two-way road along lat 48.0, nodes
// at lon 6.00, 6.01, 6.02, 6.03, one minute per segment each way. Three
// communes side by side, each with one demand point in its middle (on the
// road): A at 6.0025, B at 6.015, C at 6.0275. Two crèches: X (10 places)
// on node 0 in A, Y (20 places) on node 3 in C.
//
// Minutes to X: A 0.25, B 0.5 + 1 = 1.5, C 0.75 + 2 = 2.75.
// Minutes to Y: A 0.75 + 2 = 2.75, B 1.5, C 0.25.
// Children aged 0–2: A 30, B 20, C 50 (100 in all, 30 places).
inline RoadGraph straight_road() {
  RoadGraph roads;
  roads.profile = "car";
  roads.source_description = "hand-built";
  roads.node_position = {{6.00, 48.0}, {6.01, 48.0}, {6.02, 48.0}, {6.03, 48.0}};
  roads.node_osm_id = {1, 2, 3, 4};
  const std::vector<ArcTriple> arcs = {{0, 1, 60000}, {1, 0, 60000}, {1, 2, 60000},
                                       {2, 1, 60000}, {2, 3, 60000}, {3, 2, 60000}};
  roads.graph = build_csr_graph(4, arcs);
  roads.arc_length_m.assign(6, 744.0f);
  roads.arc_class.assign(6, RoadClass::residential);
  roads.arc_way_id.assign(6, 10);
  return roads;
}

inline Commune box(const std::string& code, double children, double west, double east) {
  Commune commune;
  commune.code = code;
  commune.name = code;
  commune.population_by_band = {children, 0, 0, 0, 900};
  commune.population = children + 900;
  commune.bands_estimated = false;
  commune.boundary =
      geos_from_wkt("POLYGON((" + std::to_string(west) + " 47.995," + std::to_string(east) +
                    " 47.995," + std::to_string(east) + " 48.005," + std::to_string(west) +
                    " 48.005," + std::to_string(west) + " 47.995))");
  return commune;
}

struct PaperCase {
  RoadGraph roads = straight_road();
  std::vector<Commune> communes;
  std::vector<Facility> facilities = {{"X", "Crèche X", "eaje", 10, {6.00, 48.0}},
                                      {"Y", "Crèche Y", "eaje", 20, {6.03, 48.0}}};
  CoverageResult coverage;

  PaperCase() {
    communes.push_back(box("A", 30, 5.995, 6.01));
    communes.push_back(box("B", 20, 6.01, 6.02));
    communes.push_back(box("C", 50, 6.02, 6.035));
    CoverageParameters p;
    p.thresholds_minutes = {1, 2};
    p.demand_spacing_m = 5000;  // wider than any commune: one point in each middle
    p.network.access_speed_kmh = 3.6;
    coverage = analyse_coverage(roads, communes, facilities, p);
    // The age bands of each point, whatever the demand model did with them.
    for (DemandPoint& point : coverage.demand) {
      point.by_band = communes[point.commune].population_by_band;
      point.population = communes[point.commune].population;
    }
  }

  static AccessibilityParameters parameters() {
    AccessibilityParameters p;
    p.thresholds_minutes = {1, 2};
    p.catchment_minutes = 2;
    // Zones: up to 1 min weighted 1, up to 2 min weighted 0.5.
    p.e2sfca_decay = DistanceDecay{DecayKind::step, 2.0, {{1.0, 1.0}, {2.0, 0.5}}, 0.0};
    p.gravity_beta_per_minute = 0.5;
    p.tension_max_minutes = 1.0;
    p.tension_min_places_per_100 = 26.0;
    p.network.access_speed_kmh = 3.6;
    return p;
  }
};

}  // namespace couverture::paper
