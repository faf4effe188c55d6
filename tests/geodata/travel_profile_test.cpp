#include "couverture/geodata/travel_profile.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "way_case.hpp"

namespace couverture {
namespace {

using Case = testing::WayCase;

void expect_case(const TravelProfile& profile, const Case& c) {
  testing::expect_way_case(profile, c);
}

// The car speeds documented in travel_profile.cpp's table, restated here so
// that a change there is a deliberate change here too.
constexpr double kPrimary = 70;
constexpr double kResidential = 30;
constexpr double kMotorway = 110;
constexpr double kLivingStreet = 10;

TEST(TravelProfile, ClassesAndExcludedHighways) {
  const TravelProfile car = TravelProfile::car();
  const Case cases[] = {
      {{{"highway", "primary"}}, true, true, true, kPrimary},
      {{{"highway", "residential"}}, true, true, true, kResidential},
      {{{"highway", "road"}}, true, true, true, 40},  // unclassified
      {{{"highway", "footway"}}, false, false, false, 0},
      {{{"highway", "track"}}, false, false, false, 0},
      {{{"highway", "cycleway"}}, false, false, false, 0},
      {{{"highway", "construction"}}, false, false, false, 0},
      {{{"highway", "proposed"}}, false, false, false, 0},
      {{{"highway", "abandoned"}}, false, false, false, 0},
      {{{"building", "yes"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"area", "yes"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"area", "no"}}, true, true, true, kResidential},
  };
  for (const Case& c : cases) expect_case(car, c);
  EXPECT_EQ(car.evaluate(OsmTags{{"highway", "living_street"}}).road_class,
            RoadClass::living_street);
}

TEST(TravelProfile, OnewayForms) {
  const TravelProfile car = TravelProfile::car();
  const Case cases[] = {
      {{{"highway", "residential"}, {"oneway", "yes"}}, true, true, false, kResidential},
      {{{"highway", "residential"}, {"oneway", "true"}}, true, true, false, kResidential},
      {{{"highway", "residential"}, {"oneway", "1"}}, true, true, false, kResidential},
      {{{"highway", "residential"}, {"oneway", "-1"}}, true, false, true, kResidential},
      {{{"highway", "residential"}, {"oneway", "reverse"}}, true, false, true, kResidential},
      {{{"highway", "residential"}, {"oneway", "no"}}, true, true, true, kResidential},
      {{{"highway", "residential"}, {"oneway", "reversible"}}, false, false, false, 0},
      {{{"highway", "primary"}, {"junction", "roundabout"}}, true, true, false, kPrimary},
      {{{"highway", "primary"}, {"junction", "circular"}}, true, true, false, kPrimary},
      // An explicit tag beats the implication.
      {{{"highway", "primary"}, {"junction", "roundabout"}, {"oneway", "no"}},
       true,
       true,
       true,
       kPrimary},
      {{{"highway", "motorway"}}, true, true, false, kMotorway},
      {{{"highway", "motorway"}, {"oneway", "-1"}}, true, false, true, kMotorway},
      {{{"highway", "motorway"}, {"oneway", "no"}}, true, true, true, kMotorway},
  };
  for (const Case& c : cases) expect_case(car, c);
}

TEST(TravelProfile, AccessTheMostSpecificTagWins) {
  const TravelProfile car = TravelProfile::car();
  const Case cases[] = {
      {{{"highway", "residential"}, {"access", "no"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "private"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"motor_vehicle", "no"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"motorcar", "private"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "agricultural"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "destination"}}, true, true, true, kResidential},
      {{{"highway", "residential"}, {"access", "no"}, {"motorcar", "yes"}},
       true,
       true,
       true,
       kResidential},
      {{{"highway", "residential"}, {"access", "no"}, {"motor_vehicle", "yes"}},
       true,
       true,
       true,
       kResidential},
      {{{"highway", "residential"}, {"motor_vehicle", "no"}, {"motorcar", "yes"}},
       true,
       true,
       true,
       kResidential},
      {{{"highway", "residential"}, {"access", "yes"}, {"motor_vehicle", "private"}},
       false,
       false,
       false,
       0},
      {{{"highway", "residential"}, {"motor_vehicle", "yes"}, {"motorcar", "no"}},
       false,
       false,
       false,
       0},
      {{{"highway", "residential"}, {"vehicle", "no"}}, false, false, false, 0},
  };
  for (const Case& c : cases) expect_case(car, c);
}

TEST(TravelProfile, MaxspeedOnlyLowersTheClassSpeed) {
  const TravelProfile car = TravelProfile::car();
  const Case cases[] = {
      {{{"highway", "primary"}, {"maxspeed", "50"}}, true, true, true, 50},
      {{{"highway", "primary"}, {"maxspeed", "90"}}, true, true, true, kPrimary},
      {{{"highway", "primary"}, {"maxspeed", "30 mph"}}, true, true, true, 30 * 1.609344},
      {{{"highway", "primary"}, {"maxspeed", "FR:urban"}}, true, true, true, 50},
      {{{"highway", "primary"}, {"maxspeed", "FR:rural"}}, true, true, true, kPrimary},
      {{{"highway", "motorway"}, {"maxspeed", "FR:motorway"}}, true, true, false, kMotorway},
      {{{"highway", "living_street"}, {"maxspeed", "walk"}}, true, true, true, 6},
      {{{"highway", "primary"}, {"maxspeed", "none"}}, true, true, true, kPrimary},
      {{{"highway", "primary"}, {"maxspeed", "fast"}}, true, true, true, kPrimary},
      {{{"highway", "primary"}, {"maxspeed", "50 furlongs"}}, true, true, true, kPrimary},
      {{{"highway", "primary"}, {"maxspeed", "0"}}, true, true, true, kPrimary},
      {{{"highway", "primary"}, {"maxspeed", ""}}, true, true, true, kPrimary},
      {{{"highway", "primary"}, {"maxspeed", "30;50"}}, true, true, true, 30},
      {{{"highway", "living_street"}}, true, true, true, kLivingStreet},
  };
  for (const Case& c : cases) expect_case(car, c);
}

TEST(TravelProfile, ParsesMaxspeedForms) {
  EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("50"), 50.0);
  EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("50 km/h"), 50.0);
  EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("20 mph"), 32.18688);
  EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("10 knots"), 18.52);
  EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("FR:urban"), 50.0);
  EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("FR:rural"), 80.0);
  EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("FR:motorway"), 130.0);
  EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("walk"), 6.0);
  EXPECT_FALSE(parse_maxspeed_kmh("none"));
  EXPECT_FALSE(parse_maxspeed_kmh("signals"));
  EXPECT_FALSE(parse_maxspeed_kmh("-30"));
  EXPECT_FALSE(parse_maxspeed_kmh("9999"));
  EXPECT_FALSE(parse_maxspeed_kmh("XX:nowhere"));
}

TEST(TravelProfile, UserOverridesAClassSpeed) {
  TravelProfile car = TravelProfile::car();
  car.set_class_speed_kmh(RoadClass::residential, 20);
  expect_case(car, {{{"highway", "residential"}}, true, true, true, 20});
  car.set_class_speed_kmh(RoadClass::track, 15);
  expect_case(car, {{{"highway", "track"}}, true, true, true, 15});
  car.set_class_speed_kmh(RoadClass::primary, 0);
  expect_case(car, {{{"highway", "primary"}}, false, false, false, 0});
  EXPECT_THROW(car.set_class_speed_kmh(RoadClass::primary, -1), std::invalid_argument);
}

TEST(TravelProfile, UserOverridesAccessValues) {
  TravelProfile car = TravelProfile::car();
  EXPECT_EQ(car.closing_access_values(),
            (std::vector<std::string>{"agricultural", "bus", "delivery", "emergency", "forestry",
                                      "military", "no", "private", "psv"}));
  car.permit_access_value("private");
  car.forbid_access_value("destination");
  car.forbid_access_value("destination");  // twice is once
  const Case cases[] = {
      {{{"highway", "residential"}, {"access", "private"}}, true, true, true, kResidential},
      {{{"highway", "residential"}, {"motorcar", "private"}}, true, true, true, kResidential},
      {{{"highway", "residential"}, {"access", "destination"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"motor_vehicle", "destination"}}, false, false, false, 0},
      // The most specific key still decides.
      {{{"highway", "residential"}, {"access", "destination"}, {"motorcar", "yes"}},
       true,
       true,
       true,
       kResidential},
      {{{"highway", "residential"}, {"access", "yes"}, {"motorcar", "destination"}},
       false,
       false,
       false,
       0},
      // Untouched rules stay.
      {{{"highway", "residential"}, {"access", "agricultural"}}, false, false, false, 0},
      {{{"highway", "residential"}, {"access", "no"}}, false, false, false, 0},
      // Permitting private does not open a class the car avoids.
      {{{"highway", "track"}, {"access", "private"}}, false, false, false, 0},
  };
  for (const Case& c : cases) expect_case(car, c);
  EXPECT_EQ(car.closing_access_values(),
            (std::vector<std::string>{"agricultural", "bus", "delivery", "destination", "emergency",
                                      "forestry", "military", "no", "psv"}));
  EXPECT_THROW(car.permit_access_value("yes"), std::invalid_argument);
  EXPECT_THROW(car.permit_access_value("designated"), std::invalid_argument);
  EXPECT_THROW(car.forbid_access_value("yes"), std::invalid_argument);
  EXPECT_THROW(car.forbid_access_value(""), std::invalid_argument);
  // Other profiles keep their defaults.
  expect_case(TravelProfile::car(),
              {{{"highway", "residential"}, {"access", "private"}}, false, false, false, 0});
}

TEST(TravelProfile, KnownAccessValuesHoldTheClosingOnes) {
  const std::vector<std::string>& known = TravelProfile::known_access_values();
  const TravelProfile car = TravelProfile::car();
  for (const std::string& value : car.closing_access_values()) {
    EXPECT_NE(std::find(known.begin(), known.end(), value), known.end()) << value;
  }
  for (const char* value : {"yes", "destination", "permissive", "designated", "customers"}) {
    EXPECT_NE(std::find(known.begin(), known.end(), value), known.end()) << value;
  }
}

TEST(TravelProfile, LooksUpTagsThroughAnyStore) {
  const std::map<std::string, std::string> store{{"highway", "secondary"}, {"oneway", "-1"}};
  const auto find = [&store](const char* key) -> std::optional<std::string_view> {
    const auto it = store.find(key);
    if (it == store.end()) return std::nullopt;
    return it->second;
  };
  const WayTraversal way = TravelProfile::car().evaluate(TagLookup(find));
  EXPECT_TRUE(way.routable);
  EXPECT_FALSE(way.forward);
  EXPECT_TRUE(way.backward);
  EXPECT_EQ(way.road_class, RoadClass::secondary);
}

TEST(TravelProfile, ByName) {
  EXPECT_TRUE(TravelProfile::by_name("car"));
  EXPECT_EQ(TravelProfile::by_name("car")->name(), "car");
  EXPECT_FALSE(TravelProfile::by_name("hovercraft"));
}

}  // namespace
}  // namespace couverture
