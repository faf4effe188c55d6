#include "couverture/io/osm_pbf_writer.hpp"

#include <gtest/gtest.h>

#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

TEST(WriteOsmPbf, OsmiumReadsBackEveryNodeWayAndTagSortedById) {
  const fs::path dir = couverture::testing::make_temp_dir("osm-pbf-writer");
  const std::vector<OsmNodeRecord> nodes = {{3, {6.5, 48.0}}, {1, {6.25, 47.5}}, {2, {-1.5, 0.75}}};
  const std::vector<OsmWayRecord> ways = {
      {20, {1, 2}, {{"highway", "footway"}}},
      {10, {1, 2, 3}, {{"highway", "primary"}, {"name", "Rue de la Moraine"}}},
  };
  const fs::path path = dir / "fixture.osm.pbf";
  write_osm_pbf(path, nodes, ways);

  std::vector<std::int64_t> node_ids;
  std::vector<double> lons;
  std::vector<std::int64_t> way_ids;
  std::vector<std::vector<std::int64_t>> way_refs;
  std::vector<std::string> names;
  osmium::io::Reader reader{path.string()};
  while (osmium::memory::Buffer buffer = reader.read()) {
    for (const osmium::Node& node : buffer.select<osmium::Node>()) {
      node_ids.push_back(node.id());
      lons.push_back(node.location().lon());
    }
    for (const osmium::Way& way : buffer.select<osmium::Way>()) {
      way_ids.push_back(way.id());
      std::vector<std::int64_t> refs;
      for (const auto& ref : way.nodes()) refs.push_back(ref.ref());
      way_refs.push_back(refs);
      const char* name = way.tags().get_value_by_key("name");
      names.emplace_back(name ? name : "");
    }
  }
  reader.close();
  EXPECT_EQ(node_ids, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(lons, (std::vector<double>{6.25, -1.5, 6.5}));
  EXPECT_EQ(way_ids, (std::vector<std::int64_t>{10, 20}));
  EXPECT_EQ(way_refs[0], (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(names, (std::vector<std::string>{"Rue de la Moraine", ""}));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace couverture
