#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "couverture/geodata/road_graph.hpp"

namespace couverture {

// How a mode's speed depends on the slope of the way. The speed on a slope s
// (rise over run, + uphill) is the flat speed times a factor f(s), f(0) = 1.
enum class SlopeModel {
  none,     // car: engines climb at the class speed
  walking,  // Tobler's hiking function
  cycling,  // constant rider power, capped downhill gain
};

// The model of a profile name: "walk" -> walking, "bike" -> cycling,
// anything else (car) -> none.
SlopeModel slope_model_for_profile(std::string_view profile);

// DEM noise (a 30 or 90 m grid interpolated onto 10 m segments, bridges and
// tunnels drawn over valleys and under ridges) makes absurd slopes; real
// ways rarely exceed 40 %, so steeper ones are clamped to ±kMaxSlope.
inline constexpr double kMaxSlope = 0.4;

// Tobler (1993), "Three presentations on geographical analysis and
// modeling": walking speed W(s) = 6·exp(−3.5·|s + 0.05|) km/h, fastest on a
// gentle 5 % descent. Returns W(s) / W(0) for the clamped slope.
double walking_speed_factor(double slope);

// Cycling at a steady power P (the road-cycling power model of Martin et
// al. 1998, J. Applied Biomechanics 14:276–291, without the small kinetic
// and bearing terms): P = v·(m·g·(s + Crr) + ½·ρ·CdA·v²), with P = 150 W (an
// everyday rider), m = 90 kg (rider and bike), Crr = 0.008 (city tyres),
// CdA = 0.6 m² (upright), ρ = 1.2 kg/m³. Returns v(s) / v(0): 2 % up ≈
// 0.70, 5 % up ≈ 0.42, 10 % up ≈ 0.24; never below kMinCyclingFactor (on
// steeper climbs the rider gets off and pushes, 3 km/h from 15 on the flat);
// downhill capped at kMaxCyclingDownhillGain (braking, bends, traffic),
// reached from about 3 % down.
double cycling_speed_factor(double slope);
inline constexpr double kMinCyclingFactor = 0.2;
inline constexpr double kMaxCyclingDownhillGain = 1.5;

// The speed factor of `model` on the clamped slope (1 for none).
double slope_speed_factor(SlopeModel model, double slope);

struct SlopeAdjustment {
  std::size_t arcs_rescaled = 0;
  std::size_t arcs_without_elevation = 0;  // an end has no elevation: kept flat
};

// Rescales the weights of `roads` by the slope of each arc: every arc is one
// OSM segment, slope = (z_head − z_tail) / arc_length_m, weight ← max(1,
// round(weight / factor)). `node_elevation_m` is indexed by NodeId, NaN where
// unknown. Nothing changes for a model `none` (car). Throws
// std::invalid_argument when the elevations do not match the nodes.
SlopeAdjustment apply_slopes(RoadGraph& roads, SlopeModel model,
                             std::span<const double> node_elevation_m);

}  // namespace couverture
