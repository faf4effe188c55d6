#include "couverture/pipeline/network_summary.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "hand_road_network.hpp"
#include "summary_reference.hpp"

namespace couverture::pipeline {
namespace {

// The shared hand network, as a build from hand.osm.pbf left it.
RoadGraph hand_network() {
  RoadGraph road = testing::hand_road_network();
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
