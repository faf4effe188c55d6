#include "couverture/io/osm_pbf_writer.hpp"

#include <algorithm>
#include <exception>
#include <numeric>
#include <osmium/builder/osm_object_builder.hpp>
#include <osmium/io/pbf_output.hpp>
#include <osmium/io/writer.hpp>
#include <osmium/memory/buffer.hpp>
#include <vector>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"

namespace couverture {

namespace {

template <typename Record>
std::vector<std::size_t> order_by_id(std::span<const Record> records) {
  std::vector<std::size_t> order(records.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return records[a].id < records[b].id; });
  return order;
}

void add_node(osmium::memory::Buffer& buffer, const OsmNodeRecord& node) {
  {
    osmium::builder::NodeBuilder builder{buffer};
    builder.set_id(node.id);
    builder.set_version(1);
    builder.set_visible(true);
    builder.set_location(osmium::Location{node.position.lon, node.position.lat});
  }
  buffer.commit();
}

void add_way(osmium::memory::Buffer& buffer, const OsmWayRecord& way) {
  {
    osmium::builder::WayBuilder builder{buffer};
    builder.set_id(way.id);
    builder.set_version(1);
    builder.set_visible(true);
    {
      osmium::builder::WayNodeListBuilder node_refs{builder};
      for (const std::int64_t id : way.node_ids) node_refs.add_node_ref(id);
    }
    osmium::builder::TagListBuilder tags{builder};
    for (const auto& [key, value] : way.tags) tags.add_tag(key, value);
  }
  buffer.commit();
}

}  // namespace

void write_osm_pbf(const std::filesystem::path& path, std::span<const OsmNodeRecord> nodes,
                   std::span<const OsmWayRecord> ways) {
  AtomicOutput output(path, /*overwrite=*/true);
  try {
    osmium::memory::Buffer buffer{1024 * 1024, osmium::memory::Buffer::auto_grow::yes};
    for (const std::size_t i : order_by_id(nodes)) add_node(buffer, nodes[i]);
    for (const std::size_t i : order_by_id(ways)) add_way(buffer, ways[i]);

    osmium::io::Header header;
    header.set("generator", "couverture");
    osmium::io::Writer writer{osmium::io::File{output.temporary().string(), "pbf"}, header,
                              osmium::io::overwrite::allow};
    writer(std::move(buffer));
    writer.close();
  } catch (const std::exception& error) {
    throw DataError(path.string() + ": cannot write the OSM PBF (" + error.what() +
                    "); check the folder is writable and has free space");
  }
  output.commit();
}

}  // namespace couverture
