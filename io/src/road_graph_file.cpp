#include "couverture/io/road_graph_file.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"

namespace couverture {

namespace {

namespace fs = std::filesystem;

static_assert(std::endian::native == std::endian::little,
              "the .cgraph format stores arrays raw, in little-endian order");
static_assert(sizeof(LonLat) == 2 * sizeof(double) && std::is_trivially_copyable_v<LonLat>);
static_assert(sizeof(RoadClass) == 1);

constexpr std::array<char, 8> kMagic = {'C', 'V', 'G', 'R', 'A', 'P', 'H', '\0'};
constexpr const char* kRebuild = "rebuild it with `couverture network build`";

struct Header {
  std::array<char, 8> magic = kMagic;
  std::uint32_t version = kRoadGraphFileVersion;
  std::uint32_t checksum = 0;  // CRC-32 of the payload
  std::uint64_t node_count = 0;
  std::uint64_t arc_count = 0;
  std::uint64_t payload_size = 0;
};
static_assert(sizeof(Header) == 40 && std::has_unique_object_representations_v<Header>);

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Large arrays are fed to zlib in pieces: its length type is 32-bit.
std::uint32_t crc32_update(std::uint32_t crc, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const Bytef*>(data);
  uLong value = crc;
  while (size > 0) {
    const std::size_t piece = std::min<std::size_t>(size, 1U << 30);
    value = crc32(value, bytes, static_cast<uInt>(piece));
    bytes += piece;
    size -= piece;
  }
  return static_cast<std::uint32_t>(value);
}

class PayloadWriter {
 public:
  PayloadWriter(std::FILE* file, const fs::path& path) : file_(file), path_(path) {}

  void bytes(const void* data, std::size_t size) {
    if (size == 0) return;
    if (std::fwrite(data, 1, size, file_) != size) {
      throw DataError(path_.string() + ": cannot write the graph file (disk full?)");
    }
    crc_ = crc32_update(crc_, data, size);
    size_ += size;
  }
  template <typename T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
  template <typename T>
  void array(const std::vector<T>& values) {
    bytes(values.data(), values.size() * sizeof(T));
  }
  void text(const std::string& s) {
    value(static_cast<std::uint64_t>(s.size()));
    bytes(s.data(), s.size());
  }
  [[nodiscard]] std::uint32_t crc() const { return crc_; }
  [[nodiscard]] std::uint64_t size() const { return size_; }

 private:
  std::FILE* file_;
  const fs::path& path_;
  std::uint32_t crc_ = static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0));
  std::uint64_t size_ = 0;
};

class PayloadReader {
 public:
  PayloadReader(std::FILE* file, const fs::path& path, std::uint64_t size)
      : file_(file), path_(path), remaining_(size) {}

  void bytes(void* data, std::size_t size) {
    if (size > remaining_) truncated();
    if (size == 0) return;
    if (std::fread(data, 1, size, file_) != size) truncated();
    crc_ = crc32_update(crc_, data, size);
    remaining_ -= size;
  }
  template <typename T>
  T value() {
    T v{};
    bytes(&v, sizeof v);
    return v;
  }
  // Checks the size against what is left before allocating, so a corrupted
  // count cannot ask for gigabytes.
  template <typename T>
  std::vector<T> array(std::uint64_t count) {
    if (count > remaining_ / sizeof(T)) truncated();
    std::vector<T> values(static_cast<std::size_t>(count));
    bytes(values.data(), values.size() * sizeof(T));
    return values;
  }
  std::string text() {
    const auto size = value<std::uint64_t>();
    if (size > remaining_) truncated();
    std::string s(static_cast<std::size_t>(size), '\0');
    bytes(s.data(), s.size());
    return s;
  }
  [[nodiscard]] std::uint32_t crc() const { return crc_; }
  [[nodiscard]] std::uint64_t remaining() const { return remaining_; }

  [[noreturn]] void truncated() const {
    throw DataError(path_.string() + ": graph file is truncated or damaged; " + kRebuild);
  }

 private:
  std::FILE* file_;
  const fs::path& path_;
  std::uint64_t remaining_;
  std::uint32_t crc_ = static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0));
};

void check_consistent(const RoadGraph& road) {
  const std::size_t n = road.node_count();
  const std::size_t m = road.arc_count();
  if (road.graph.weight.size() != m || road.node_position.size() != n ||
      road.node_osm_id.size() != n || road.arc_length_m.size() != m || road.arc_class.size() != m ||
      road.arc_way_id.size() != m ||
      road.detached_segment_end.size() != 2 * road.detached_segment_class.size()) {
    throw std::logic_error("save_road_graph: RoadGraph arrays have inconsistent sizes");
  }
}

// Guards against a file that passes the checksum yet was written wrong.
void check_structure(const RoadGraph& road, const fs::path& path) {
  const CsrGraph& g = road.graph;
  bool ok = g.first_out.front() == 0 && g.first_out.back() == g.head.size();
  for (std::size_t u = 0; ok && u + 1 < g.first_out.size(); ++u) {
    ok = g.first_out[u] <= g.first_out[u + 1];
  }
  const auto n = static_cast<NodeId>(road.node_count());
  ok = ok && std::all_of(g.head.begin(), g.head.end(), [n](NodeId v) { return v < n; });
  const auto known = [](RoadClass c) { return static_cast<std::size_t>(c) < kRoadClassCount; };
  ok = ok && std::all_of(road.arc_class.begin(), road.arc_class.end(), known);
  ok = ok &&
       std::all_of(road.detached_segment_class.begin(), road.detached_segment_class.end(), known);
  if (!ok) throw DataError(path.string() + ": graph file holds an invalid graph; " + kRebuild);
}

}  // namespace

void save_road_graph(const RoadGraph& road, const fs::path& path, bool overwrite) {
  check_consistent(road);
  AtomicOutput output(path, overwrite);
  {
    FilePtr file(std::fopen(output.temporary().c_str(), "wb"));
    if (!file) {
      throw DataError(path.string() + ": cannot create the graph file (" + std::strerror(errno) +
                      "); check the folder is writable");
    }
    Header header;
    header.node_count = road.node_count();
    header.arc_count = road.arc_count();
    const auto write_header = [&] {
      if (std::fwrite(&header, sizeof header, 1, file.get()) != 1) {
        throw DataError(path.string() + ": cannot write the graph file (disk full?)");
      }
    };
    write_header();  // a placeholder until the payload's size and checksum are known

    PayloadWriter payload(file.get(), path);
    payload.text(road.profile);
    payload.text(road.source_description);
    payload.value(static_cast<std::uint8_t>(road.slope_aware ? 1 : 0));
    payload.value(road.build_stats.components_kept);
    payload.value(road.build_stats.components_dropped);
    payload.value(road.build_stats.nodes_dropped);
    payload.value(road.build_stats.arcs_dropped);
    payload.array(road.graph.first_out);
    payload.array(road.graph.head);
    payload.array(road.graph.weight);
    payload.array(road.node_position);
    payload.array(road.node_osm_id);
    payload.array(road.arc_length_m);
    payload.array(road.arc_class);
    payload.array(road.arc_way_id);
    payload.value(static_cast<std::uint64_t>(road.detached_segment_count()));
    payload.array(road.detached_segment_end);
    payload.array(road.detached_segment_class);

    header.payload_size = payload.size();
    header.checksum = payload.crc();
    if (std::fseek(file.get(), 0, SEEK_SET) != 0) {
      throw DataError(path.string() + ": cannot write the graph file header");
    }
    write_header();
    if (std::fclose(file.release()) != 0) {
      throw DataError(path.string() + ": cannot finish writing the graph file (disk full?)");
    }
  }
  output.commit();
}

RoadGraph load_road_graph(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw DataError(path.string() + ": graph file not found; build it with `couverture network " +
                    "build --osm FILE.osm.pbf -o " + path.filename().string() + "`");
  }
  const std::uint64_t file_size = fs::file_size(path, error);
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file || error) {
    throw DataError(path.string() + ": cannot open the graph file (" + std::strerror(errno) + ")");
  }
  Header header;
  if (file_size < sizeof header || std::fread(&header, sizeof header, 1, file.get()) != 1 ||
      header.magic != kMagic) {
    throw DataError(path.string() + ": not a couverture graph file (.cgraph); build one with " +
                    "`couverture network build`");
  }
  if (header.version != kRoadGraphFileVersion) {
    throw DataError(path.string() + ": graph file format version " +
                    std::to_string(header.version) + ", this couverture reads version " +
                    std::to_string(kRoadGraphFileVersion) + "; " + kRebuild);
  }
  PayloadReader payload(file.get(), path, file_size - sizeof header);
  if (header.payload_size != file_size - sizeof header ||
      header.node_count >= std::uint64_t{kInvalidId} ||
      header.arc_count >= std::uint64_t{kInvalidId}) {
    payload.truncated();
  }
  const std::uint64_t n = header.node_count;
  const std::uint64_t m = header.arc_count;

  RoadGraph road;
  road.profile = payload.text();
  road.source_description = payload.text();
  const auto slope_aware = payload.value<std::uint8_t>();
  if (slope_aware > 1) payload.truncated();
  road.slope_aware = slope_aware == 1;
  road.build_stats.components_kept = payload.value<std::uint64_t>();
  road.build_stats.components_dropped = payload.value<std::uint64_t>();
  road.build_stats.nodes_dropped = payload.value<std::uint64_t>();
  road.build_stats.arcs_dropped = payload.value<std::uint64_t>();
  road.graph.first_out = payload.array<ArcId>(n + 1);
  road.graph.head = payload.array<NodeId>(m);
  road.graph.weight = payload.array<Millis>(m);
  road.node_position = payload.array<LonLat>(n);
  road.node_osm_id = payload.array<std::int64_t>(n);
  road.arc_length_m = payload.array<float>(m);
  road.arc_class = payload.array<RoadClass>(m);
  road.arc_way_id = payload.array<std::int64_t>(m);
  const auto detached = payload.value<std::uint64_t>();
  // Each detached segment takes more than two positions' bytes: a corrupted
  // count fails here, before 2 * detached can overflow.
  if (detached > payload.remaining() / (2 * sizeof(LonLat))) payload.truncated();
  road.detached_segment_end = payload.array<LonLat>(2 * detached);
  road.detached_segment_class = payload.array<RoadClass>(detached);
  if (payload.remaining() != 0) payload.truncated();
  if (payload.crc() != header.checksum) {
    throw DataError(path.string() + ": graph file is corrupted (checksum mismatch); " + kRebuild);
  }
  check_structure(road, path);
  return road;
}

}  // namespace couverture
