#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "couverture/algorithms/name_table.hpp"
#include "couverture/geodata/osm_records.hpp"
#include "couverture/geodata/road_class.hpp"

namespace couverture {

// The built-in travel profiles, by the names scenarios ([network] profile),
// `couverture network build --profile` and saved graphs use.
enum class TravelProfileKind { car, walk, bike };
inline constexpr NameTable<TravelProfileKind, 3> kTravelProfileNames = {{
    {TravelProfileKind::car, "car"},
    {TravelProfileKind::walk, "walk"},
    {TravelProfileKind::bike, "bike"},
}};
[[nodiscard]] constexpr std::string_view to_string(TravelProfileKind kind) {
  return name_in(kTravelProfileNames, kind);
}
[[nodiscard]] constexpr std::optional<TravelProfileKind> travel_profile_kind_from(
    std::string_view name) {
  return value_in(kTravelProfileNames, name);
}

// A non-owning view of one way's tags: `tags("key")` is the value, or
// nullopt when the tag is absent. It adapts any tag store (OsmTags, an
// osmium::TagList inside a handler) without copying it. The adapted callable
// must outlive the view, so build it in the call: `evaluate(TagLookup(f))`.
class TagLookup {
 public:
  template <typename Find>
  requires(!std::is_same_v<std::remove_cvref_t<Find>, TagLookup> &&
           std::is_invocable_r_v<std::optional<std::string_view>, const Find&,
                                 const char*>) explicit TagLookup(const Find& find)
      : object_(&find), call_([](const void* object, const char* key) {
          return std::optional<std::string_view>((*static_cast<const Find*>(object))(key));
        }) {}

  std::optional<std::string_view> operator()(const char* key) const { return call_(object_, key); }

 private:
  const void* object_;
  std::optional<std::string_view> (*call_)(const void*, const char*);
};

// The value of `key` in `tags` (first occurrence), or nullopt.
std::optional<std::string_view> find_tag(const OsmTags& tags, std::string_view key);

// How a profile may travel along one OSM way. `forward` is the way's node
// order. A way that is not routable has both directions false and speed 0.
struct WayTraversal {
  bool routable = false;
  bool forward = false;
  bool backward = false;
  double speed_kmh = 0.0;
  RoadClass road_class = RoadClass::other;
};

// A legal `maxspeed` value in km/h, or nullopt when the tag says nothing
// usable ("none", "signals", garbage...). Accepts plain numbers ("50"),
// units ("30 mph", "50 km/h", "10 knots"), "walk" and the country zones
// seen in the shared extracts ("FR:urban", "FR:rural", "CH:motorway"...).
std::optional<double> parse_maxspeed_kmh(std::string_view value);

// A way of travelling (car, walk, bike): a speed per road class, the access
// tags it obeys and how it reads `oneway`.
//
// Speed choice: the class speed is a realistic average (junctions, bends,
// traffic), below the usual legal limit. A `maxspeed` tag can only lower it:
// effective speed = min(class speed, maxspeed). Raising speeds to the legal
// limit would overstate what families actually drive; lowering them honours
// 30 zones, urban limits on primary roads and living streets.
class TravelProfile {
 public:
  // Average car speeds; tracks, paths and pedestrian ways are excluded.
  static TravelProfile car();
  // 4.5 km/h (3 on steps) on every way a pedestrian may use, both ways
  // whatever `oneway` says; motorways and trunks only with foot=yes.
  static TravelProfile walk();
  // 15 km/h on roads and cycleways, slower on shared ways; tracks, paths,
  // footways and pedestrian streets only with bicycle=yes; obeys `oneway`
  // except where cycling against it is allowed.
  static TravelProfile bike();
  static TravelProfile of(TravelProfileKind kind);
  // The built-in profile called `name` (kTravelProfileNames), or nullopt.
  static std::optional<TravelProfile> by_name(std::string_view name);
  // Names accepted by by_name, for error messages.
  static std::vector<std::string> names();

  [[nodiscard]] const std::string& name() const { return name_; }
  // 0 means the profile uses that class only where a tag permits it (see
  // permitted_speed_kmh).
  [[nodiscard]] double class_speed_kmh(RoadClass road_class) const;
  // The speed on a class the profile avoids by default (class speed 0) on
  // a way whose mode key explicitly allows it: trunk + foot=yes for walk,
  // path + bicycle=designated for bike. 0: never, whatever the tags.
  [[nodiscard]] double permitted_speed_kmh(RoadClass road_class) const;
  // A user override; 0 excludes the class, even where a tag permits it.
  // Throws std::invalid_argument for a negative or non-finite speed.
  void set_class_speed_kmh(RoadClass road_class, double speed_kmh);

  // Access values that close a way when the deciding access key carries them
  // (no, private, agricultural, forestry, emergency, psv, bus, military,
  // delivery by default), sorted.
  [[nodiscard]] const std::vector<std::string>& closing_access_values() const {
    return closing_access_values_;
  }
  // User overrides of those rules. permit_access_value("private") lets the
  // profile use private ways (a study of residents' own trips); it does not
  // open a class the profile avoids, which only yes/designated/permissive on
  // the mode's key do. forbid_access_value("destination") closes ways so
  // tagged. Throws std::invalid_argument for an empty value, and for
  // permitting "yes"/"designated"/"permissive" or forbidding "no"
  // (meaningless).
  void permit_access_value(std::string_view value);
  void forbid_access_value(std::string_view value);
  // The access values OSM documents (key:access wiki), for checking and
  // suggesting spellings in user settings.
  static const std::vector<std::string>& known_access_values();

  [[nodiscard]] WayTraversal evaluate(TagLookup tags) const;
  [[nodiscard]] WayTraversal evaluate(const OsmTags& tags) const;

 private:
  std::string name_;
  std::array<double, kRoadClassCount> class_speed_kmh_{};
  std::array<double, kRoadClassCount> permitted_speed_kmh_{};
  // Access keys from the most general to the most specific: the most
  // specific one present decides. Only the last one, the mode's own key
  // (foot, bicycle), can open a class the profile avoids: access=yes on a
  // motorway says nothing about pedestrians.
  std::vector<const char*> access_keys_;
  std::vector<std::string> closing_access_values_;
  // Whether the general `oneway` (and the one-way implied by roundabouts and
  // motorways) binds this mode: not on foot.
  bool obeys_oneway_ = true;
  // The mode's own oneway key (oneway:foot, oneway:bicycle) or null; when
  // present and readable it decides the directions, before `oneway`.
  const char* mode_oneway_key_ = nullptr;
  // cycleway=opposite* marks a one-way street that cyclists may ride both
  // ways (the older tagging of oneway:bicycle=no).
  bool cycleway_opposite_is_contraflow_ = false;
  bool obeys_maxspeed_ = true;
};

}  // namespace couverture
