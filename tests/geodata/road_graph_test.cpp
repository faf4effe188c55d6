#include "couverture/geodata/road_graph.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

TEST(RoadGraph, FindArcPrefersTheFasterOfTwoParallelArcs) {
  RoadGraph roads;
  // Two ways over the same segment 0->1 (a slow lane listed first), and 1->0.
  const std::vector<ArcTriple> arcs = {{0, 1, 9000}, {0, 1, 4000}, {1, 0, 5000}};
  roads.graph = build_csr_graph(2, arcs);
  EXPECT_EQ(roads.graph.weight[roads.find_arc(0, 1)], 4000u);
  EXPECT_EQ(roads.graph.weight[roads.find_arc(1, 0)], 5000u);
}

TEST(RoadGraph, FindArcIsInvalidWithoutAnArc) {
  RoadGraph roads;
  const std::vector<ArcTriple> arcs = {{0, 1, 1000}};
  roads.graph = build_csr_graph(3, arcs);
  EXPECT_EQ(roads.find_arc(1, 0), kInvalidId);
  EXPECT_EQ(roads.find_arc(2, 0), kInvalidId);
}

TEST(RoadGraph, DetachedSegmentsComeInPairsOfEnds) {
  RoadGraph roads;
  roads.graph = build_csr_graph(1, {});
  EXPECT_EQ(roads.detached_segment_count(), 0u);
  // Two dropped segments: four end positions, one class each.
  roads.detached_segment_end = {{6.0, 48.0}, {6.1, 48.0}, {6.1, 48.0}, {6.1, 48.1}};
  roads.detached_segment_class = {RoadClass::residential, RoadClass::service};
  EXPECT_EQ(roads.detached_segment_count(), 2u);
}

}  // namespace
}  // namespace couverture
