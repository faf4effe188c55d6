#pragma once

#include <cstdint>
#include <vector>

#include "couverture/algorithms/csr_graph.hpp"

namespace couverture {

// The largest strongly connected component of a graph: the nodes from which
// every other member can be reached and which can reach it back. A road
// graph keeps only these so that every travel time is finite both ways.
struct LargestStrongComponent {
  std::vector<std::uint8_t> member;  // by NodeId: 1 inside the largest component
  std::size_t node_count = 0;        // nodes in the largest component
  std::size_t component_count = 0;   // all components, the largest included
};

// Ties between components of equal size go to the one holding the smallest
// node id, so the result does not depend on traversal order.
LargestStrongComponent largest_strong_component(const CsrGraph& graph);

}  // namespace couverture
