#include "couverture/geodata/slope_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace couverture {

namespace {

// Tobler's constants: W(s) = 6·exp(−3.5·|s + 0.05|) km/h.
constexpr double kToblerDecay = 3.5;
constexpr double kToblerFastestDescent = 0.05;

// The cycling power model's constants (see slope_model.hpp).
constexpr double kRiderPowerW = 150.0;
constexpr double kRiderMassKg = 90.0;
constexpr double kGravity = 9.81;
constexpr double kRollingResistance = 0.008;
constexpr double kDragAreaM2 = 0.6;
constexpr double kAirDensity = 1.2;

double clamp_slope(double slope) { return std::clamp(slope, -kMaxSlope, kMaxSlope); }

double tobler(double slope) {
  return std::exp(-kToblerDecay * std::abs(slope + kToblerFastestDescent));
}

// The speed v > 0 at which P = v·(m·g·(s + Crr) + ½·ρ·CdA·v²). f(v) = a·v³ +
// b·v − P is −P at 0 and has a single positive root (for b < 0 it first
// falls, then rises for good), so bisection between 0 and a speed where f > 0
// converges to it.
double steady_power_speed_ms(double slope) {
  const double a = 0.5 * kAirDensity * kDragAreaM2;
  const double b = kRiderMassKg * kGravity * (slope + kRollingResistance);
  const auto excess = [&](double v) { return a * v * v * v + b * v - kRiderPowerW; };
  double low = 0.0;
  double high = 1.0;
  while (excess(high) < 0.0) high *= 2.0;
  for (int i = 0; i < 100 && high - low > 1e-12; ++i) {
    const double middle = 0.5 * (low + high);
    (excess(middle) < 0.0 ? low : high) = middle;
  }
  return 0.5 * (low + high);
}

}  // namespace

SlopeModel slope_model_for_profile(std::string_view profile) {
  if (profile == "walk") return SlopeModel::walking;
  if (profile == "bike") return SlopeModel::cycling;
  return SlopeModel::none;
}

double walking_speed_factor(double slope) { return tobler(clamp_slope(slope)) / tobler(0.0); }

double cycling_speed_factor(double slope) {
  static const double flat_speed = steady_power_speed_ms(0.0);
  const double factor = steady_power_speed_ms(clamp_slope(slope)) / flat_speed;
  return std::clamp(factor, kMinCyclingFactor, kMaxCyclingDownhillGain);
}

double slope_speed_factor(SlopeModel model, double slope) {
  switch (model) {
    case SlopeModel::walking:
      return walking_speed_factor(slope);
    case SlopeModel::cycling:
      return cycling_speed_factor(slope);
    case SlopeModel::none:
      break;
  }
  return 1.0;
}

SlopeAdjustment apply_slopes(RoadGraph& roads, SlopeModel model,
                             std::span<const double> node_elevation_m) {
  if (node_elevation_m.size() != roads.node_count()) {
    throw std::invalid_argument("apply_slopes: " + std::to_string(node_elevation_m.size()) +
                                " elevations for " + std::to_string(roads.node_count()) + " nodes");
  }
  SlopeAdjustment adjustment;
  if (model == SlopeModel::none) return adjustment;
  CsrGraph& graph = roads.graph;
  for (NodeId tail = 0; tail < roads.node_count(); ++tail) {
    for (ArcId arc = graph.arcs_begin(tail); arc < graph.arcs_end(tail); ++arc) {
      const double rise = node_elevation_m[graph.head[arc]] - node_elevation_m[tail];
      if (std::isnan(rise)) {
        ++adjustment.arcs_without_elevation;
        continue;
      }
      const double length = roads.arc_length_m[arc];
      // Two nodes at one place (a zero-length segment) have no slope.
      if (!(length > 0.0)) continue;
      const double factor = slope_speed_factor(model, rise / length);
      const double weight = std::round(static_cast<double>(graph.weight[arc]) / factor);
      graph.weight[arc] = static_cast<Millis>(
          std::clamp(weight, 1.0, static_cast<double>(std::numeric_limits<Millis>::max() - 1)));
      ++adjustment.arcs_rescaled;
    }
  }
  return adjustment;
}

}  // namespace couverture
