#include "couverture/engine/position_links.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "couverture/geodata/travel_direction.hpp"

namespace couverture {
namespace {

// 0 <-> 1 (60 s each way), 1 -> 2 one-way (30 s).
RoadGraph test_network() {
  RoadGraph graph;
  graph.profile = "car";
  graph.node_position = {{6.00, 48.00}, {6.01, 48.00}, {6.01, 48.01}};
  const std::vector<ArcTriple> arcs = {{0, 1, 60000}, {1, 0, 60000}, {1, 2, 30000}};
  graph.graph = build_csr_graph(graph.node_position.size(), arcs);
  return graph;
}

NetworkPosition on(const RoadGraph& graph, NodeId from, NodeId to, double fraction) {
  NetworkPosition p;
  p.from = from;
  p.to = to;
  p.forward_arc = graph.find_arc(from, to);
  p.backward_arc = graph.find_arc(to, from);
  p.fraction = fraction;
  return p;
}

std::vector<std::pair<NodeId, double>> as_pairs(const PositionLinks& links) {
  std::vector<std::pair<NodeId, double>> pairs;
  for (const PositionLink& link : links) pairs.emplace_back(link.node, link.ms);
  return pairs;
}

using Pairs = std::vector<std::pair<NodeId, double>>;

TEST(PositionLinks, TwoWaySegmentLinksBothEnds) {
  const RoadGraph graph = test_network();
  const NetworkPosition p = on(graph, 0, 1, 0.25);
  // Out: forward to 1 over 3/4 of 60 s, back to 0 over 1/4.
  EXPECT_EQ(as_pairs(links_out_of(graph, p)), (Pairs{{1, 45000.0}, {0, 15000.0}}));
  // In: from 0 over the first quarter, from 1 over three quarters.
  EXPECT_EQ(as_pairs(links_into(graph, p)), (Pairs{{0, 15000.0}, {1, 45000.0}}));
}

TEST(PositionLinks, OneWaySegmentLinksOneEndEachWay) {
  const RoadGraph graph = test_network();
  // Snapped the other way round: from = 2, to = 1, only the backward arc 1->2.
  const NetworkPosition p = on(graph, 2, 1, 0.5);
  EXPECT_EQ(as_pairs(links_out_of(graph, p)), (Pairs{{2, 15000.0}}));
  EXPECT_EQ(as_pairs(links_into(graph, p)), (Pairs{{1, 15000.0}}));
}

TEST(PositionLinks, PointOnAnEndNodeLinksToItForFree) {
  const RoadGraph graph = test_network();
  // At node 2, the head of one-way 1->2: leaving along the segment is
  // impossible, but the point is node 2 itself.
  const NetworkPosition p = on(graph, 1, 2, 1.0);
  EXPECT_EQ(as_pairs(links_out_of(graph, p)), (Pairs{{2, 0.0}}));
  // Reached from 1 along the arc, and from node 2 itself.
  EXPECT_EQ(as_pairs(links_into(graph, p)), (Pairs{{1, 30000.0}, {2, 0.0}}));
}

TEST(PositionLinks, InvalidPositionHasNoLinks) {
  const RoadGraph graph = test_network();
  EXPECT_EQ(links_out_of(graph, NetworkPosition{}).count, 0U);
  EXPECT_EQ(links_into(graph, NetworkPosition{}).count, 0U);
}

TEST(TravelDirection, NamesRoundTrip) {
  for (const TravelDirection d : {TravelDirection::to_facility, TravelDirection::from_facility}) {
    EXPECT_EQ(travel_direction_from_string(to_string(d)), d);
  }
  EXPECT_FALSE(travel_direction_from_string("inbound").has_value());
}

}  // namespace
}  // namespace couverture
