#include "couverture/geodata/travel_profile.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace couverture {

namespace {

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

struct ZoneSpeed {
  std::string_view zone;
  double kmh;
};

// Implicit limits of the countries of the shared extracts and their
// neighbours (OSM wiki "Default speed limits"). Rural France is 80 since 2018
// (some départements went back to 90; 80 is the national default).
constexpr ZoneSpeed kZoneSpeeds[] = {
    {"FR:urban", 50},     {"FR:rural", 80},         {"FR:trunk", 110},       {"FR:motorway", 130},
    {"FR:zone30", 30},    {"CH:urban", 50},         {"CH:rural", 80},        {"CH:trunk", 100},
    {"CH:motorway", 120}, {"LI:urban", 50},         {"LI:rural", 80},        {"AT:urban", 50},
    {"AT:rural", 100},    {"AT:motorway", 130},     {"DE:urban", 50},        {"DE:rural", 100},
    {"DE:zone30", 30},    {"PT:urban", 50},         {"PT:rural", 90},        {"PT:motorway", 120},
    {"ES:urban", 50},     {"ES:rural", 90},         {"ES:motorway", 120},    {"AD:urban", 50},
    {"IT:urban", 50},     {"IT:rural", 90},         {"IT:motorway", 130},    {"BE:urban", 50},
    {"FR:walk", 6},       {"FR:living_street", 20}, {"CH:living_street", 20}};

constexpr double kWalkingPaceKmh = 6.0;
constexpr double kKmPerMile = 1.609344;
constexpr double kKmPerNauticalMile = 1.852;
// Anything faster is a tagging error, not a limit.
constexpr double kMaxPlausibleKmh = 300.0;

bool is_one_of(std::optional<std::string_view> value, std::initializer_list<std::string_view> set) {
  return value && std::find(set.begin(), set.end(), *value) != set.end();
}

// What a `oneway`-style value says about the directions of a way.
enum class Oneway { forward_only, backward_only, both, closed, unstated };

Oneway read_oneway(std::optional<std::string_view> value) {
  if (is_one_of(value, {"yes", "true", "1"})) return Oneway::forward_only;
  if (is_one_of(value, {"-1", "reverse"})) return Oneway::backward_only;
  if (is_one_of(value, {"no", "false", "0"})) return Oneway::both;
  // The open direction changes over the day: no fixed arc is right.
  if (is_one_of(value, {"reversible", "alternating"})) return Oneway::closed;
  return Oneway::unstated;  // absent or unreadable
}

// Walking pace of the walk profile: the same 4.5 km/h the coverage analysis
// uses for the walk between a point and its road, so that both agree.
constexpr double kWalkKmh = 4.5;
// Steps are climbed, not walked: about two thirds of the pace.
constexpr double kStepsKmh = 3.0;
// An everyday cyclist's average on roads and cycleways (stops, junctions and
// hills included); a sport rider is faster, a family slower.
constexpr double kBikeKmh = 15.0;
// Service roads (driveways, car park aisles): manoeuvres and pedestrians.
constexpr double kBikeServiceKmh = 12.0;
// Ways shared with walkers (living streets, tracks, paths): slower.
constexpr double kBikeSharedKmh = 10.0;
// Pedestrian streets and footways open to bicycles: among pedestrians.
constexpr double kBikeAmongPedestriansKmh = 8.0;

// Access values that close a way to every built-in profile: the way is
// reserved to someone else (owners, farmers, buses, deliveries...).
const std::vector<std::string> kClosingAccessValues = {
    "agricultural", "bus", "delivery", "emergency", "forestry", "military", "no", "private", "psv"};

// Values that say a way is open to the mode: permitting them is meaningless.
constexpr std::string_view kOpeningAccessValues[] = {"yes", "designated", "permissive"};

// The values documented on the OSM wiki (Key:access), "unknown" included.
const std::vector<std::string> kKnownAccessValues = {
    "agricultural", "bus",         "customers",    "delivery",  "designated",
    "destination",  "discouraged", "dismount",     "emergency", "forestry",
    "military",     "no",          "permissive",   "permit",    "private",
    "psv",          "unknown",     "use_sidepath", "yes"};

}  // namespace

std::optional<std::string_view> find_tag(const OsmTags& tags, std::string_view key) {
  for (const auto& [k, v] : tags) {
    if (k == key) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<double> parse_maxspeed_kmh(std::string_view value) {
  // "50;30" lists conditional or lane limits; the first is the main one.
  value = trim(value.substr(0, value.find(';')));
  if (value == "walk") return kWalkingPaceKmh;
  for (const ZoneSpeed& zone : kZoneSpeeds) {
    if (zone.zone == value) return zone.kmh;
  }
  double number = 0.0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end == value.data()) return std::nullopt;
  const std::string_view unit = trim(value.substr(static_cast<std::size_t>(end - value.data())));
  double kmh = 0.0;
  if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph") {
    kmh = number;
  } else if (unit == "mph") {
    kmh = number * kKmPerMile;
  } else if (unit == "knots") {
    kmh = number * kKmPerNauticalMile;
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(kmh) || kmh <= 0.0 || kmh > kMaxPlausibleKmh) return std::nullopt;
  return kmh;
}

TravelProfile TravelProfile::car() {
  TravelProfile profile;
  profile.name_ = "car";
  const auto set = [&](RoadClass road_class, double kmh) {
    profile.class_speed_kmh_[static_cast<std::size_t>(road_class)] = kmh;
  };
  set(RoadClass::motorway, 110);
  set(RoadClass::motorway_link, 60);
  set(RoadClass::trunk, 90);
  set(RoadClass::trunk_link, 50);
  set(RoadClass::primary, 70);
  set(RoadClass::primary_link, 45);
  set(RoadClass::secondary, 60);
  set(RoadClass::secondary_link, 40);
  set(RoadClass::tertiary, 50);
  set(RoadClass::tertiary_link, 35);
  set(RoadClass::unclassified, 40);
  set(RoadClass::residential, 30);
  set(RoadClass::living_street, 10);
  set(RoadClass::service, 15);
  profile.access_keys_ = {"access", "vehicle", "motor_vehicle", "motorcar"};
  profile.closing_access_values_ = kClosingAccessValues;
  return profile;
}

TravelProfile TravelProfile::walk() {
  TravelProfile profile;
  profile.name_ = "walk";
  for (const RoadClass road_class :
       {RoadClass::primary, RoadClass::primary_link, RoadClass::secondary,
        RoadClass::secondary_link, RoadClass::tertiary, RoadClass::tertiary_link,
        RoadClass::unclassified, RoadClass::residential, RoadClass::living_street,
        RoadClass::service, RoadClass::track, RoadClass::pedestrian, RoadClass::footway,
        RoadClass::path, RoadClass::cycleway}) {
    profile.class_speed_kmh_[static_cast<std::size_t>(road_class)] = kWalkKmh;
  }
  profile.class_speed_kmh_[static_cast<std::size_t>(RoadClass::steps)] = kStepsKmh;
  // Motorways and trunks are closed to pedestrians unless signed otherwise.
  for (const RoadClass road_class :
       {RoadClass::motorway, RoadClass::motorway_link, RoadClass::trunk, RoadClass::trunk_link}) {
    profile.permitted_speed_kmh_[static_cast<std::size_t>(road_class)] = kWalkKmh;
  }
  // vehicle, motor_vehicle... restrict vehicles, not people on foot.
  profile.access_keys_ = {"access", "foot"};
  profile.closing_access_values_ = kClosingAccessValues;
  // One-way streets bind vehicles; a pedestrian walks both ways, except on
  // the rare way tagged oneway:foot (one-way passages, turnstile exits).
  profile.obeys_oneway_ = false;
  profile.mode_oneway_key_ = "oneway:foot";
  // Speed limits bind vehicles; the walking pace is far below any of them.
  profile.obeys_maxspeed_ = false;
  return profile;
}

TravelProfile TravelProfile::bike() {
  TravelProfile profile;
  profile.name_ = "bike";
  const auto set = [&](RoadClass road_class, double kmh) {
    profile.class_speed_kmh_[static_cast<std::size_t>(road_class)] = kmh;
  };
  const auto permit = [&](RoadClass road_class, double kmh) {
    profile.permitted_speed_kmh_[static_cast<std::size_t>(road_class)] = kmh;
  };
  for (const RoadClass road_class :
       {RoadClass::primary, RoadClass::primary_link, RoadClass::secondary,
        RoadClass::secondary_link, RoadClass::tertiary, RoadClass::tertiary_link,
        RoadClass::unclassified, RoadClass::residential, RoadClass::cycleway}) {
    set(road_class, kBikeKmh);
  }
  // Service roads lead to the buildings and car parks that cars reach too.
  set(RoadClass::service, kBikeServiceKmh);
  set(RoadClass::living_street, kBikeSharedKmh);
  // Closed to cyclists unless signed otherwise (bicycle=yes/designated).
  for (const RoadClass road_class :
       {RoadClass::motorway, RoadClass::motorway_link, RoadClass::trunk, RoadClass::trunk_link}) {
    permit(road_class, kBikeKmh);
  }
  // Tracks and paths may be rough or forbidden; footways and pedestrian
  // streets belong to walkers: only where a bicycle tag opens them.
  permit(RoadClass::track, kBikeSharedKmh);
  permit(RoadClass::path, kBikeSharedKmh);
  permit(RoadClass::pedestrian, kBikeAmongPedestriansKmh);
  permit(RoadClass::footway, kBikeAmongPedestriansKmh);
  // Steps stay closed: a bicycle is carried there, not ridden.
  // motor_vehicle and motorcar restrict engines, not bicycles.
  profile.access_keys_ = {"access", "vehicle", "bicycle"};
  profile.closing_access_values_ = kClosingAccessValues;
  profile.mode_oneway_key_ = "oneway:bicycle";
  profile.cycleway_opposite_is_contraflow_ = true;
  // A speed limit binds every vehicle, bicycles included; min(class, limit)
  // only bites below 15 km/h (maxspeed=walk or 10 on living streets).
  profile.obeys_maxspeed_ = true;
  return profile;
}

TravelProfile TravelProfile::of(TravelProfileKind kind) {
  switch (kind) {
    case TravelProfileKind::walk:
      return walk();
    case TravelProfileKind::bike:
      return bike();
    case TravelProfileKind::car:
      break;
  }
  return car();
}

std::optional<TravelProfile> TravelProfile::by_name(std::string_view name) {
  const std::optional<TravelProfileKind> kind = travel_profile_kind_from(name);
  if (!kind) return std::nullopt;
  return of(*kind);
}

std::vector<std::string> TravelProfile::names() { return names_in(kTravelProfileNames); }

double TravelProfile::class_speed_kmh(RoadClass road_class) const {
  return class_speed_kmh_[static_cast<std::size_t>(road_class)];
}

double TravelProfile::permitted_speed_kmh(RoadClass road_class) const {
  return permitted_speed_kmh_[static_cast<std::size_t>(road_class)];
}

void TravelProfile::set_class_speed_kmh(RoadClass road_class, double speed_kmh) {
  if (!std::isfinite(speed_kmh) || speed_kmh < 0.0) {
    throw std::invalid_argument("speed for " + std::string(to_string(road_class)) +
                                " must be a finite number of km/h, at least 0");
  }
  class_speed_kmh_[static_cast<std::size_t>(road_class)] = speed_kmh;
  if (speed_kmh <= 0.0) permitted_speed_kmh_[static_cast<std::size_t>(road_class)] = 0.0;
}

void TravelProfile::permit_access_value(std::string_view value) {
  if (value.empty()) throw std::invalid_argument("an access value to permit cannot be empty");
  if (std::find(std::begin(kOpeningAccessValues), std::end(kOpeningAccessValues), value) !=
      std::end(kOpeningAccessValues)) {
    throw std::invalid_argument("access value '" + std::string(value) +
                                "' already opens a way; permit only a closing value");
  }
  std::erase(closing_access_values_, value);
}

void TravelProfile::forbid_access_value(std::string_view value) {
  if (value.empty()) throw std::invalid_argument("an access value to forbid cannot be empty");
  if (value == "yes") {
    throw std::invalid_argument("forbidding access 'yes' would close every way signed open");
  }
  const auto at =
      std::lower_bound(closing_access_values_.begin(), closing_access_values_.end(), value);
  if (at == closing_access_values_.end() || *at != value) {
    closing_access_values_.insert(at, std::string(value));
  }
}

const std::vector<std::string>& TravelProfile::known_access_values() { return kKnownAccessValues; }

WayTraversal TravelProfile::evaluate(TagLookup tags) const {
  WayTraversal result;
  const std::optional<std::string_view> highway = tags("highway");
  if (!highway) return result;
  // construction, proposed, abandoned, platform... have no class.
  const std::optional<RoadClass> road_class = road_class_from_highway(*highway);
  if (!road_class) return result;
  result.road_class = *road_class;
  double speed = class_speed_kmh(*road_class);
  if (speed <= 0.0 && permitted_speed_kmh(*road_class) <= 0.0) return result;
  // A closed way tagged area=yes is a square or a car park outline.
  if (tags("area") == "yes") return result;

  bool permitted = false;
  for (auto key = access_keys_.rbegin(); key != access_keys_.rend(); ++key) {
    const std::optional<std::string_view> access = tags(*key);
    if (!access) continue;
    if (std::binary_search(closing_access_values_.begin(), closing_access_values_.end(), *access)) {
      return result;
    }
    permitted =
        key == access_keys_.rbegin() && is_one_of(access, {"yes", "designated", "permissive"});
    break;
  }
  if (speed <= 0.0) {
    if (!permitted) return result;
    speed = permitted_speed_kmh(*road_class);
  }

  Oneway oneway = Oneway::unstated;
  if (mode_oneway_key_ != nullptr) oneway = read_oneway(tags(mode_oneway_key_));
  if (oneway == Oneway::unstated && cycleway_opposite_is_contraflow_) {
    const std::optional<std::string_view> cycleway = tags("cycleway");
    if (cycleway && cycleway->starts_with("opposite")) oneway = Oneway::both;
  }
  if (oneway == Oneway::unstated && obeys_oneway_) {
    oneway = read_oneway(tags("oneway"));
    // Absent (or unreadable): roundabouts and motorways are one-way by
    // definition, everything else two-way.
    if (oneway == Oneway::unstated && (is_one_of(tags("junction"), {"roundabout", "circular"}) ||
                                       *road_class == RoadClass::motorway)) {
      oneway = Oneway::forward_only;
    }
  }
  if (oneway == Oneway::closed) return result;

  if (obeys_maxspeed_) {
    if (const std::optional<std::string_view> maxspeed = tags("maxspeed")) {
      if (const std::optional<double> limit = parse_maxspeed_kmh(*maxspeed)) {
        speed = std::min(speed, *limit);
      }
    }
  }

  result.routable = true;
  result.forward = oneway != Oneway::backward_only;
  result.backward = oneway != Oneway::forward_only;
  result.speed_kmh = speed;
  return result;
}

WayTraversal TravelProfile::evaluate(const OsmTags& tags) const {
  const auto find = [&tags](const char* key) { return find_tag(tags, key); };
  return evaluate(TagLookup(find));
}

}  // namespace couverture
