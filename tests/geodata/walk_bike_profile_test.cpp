#include <gtest/gtest.h>

#include "couverture/geodata/travel_profile.hpp"
#include "way_case.hpp"

namespace couverture {
namespace {

using Case = testing::WayCase;

void expect_case(const TravelProfile& profile, const Case& c) {
  testing::expect_way_case(profile, c);
}

// The speeds documented in travel_profile.cpp, restated here so that a
// change there is a deliberate change here too.
constexpr double kWalk = 4.5;
constexpr double kSteps = 3.0;
constexpr double kBike = 15.0;
constexpr double kBikeService = 12.0;
constexpr double kBikeShared = 10.0;
constexpr double kBikeAmongPedestrians = 8.0;

TEST(WalkProfile, ClassesAndAccess) {
  const TravelProfile walk = TravelProfile::walk();
  const Case cases[] = {
      {{{"highway", "footway"}}, true, true, true, kWalk},
      {{{"highway", "path"}}, true, true, true, kWalk},
      {{{"highway", "pedestrian"}}, true, true, true, kWalk},
      {{{"highway", "track"}}, true, true, true, kWalk},
      {{{"highway", "steps"}}, true, true, true, kSteps},
      {{{"highway", "living_street"}}, true, true, true, kWalk},
      {{{"highway", "residential"}}, true, true, true, kWalk},
      {{{"highway", "service"}}, true, true, true, kWalk},
      {{{"highway", "unclassified"}}, true, true, true, kWalk},
      {{{"highway", "primary"}}, true, true, true, kWalk},
      {{{"highway", "secondary_link"}}, true, true, true, kWalk},
      {{{"highway", "cycleway"}}, true, true, true, kWalk},
      {{{"highway", "cycleway"}, {"foot", "no"}}, false, false, false, 0},
      {{{"highway", "motorway"}}, false, false, false, 0},
      {{{"highway", "motorway_link"}}, false, false, false, 0},
      {{{"highway", "trunk"}}, false, false, false, 0},
      {{{"highway", "trunk_link"}}, false, false, false, 0},
      // Only the mode's own key opens a closed class.
      {{{"highway", "trunk"}, {"foot", "yes"}}, true, true, true, kWalk},
      {{{"highway", "trunk"}, {"foot", "designated"}}, true, true, true, kWalk},
      {{{"highway", "trunk"}, {"access", "yes"}}, false, false, false, 0},
      {{{"highway", "trunk"}, {"foot", "destination"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "private"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "no"}}, false, false, false, 0},
      {{{"highway", "footway"}, {"foot", "private"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "private"}, {"foot", "yes"}},
       true,
       true,
       true,
       kWalk},
      {{{"highway", "service"}, {"access", "no"}, {"foot", "permissive"}}, true, true, true, kWalk},
      // Vehicle restrictions do not bind pedestrians.
      {{{"highway", "residential"}, {"motor_vehicle", "no"}}, true, true, true, kWalk},
      {{{"highway", "residential"}, {"vehicle", "private"}}, true, true, true, kWalk},
      {{{"highway", "pedestrian"}, {"area", "yes"}}, false, false, false, 0},
      {{{"highway", "construction"}}, false, false, false, 0},
  };
  for (const Case& c : cases) expect_case(walk, c);
}

TEST(WalkProfile, WalksBothWaysAndIgnoresMaxspeed) {
  const TravelProfile walk = TravelProfile::walk();
  const Case cases[] = {
      {{{"highway", "residential"}, {"oneway", "yes"}}, true, true, true, kWalk},
      {{{"highway", "residential"}, {"oneway", "-1"}}, true, true, true, kWalk},
      {{{"highway", "residential"}, {"oneway", "reversible"}}, true, true, true, kWalk},
      {{{"highway", "primary"}, {"junction", "roundabout"}}, true, true, true, kWalk},
      {{{"highway", "motorway"}, {"foot", "yes"}}, true, true, true, kWalk},
      {{{"highway", "footway"}, {"oneway:foot", "yes"}}, true, true, false, kWalk},
      {{{"highway", "footway"}, {"oneway:foot", "-1"}}, true, false, true, kWalk},
      {{{"highway", "residential"}, {"oneway", "yes"}, {"oneway:foot", "no"}},
       true,
       true,
       true,
       kWalk},
      {{{"highway", "living_street"}, {"maxspeed", "walk"}}, true, true, true, kWalk},
      {{{"highway", "residential"}, {"maxspeed", "2"}}, true, true, true, kWalk},
  };
  for (const Case& c : cases) expect_case(walk, c);
}

TEST(BikeProfile, ClassesAndAccess) {
  const TravelProfile bike = TravelProfile::bike();
  const Case cases[] = {
      {{{"highway", "cycleway"}}, true, true, true, kBike},
      {{{"highway", "residential"}}, true, true, true, kBike},
      {{{"highway", "unclassified"}}, true, true, true, kBike},
      {{{"highway", "tertiary"}}, true, true, true, kBike},
      {{{"highway", "primary"}}, true, true, true, kBike},
      {{{"highway", "service"}}, true, true, true, kBikeService},
      {{{"highway", "living_street"}}, true, true, true, kBikeShared},
      {{{"highway", "motorway"}}, false, false, false, 0},
      {{{"highway", "trunk"}}, false, false, false, 0},
      {{{"highway", "trunk"}, {"bicycle", "yes"}}, true, true, true, kBike},
      {{{"highway", "track"}}, false, false, false, 0},
      {{{"highway", "path"}}, false, false, false, 0},
      {{{"highway", "footway"}}, false, false, false, 0},
      {{{"highway", "pedestrian"}}, false, false, false, 0},
      {{{"highway", "track"}, {"bicycle", "yes"}}, true, true, true, kBikeShared},
      {{{"highway", "path"}, {"bicycle", "designated"}}, true, true, true, kBikeShared},
      {{{"highway", "pedestrian"}, {"bicycle", "yes"}}, true, true, true, kBikeAmongPedestrians},
      {{{"highway", "footway"}, {"bicycle", "permissive"}},
       true,
       true,
       true,
       kBikeAmongPedestrians},
      {{{"highway", "path"}, {"vehicle", "yes"}}, false, false, false, 0},
      {{{"highway", "steps"}}, false, false, false, 0},
      {{{"highway", "steps"}, {"bicycle", "yes"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"bicycle", "no"}}, false, false, false, 0},
      {{{"highway", "cycleway"}, {"bicycle", "no"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "private"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"vehicle", "no"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"vehicle", "no"}, {"bicycle", "yes"}},
       true,
       true,
       true,
       kBike},
      {{{"highway", "residential"}, {"access", "no"}, {"bicycle", "designated"}},
       true,
       true,
       true,
       kBike},
      // Engine restrictions do not bind cyclists.
      {{{"highway", "residential"}, {"motor_vehicle", "no"}}, true, true, true, kBike},
      {{{"highway", "residential"}, {"motorcar", "private"}}, true, true, true, kBike},
  };
  for (const Case& c : cases) expect_case(bike, c);
}

TEST(BikeProfile, OnewayContraflowAndMaxspeed) {
  const TravelProfile bike = TravelProfile::bike();
  const Case cases[] = {
      {{{"highway", "residential"}, {"oneway", "yes"}}, true, true, false, kBike},
      {{{"highway", "residential"}, {"oneway", "-1"}}, true, false, true, kBike},
      {{{"highway", "residential"}, {"oneway", "reversible"}}, false, false, false, 0},
      {{{"highway", "primary"}, {"junction", "roundabout"}}, true, true, false, kBike},
      {{{"highway", "residential"}, {"oneway", "yes"}, {"oneway:bicycle", "no"}},
       true,
       true,
       true,
       kBike},
      {{{"highway", "residential"}, {"oneway", "yes"}, {"cycleway", "opposite"}},
       true,
       true,
       true,
       kBike},
      {{{"highway", "residential"}, {"oneway", "-1"}, {"cycleway", "opposite_lane"}},
       true,
       true,
       true,
       kBike},
      {{{"highway", "residential"}, {"oneway", "yes"}, {"cycleway", "lane"}},
       true,
       true,
       false,
       kBike},
      {{{"highway", "cycleway"}, {"oneway:bicycle", "yes"}}, true, true, false, kBike},
      {{{"highway", "cycleway"}, {"oneway", "yes"}}, true, true, false, kBike},
      // A limit binds cyclists too but only bites below the cycling speed.
      {{{"highway", "living_street"}, {"maxspeed", "walk"}}, true, true, true, 6},
      {{{"highway", "residential"}, {"maxspeed", "30"}}, true, true, true, kBike},
      {{{"highway", "residential"}, {"maxspeed", "10"}}, true, true, true, 10},
  };
  for (const Case& c : cases) expect_case(bike, c);
}

TEST(WalkBikeProfiles, FootwayAndStepsAreWalkOnly) {
  const TravelProfile car = TravelProfile::car();
  const TravelProfile walk = TravelProfile::walk();
  const TravelProfile bike = TravelProfile::bike();
  for (const char* highway : {"footway", "steps"}) {
    const OsmTags tags{{"highway", highway}};
    EXPECT_FALSE(car.evaluate(tags).routable) << highway;
    EXPECT_FALSE(bike.evaluate(tags).routable) << highway;
    EXPECT_TRUE(walk.evaluate(tags).routable) << highway;
  }
  const OsmTags motorway{{"highway", "motorway"}};
  EXPECT_TRUE(car.evaluate(motorway).routable);
  EXPECT_FALSE(walk.evaluate(motorway).routable);
  EXPECT_FALSE(bike.evaluate(motorway).routable);
}

TEST(WalkBikeProfiles, UserZeroSpeedClosesEvenPermittedClasses) {
  TravelProfile walk = TravelProfile::walk();
  EXPECT_DOUBLE_EQ(walk.permitted_speed_kmh(RoadClass::trunk), kWalk);
  walk.set_class_speed_kmh(RoadClass::trunk, 0);
  expect_case(walk, {{{"highway", "trunk"}, {"foot", "yes"}}, false, false, false, 0});
  walk.set_class_speed_kmh(RoadClass::footway, 5);
  expect_case(walk, {{{"highway", "footway"}}, true, true, true, 5});
}

TEST(WalkBikeProfiles, UserAccessOverrides) {
  TravelProfile walk = TravelProfile::walk();
  walk.forbid_access_value("agricultural");  // already closing: no change
  walk.forbid_access_value("permissive");    // avoid ways the owner may close
  walk.permit_access_value("private");
  const Case walk_cases[] = {
      {{{"highway", "footway"}, {"foot", "private"}}, true, true, true, kWalk},
      {{{"highway", "residential"}, {"access", "private"}}, true, true, true, kWalk},
      {{{"highway", "track"}, {"access", "agricultural"}}, false, false, false, 0},
      {{{"highway", "path"}, {"foot", "permissive"}}, false, false, false, 0},
      {{{"highway", "service"}, {"access", "no"}, {"foot", "permissive"}}, false, false, false, 0},
      // foot=private opens no class the walk profile avoids.
      {{{"highway", "trunk"}, {"foot", "private"}}, false, false, false, 0},
      // Still both ways whatever `oneway` says.
      {{{"highway", "residential"}, {"oneway", "yes"}, {"access", "private"}},
       true,
       true,
       true,
       kWalk},
  };
  for (const Case& c : walk_cases) expect_case(walk, c);

  TravelProfile bike = TravelProfile::bike();
  bike.forbid_access_value("dismount");
  bike.permit_access_value("delivery");
  const Case bike_cases[] = {
      {{{"highway", "footway"}, {"bicycle", "dismount"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"bicycle", "dismount"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "delivery"}}, true, true, true, kBike},
      {{{"highway", "residential"}, {"access", "private"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"oneway", "yes"}, {"access", "delivery"}},
       true,
       true,
       false,
       kBike},
  };
  for (const Case& c : bike_cases) expect_case(bike, c);
}

TEST(WalkBikeProfiles, ByName) {
  for (const char* name : {"walk", "bike"}) {
    const std::optional<TravelProfile> profile = TravelProfile::by_name(name);
    ASSERT_TRUE(profile) << name;
    EXPECT_EQ(profile->name(), name);
  }
  EXPECT_EQ(TravelProfile::names(), (std::vector<std::string>{"car", "walk", "bike"}));
}

}  // namespace
}  // namespace couverture
