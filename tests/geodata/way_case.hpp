#pragma once

#include <gtest/gtest.h>

#include <string>

#include "couverture/geodata/travel_profile.hpp"

namespace couverture::testing {

// One row of a tag table: a way's tags and what a profile must make of them.
struct WayCase {
  OsmTags tags;
  bool routable;
  bool forward;
  bool backward;
  double speed_kmh;
};

inline void expect_way_case(const TravelProfile& profile, const WayCase& c) {
  std::string label = profile.name() + ": ";
  for (const auto& [k, v] : c.tags) label += k + "=" + v + " ";
  const WayTraversal way = profile.evaluate(c.tags);
  EXPECT_EQ(way.routable, c.routable) << label;
  EXPECT_EQ(way.forward, c.forward) << label;
  EXPECT_EQ(way.backward, c.backward) << label;
  EXPECT_NEAR(way.speed_kmh, c.speed_kmh, 1e-9) << label;
}

}  // namespace couverture::testing
