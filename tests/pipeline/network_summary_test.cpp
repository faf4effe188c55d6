#include "couverture/pipeline/network_summary.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "summary_reference.hpp"

namespace couverture::pipeline {
namespace {

// 0 <-> 1 residential, way 10, 1,000 m (two arcs, one road of 1 km);
// 1 -> 2 primary, way 20, 500 m, one-way; 0 -> 2 and 2 -> 0 residential,
// 250 m, ways 31 and 30 (two roads drawn on one another: 0.5 km).
RoadGraph hand_network() {
  RoadGraph road;
  road.node_position = {{6.0, 48.0}, {6.2, 47.9}, {5.9, 48.3}};
  const std::vector<ArcTriple> arcs = {
      {0, 1, 1000}, {0, 2, 1000}, {1, 0, 1000}, {1, 2, 1000}, {2, 0, 1000}};
  road.graph = build_csr_graph(3, arcs);
  road.arc_length_m = {1000.0F, 250.0F, 1000.0F, 500.0F, 250.0F};
  road.arc_class = {RoadClass::residential, RoadClass::residential, RoadClass::residential,
                    RoadClass::primary, RoadClass::residential};
  road.arc_way_id = {10, 31, 10, 20, 30};
  road.profile = "car";
  road.source_description = "hand.osm.pbf";
  road.build_stats.components_kept = 1;
  road.build_stats.components_dropped = 2;
  road.build_stats.nodes_dropped = 7;
  road.build_stats.arcs_dropped = 12;
  return road;
}

TEST(NetworkSummary, SaysTheCountsExtentAndRoadLengthByClass) {
  const RoadGraph road = hand_network();
  const std::string text =
      testing::text_of([&](std::FILE* out) { write_network_summary(road, "hand.cgraph", out); });
  EXPECT_EQ(text,
            "graph       hand.cgraph\n"
            "source      hand.osm.pbf\n"
            "profile     car\n"
            "nodes       3\n"
            "arcs        5\n"
            "components  1 kept, 2 dropped (7 nodes, 12 arcs dropped)\n"
            "bbox        lon 5.90000 .. 6.20000, lat 47.90000 .. 48.30000\n"
            "road length 2.0 km\n"
            "  primary                0.5 km\n"
            "  residential            1.5 km\n");
  const nlohmann::json json = network_summary_json(road, "hand.cgraph");
  EXPECT_DOUBLE_EQ(json["road_km"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(json["road_km_by_class"]["residential"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(json["bbox"]["max_lat"].get<double>(), 48.3);
  EXPECT_EQ(json["components_dropped"], 2);
}

TEST(NetworkSummary, AGraphWithoutNodesHasNoExtent) {
  const std::string text =
      testing::text_of([](std::FILE* out) { write_network_summary(RoadGraph{}, "e.cgraph", out); });
  EXPECT_EQ(text.find("bbox"), std::string::npos) << text;
  EXPECT_NE(text.find("\nroad length 0.0 km\n"), std::string::npos) << text;
  EXPECT_TRUE(network_summary_json(RoadGraph{}, "e.cgraph")["bbox"].is_null());
}

}  // namespace
}  // namespace couverture::pipeline
