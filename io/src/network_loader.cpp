#include "couverture/io/network_loader.hpp"

#include <stdexcept>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/elevation_reader.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "couverture/io/road_graph_file.hpp"
#include "road_graph_content.hpp"

namespace couverture {

namespace {

namespace fs = std::filesystem;

// Appended to source_description by apply_dem; read back from a .cgraph.
constexpr std::string_view kSlopesMarker = "; slopes from ";

std::optional<RoadClass> road_class_named(std::string_view name) {
  for (std::size_t c = 0; c < kRoadClassCount; ++c) {
    if (to_string(static_cast<RoadClass>(c)) == name) return static_cast<RoadClass>(c);
  }
  return std::nullopt;
}

RoadGraph load_saved_graph(const NetworkSource& source) {
  RoadGraph roads = load_road_graph(source.path);
  // A file can round-trip yet hold no usable network.
  check_road_graph_content(roads, source.path);
  const std::string rebuild =
      "rebuild it with `couverture network build --osm FILE.osm.pbf "
      "--profile " +
      std::string(to_string(source.profile)) + "`, or set network.path to the OSM extract";
  if (roads.profile != to_string(source.profile)) {
    throw DataError(source.path.string() + ": this graph was built for the '" + roads.profile +
                    "' profile but the scenario asks for '" +
                    std::string(to_string(source.profile)) + "'; " + rebuild);
  }
  if (!source.speeds_kmh.empty() || !source.access_permit.empty() ||
      !source.access_forbid.empty()) {
    throw DataError(source.path.string() +
                    ": a saved graph already holds its speeds and access rules, so "
                    "[network.speeds] and [network.access] cannot change them; " +
                    rebuild + " (--speed CLASS=KMH)");
  }
  if (!source.dem.empty() && has_slopes(roads)) {
    throw DataError(source.path.string() + ": this graph already has slope-aware times (" +
                    roads.source_description +
                    "); remove network.dem from the scenario or rebuild the graph without --dem");
  }
  return roads;
}

}  // namespace

TravelProfile network_profile(const NetworkSource& source) {
  TravelProfile profile = TravelProfile::of(source.profile);
  for (const auto& [name, kmh] : source.speeds_kmh) {
    const std::optional<RoadClass> road_class = road_class_named(name);
    if (!road_class) {
      throw DataError("network.speeds: '" + name +
                      "' is not a road class (see docs/scenario.md for the names)");
    }
    try {
      profile.set_class_speed_kmh(*road_class, kmh);
    } catch (const std::invalid_argument& error) {
      throw DataError(std::string("network.speeds: ") + error.what());
    }
  }
  try {
    for (const std::string& value : source.access_permit) profile.permit_access_value(value);
    for (const std::string& value : source.access_forbid) profile.forbid_access_value(value);
  } catch (const std::invalid_argument& error) {
    throw DataError(std::string("network.access: ") + error.what());
  }
  return profile;
}

bool has_slopes(const RoadGraph& roads) { return roads.slope_aware; }

SlopeAdjustment apply_dem(RoadGraph& roads, const fs::path& dem,
                          std::vector<std::string>& warnings) {
  const SlopeModel model = slope_model_for_profile(roads.profile);
  if (model == SlopeModel::none) {
    warnings.push_back("network.dem changes nothing for the '" + roads.profile +
                       "' profile (only walk and bike times depend on slope); " +
                       dem.filename().string() + " was not read");
    return {};
  }
  const PointElevations elevations = read_node_elevations(dem, roads.node_position);
  if (elevations.missing == roads.node_count() && roads.node_count() > 0) {
    throw DataError(dem.string() +
                    ": no node of the road network lies on this elevation raster; give the "
                    "DEM tile(s) covering " +
                    roads.source_description);
  }
  if (elevations.missing > 0) {
    warnings.push_back(std::to_string(elevations.missing) + " of " +
                       std::to_string(roads.node_count()) + " road nodes have no elevation in " +
                       dem.filename().string() +
                       " (outside the raster or nodata): their ways keep flat-ground times");
  }
  const SlopeAdjustment adjustment = apply_slopes(roads, model, elevations.elevation_m);
  roads.source_description += std::string(kSlopesMarker) + dem.filename().string();
  roads.slope_aware = true;
  return adjustment;
}

RoadGraph load_network(const NetworkSource& source, std::vector<std::string>& warnings) {
  RoadGraph roads = source.path.extension() == ".cgraph"
                        ? load_saved_graph(source)
                        : read_road_graph(source.path, network_profile(source));
  if (!source.dem.empty()) apply_dem(roads, source.dem, warnings);
  return roads;
}

}  // namespace couverture
