// Pass-through chains contracted out of the search (ChainDijkstra, used by
// NearestFacilityTimes and TravelTimeMatrixBuilder) on real car graphs: every
// node's time and nearest seed, and every snapped point's time and nearest
// facility, against a plain Dijkstra over the whole graph.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "couverture/algorithms/chain_search.hpp"
#include "couverture/algorithms/dijkstra.hpp"
#include "couverture/engine/nearest_facility_times.hpp"
#include "couverture/engine/network_snapper.hpp"
#include "couverture/engine/position_links.hpp"
#include "couverture/engine/travel_time_matrix.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/io/osm_road_reader.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

struct Extract {
  std::string file;
  LonLat low;  // where random points fall
  LonLat high;
};

class ChainContractionOnRealGraphs : public ::testing::TestWithParam<Extract> {};

// The nearest facility of each origin as NearestFacilityTimes computed it
// before chains were contracted: one many-source Dijkstra over every node of
// the (reversed) road graph, read through the origin's links, plus
// facilities on the origin's own segment.
std::vector<NearestFacility> plain_nearest(const RoadGraph& road, double speed_mps,
                                           const std::vector<NetworkPosition>& facilities,
                                           const std::vector<NetworkPosition>& origins) {
  const CsrGraph reversed = reverse_graph(road.graph);
  const auto access_ms = [&](const NetworkPosition& p) {
    return p.distance_m / speed_mps * 1000.0;
  };
  std::vector<DijkstraSeed> seeds;
  std::vector<std::uint32_t> seed_facility;
  for (std::uint32_t f = 0; f < facilities.size(); ++f) {
    for (const PositionLink& link : links_into(road, facilities[f])) {
      seeds.push_back(
          {link.node, static_cast<Millis>(std::round(link.ms + access_ms(facilities[f])))});
      seed_facility.push_back(f);
    }
  }
  Dijkstra dijkstra(road.node_count());
  dijkstra.run(reversed, seeds);
  std::vector<NearestFacility> result(origins.size());
  for (std::size_t i = 0; i < origins.size(); ++i) {
    double best = std::numeric_limits<double>::infinity();
    std::uint32_t best_facility = kInvalidId;
    const auto offer = [&](double ms, std::uint32_t f) {
      if (ms < best || (ms == best && f < best_facility)) {
        best = ms;
        best_facility = f;
      }
    };
    for (const PositionLink& link : links_out_of(road, origins[i])) {
      if (dijkstra.reached(link.node)) {
        offer(link.ms + dijkstra.distance(link.node), seed_facility[dijkstra.source(link.node)]);
      }
    }
    for (std::uint32_t f = 0; f < facilities.size(); ++f) {
      const double along = along_segment_ms(road, origins[i], facilities[f]);
      if (std::isfinite(along)) offer(along + access_ms(facilities[f]), f);
    }
    if (best_facility != kInvalidId) {
      result[i] = {(best + access_ms(origins[i])) / 1000.0, best_facility};
    }
  }
  return result;
}

TEST_P(ChainContractionOnRealGraphs, EveryNodeAndEverySnappedPointAsOnTheWholeGraph) {
  COUVERTURE_REQUIRE_SHARED(path, "osm/" + GetParam().file);
  const RoadGraph road = read_road_graph(path, TravelProfile::car());
  const CsrGraph reversed = reverse_graph(road.graph);
  const ChainContractedGraph contracted = contract_chains(reversed);
  // Most nodes of a road graph only pass a road through.
  EXPECT_LT(contracted.core_node_count() * 2, road.node_count());
  std::printf("%s: %zu nodes, %zu core (%.1f %%), %zu chains\n", GetParam().file.c_str(),
              road.node_count(), contracted.core_node_count(),
              100.0 * static_cast<double>(contracted.core_node_count()) /
                  static_cast<double>(road.node_count()),
              contracted.chain_count());

  // Every node: one source, then 50 at once, unbounded and at 10 minutes.
  ChainDijkstra chains(contracted);
  Dijkstra plain(road.node_count());
  std::mt19937_64 random(12);
  std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(road.node_count() - 1));
  std::vector<DijkstraSeed> seeds;
  for (int k = 0; k < 50; ++k) seeds.push_back({node(random), static_cast<Millis>(k * 997 % 5000)});
  for (const std::size_t seed_count : {std::size_t{1}, seeds.size()}) {
    for (const Millis limit : {kUnreachable, Millis{600'000}}) {
      const std::span<const DijkstraSeed> some(seeds.data(), seed_count);
      chains.run(some, limit);
      plain.run(reversed, some, limit);
      for (NodeId v = 0; v < road.node_count(); ++v) {
        ASSERT_EQ(chains.distance(v), plain.distance(v)) << v;
        ASSERT_EQ(chains.source(v), plain.source(v)) << v;
      }
    }
  }

  // Snapped points: 50 facilities, 10,000 demand points.
  const NetworkSnapper snapper(road);
  std::uniform_real_distribution<double> lon(GetParam().low.lon, GetParam().high.lon);
  std::uniform_real_distribution<double> lat(GetParam().low.lat, GetParam().high.lat);
  std::vector<NetworkPosition> facilities;
  std::vector<NetworkPosition> origins;
  for (int i = 0; i < 50; ++i) facilities.push_back(snapper.snap({lon(random), lat(random)}));
  for (int i = 0; i < 10000; ++i) origins.push_back(snapper.snap({lon(random), lat(random)}));
  const std::vector<NearestFacility> expected = plain_nearest(road, 1.25, facilities, origins);
  NearestFacilityTimes nearest(road, 1.25);
  const std::vector<NearestFacility> got = nearest.compute(facilities, origins);
  TravelTimeMatrixBuilder builder(road, 1.25);
  const TravelTimeMatrix matrix = builder.compute(facilities, origins);
  std::vector<double> column_min(origins.size(), std::numeric_limits<double>::infinity());
  for (std::size_t f = 0; f < matrix.facility_count(); ++f) {
    for (std::size_t k = 0; k < matrix.row_origins(f).size(); ++k) {
      double& best = column_min[matrix.row_origins(f)[k]];
      best = std::min(best, matrix.row_seconds(f)[k]);
    }
  }
  for (std::size_t i = 0; i < origins.size(); ++i) {
    ASSERT_EQ(got[i].seconds, expected[i].seconds) << i;  // bit for bit
    ASSERT_EQ(got[i].facility, expected[i].facility) << i;
    ASSERT_EQ(column_min[i], expected[i].seconds) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Extracts, ChainContractionOnRealGraphs,
    ::testing::Values(Extract{"liechtenstein.osm.pbf", {9.48, 47.05}, {9.60, 47.25}},
                      Extract{"porto.osm.pbf", {-8.68, 41.14}, {-8.57, 41.18}}),
    [](const ::testing::TestParamInfo<Extract>& param_info) {
      return param_info.param.file.substr(0, param_info.param.file.find('.'));
    });

}  // namespace
}  // namespace couverture
