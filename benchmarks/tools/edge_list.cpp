#include "edge_list.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "couverture/geodata/data_error.hpp"

namespace couverture::bench {

void write_edge_list(const CsrGraph& graph, const std::filesystem::path& csv) {
  std::ofstream out(csv);
  if (!out) throw DataError(csv.string() + ": cannot be created; check the folder exists");
  out << "id,source,target,cost,reverse_cost\n";
  std::uint64_t id = 1;  // pgRouting wants positive edge ids
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcId a = graph.arcs_begin(u); a < graph.arcs_end(u); ++a) {
      out << id++ << ',' << u << ',' << graph.head[a] << ',' << graph.weight[a] << ",-1\n";
    }
  }
  out.close();
  if (!out) throw DataError(csv.string() + ": write failed; check free disk space");
}

namespace {

// The next comma-separated field of `line` from `pos`, parsed as T.
template <typename T>
bool next_field(std::string_view line, std::size_t& pos, T& value) {
  const std::size_t end = std::min(line.find(',', pos), line.size());
  const char* first = line.data() + pos;
  const char* last = line.data() + end;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  pos = end + 1;
  return ec == std::errc() && ptr == last;
}

}  // namespace

CsrGraph read_edge_list(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  if (!in) throw DataError(csv.string() + ": cannot be read; export it with `export-graph`");
  std::string line;
  std::getline(in, line);
  if (line.rfind("id,source,target,cost", 0) != 0) {
    throw DataError(csv.string() + ": line 1 is not the header id,source,target,cost,...; " +
                    "export the graph with `export-graph`");
  }
  std::vector<ArcTriple> arcs;
  NodeId max_node = 0;
  std::uint64_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    std::size_t pos = 0;
    std::uint64_t id = 0;
    ArcTriple arc{};
    if (!next_field(line, pos, id) || !next_field(line, pos, arc.tail) ||
        !next_field(line, pos, arc.head) || !next_field(line, pos, arc.weight)) {
      throw DataError(csv.string() + ": line " + std::to_string(line_number) +
                      " is not id,source,target,cost with whole-millisecond costs; " +
                      "re-export the graph with `export-graph`");
    }
    max_node = std::max({max_node, arc.tail, arc.head});
    arcs.push_back(arc);
  }
  return build_csr_graph(arcs.empty() ? 0 : std::size_t{max_node} + 1, arcs);
}

}  // namespace couverture::bench
