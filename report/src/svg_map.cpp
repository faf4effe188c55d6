#include "couverture/report/svg_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "couverture/report/html_text.hpp"
#include "couverture/report/style_classes.hpp"

namespace couverture::report {

namespace {

constexpr double kPadding = 12.0;       // around the map
constexpr double kLegendWidth = 250.0;  // the column on the right
constexpr double kLegendRow = 19.0;
constexpr double kCreditsHeight = 30.0;

std::string fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::round(value * 10.0) / 10.0 + 0.0);
  return text;
}

// Walks the coordinates of every ring or line of a geometry.
template <typename Visit>
void for_each_sequence(GEOSContextHandle_t context, const GEOSGeometry* geometry, bool with_holes,
                       Visit visit) {
  const int type = GEOSGeomTypeId_r(context, geometry);
  switch (type) {
    case GEOS_POLYGON: {
      visit(GEOSGeom_getCoordSeq_r(context, GEOSGetExteriorRing_r(context, geometry)));
      const int holes = with_holes ? GEOSGetNumInteriorRings_r(context, geometry) : 0;
      for (int i = 0; i < holes; ++i) {
        visit(GEOSGeom_getCoordSeq_r(context, GEOSGetInteriorRingN_r(context, geometry, i)));
      }
      break;
    }
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
    case GEOS_POINT:
      visit(GEOSGeom_getCoordSeq_r(context, geometry));
      break;
    default: {
      const int parts = GEOSGetNumGeometries_r(context, geometry);
      for (int i = 0; i < parts; ++i) {
        for_each_sequence(context, GEOSGetGeometryN_r(context, geometry, i), with_holes, visit);
      }
    }
  }
}

// The first "nice" length (1, 2 or 5 × 10^k metres) at most `most` metres.
double nice_length(double most) {
  double best = 100.0;
  for (double power = 100.0; power <= 1e6; power *= 10.0) {
    for (double step : {1.0, 2.0, 5.0}) {
      if (step * power <= most) best = step * power;
    }
  }
  return best;
}

}  // namespace

MapExtent extent_of(const std::vector<GeosGeometry>& geometries, double margin) {
  GEOSContextHandle_t context = geos_context();
  MapExtent e{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
              std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
  for (const GeosGeometry& geometry : geometries) {
    if (!geometry || GEOSisEmpty_r(context, geometry.get())) continue;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    GEOSGeom_getXMin_r(context, geometry.get(), &x0);
    GEOSGeom_getYMin_r(context, geometry.get(), &y0);
    GEOSGeom_getXMax_r(context, geometry.get(), &x1);
    GEOSGeom_getYMax_r(context, geometry.get(), &y1);
    e = {std::min(e.min_x, x0), std::min(e.min_y, y0), std::max(e.max_x, x1),
         std::max(e.max_y, y1)};
  }
  if (e.min_x > e.max_x) return {0.0, 0.0, 1000.0, 1000.0};
  const double grow = margin * std::max(e.max_x - e.min_x, e.max_y - e.min_y);
  return {e.min_x - grow, e.min_y - grow, e.max_x + grow, e.max_y + grow};
}

SvgMap::SvgMap(MapExtent extent, double map_width_px, std::string title, Language language)
    : extent_(extent), map_width_(map_width_px), title_(std::move(title)), language_(language) {
  const double width_m = std::max(extent.max_x - extent.min_x, 1.0);
  const double height_m = std::max(extent.max_y - extent.min_y, 1.0);
  scale_ = map_width_ / width_m;
  map_height_ = height_m * scale_;
}

SvgMap::Pixel SvgMap::to_pixel(double x, double y) const {
  return {kPadding + (x - extent_.min_x) * scale_, kPadding + (extent_.max_y - y) * scale_};
}

std::string SvgMap::path_data(const GEOSGeometry& geometry, bool close, bool holes) const {
  GEOSContextHandle_t context = geos_context();
  // Half a pixel of simplification keeps every visible detail.
  GeosGeometry simple(GEOSTopologyPreserveSimplify_r(context, &geometry, 0.5 / scale_));
  const GEOSGeometry* drawn = simple ? simple.get() : &geometry;
  std::string data;
  for_each_sequence(context, drawn, holes, [&](const GEOSCoordSequence* sequence) {
    unsigned int size = 0;
    GEOSCoordSeq_getSize_r(context, sequence, &size);
    for (unsigned int i = 0; i < size; ++i) {
      double x = 0, y = 0;
      GEOSCoordSeq_getXY_r(context, sequence, i, &x, &y);
      const Pixel p = to_pixel(x, y);
      data += (i == 0 ? "M" : "L") + fixed(p.x) + " " + fixed(p.y);
    }
    if (close && size > 0) data += "Z";
  });
  return data;
}

void SvgMap::polygon(const GEOSGeometry& geometry, Colour fill, Colour stroke, double stroke_px) {
  body_ += "<path d=\"" + path_data(geometry, true) + "\" fill=\"" + css_colour(fill) +
           "\" fill-rule=\"evenodd\" stroke=\"" + css_colour(stroke) + "\" stroke-width=\"" +
           fixed(stroke_px) + "\"/>\n";
}

void SvgMap::outline(const GEOSGeometry& geometry, Colour stroke, double stroke_px, bool dashed) {
  const int type = GEOSGeomTypeId_r(geos_context(), &geometry);
  const bool closed = type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
  body_ += "<path d=\"" + path_data(geometry, closed) + "\" fill=\"none\" stroke=\"" +
           css_colour(stroke) + "\" stroke-width=\"" + fixed(stroke_px) + "\"" +
           (dashed ? " stroke-dasharray=\"5 3\"" : "") + " stroke-linejoin=\"round\"/>\n";
}

void SvgMap::outer_edge(const GEOSGeometry& geometry, Colour stroke, double stroke_px,
                        bool dashed) {
  body_ += "<path d=\"" + path_data(geometry, true, false) + "\" fill=\"none\" stroke=\"" +
           css_colour(stroke) + "\" stroke-width=\"" + fixed(stroke_px) + "\"" +
           (dashed ? " stroke-dasharray=\"5 3\"" : "") + " stroke-linejoin=\"round\"/>\n";
}

void SvgMap::point(const GEOSGeometry& geometry, double radius_px, Colour fill, Colour stroke) {
  double x = 0, y = 0;
  if (GEOSGeomGetX_r(geos_context(), &geometry, &x) != 1 ||
      GEOSGeomGetY_r(geos_context(), &geometry, &y) != 1) {
    return;
  }
  const Pixel p = to_pixel(x, y);
  body_ += "<circle cx=\"" + fixed(p.x) + "\" cy=\"" + fixed(p.y) + "\" r=\"" + fixed(radius_px) +
           "\" fill=\"" + css_colour(fill) + "\" stroke=\"" + css_colour(stroke) +
           "\" stroke-width=\"1.2\"/>\n";
}

void SvgMap::label(const GEOSGeometry& area, const std::string& text) {
  GeosGeometry inside(GEOSPointOnSurface_r(geos_context(), &area));
  double x = 0, y = 0;
  if (!inside || GEOSGeomGetX_r(geos_context(), inside.get(), &x) != 1 ||
      GEOSGeomGetY_r(geos_context(), inside.get(), &y) != 1) {
    return;
  }
  const Pixel p = to_pixel(x, y);
  labels_ += "<text x=\"" + fixed(p.x) + "\" y=\"" + fixed(p.y) +
             "\" class=\"map-label\" text-anchor=\"middle\">" + escape_html(text) + "</text>\n";
}

void SvgMap::legend_heading(const std::string& text) {
  legend_.push_back("<text class=\"legend-heading\">" + escape_html(text) + "</text>");
}

void SvgMap::legend_fill(Colour fill, const std::string& text) {
  legend_.push_back("<rect width=\"18\" height=\"12\" y=\"-10\" fill=\"" + css_colour(fill) +
                    "\" stroke=\"#555\" stroke-width=\"0.6\"/><text x=\"26\">" + escape_html(text) +
                    "</text>");
}

void SvgMap::legend_line(Colour stroke, bool dashed, const std::string& text) {
  legend_.push_back("<line x1=\"0\" x2=\"18\" y1=\"-4\" y2=\"-4\" stroke=\"" + css_colour(stroke) +
                    "\" stroke-width=\"2\"" + (dashed ? " stroke-dasharray=\"5 3\"" : "") +
                    "/><text x=\"26\">" + escape_html(text) + "</text>");
}

void SvgMap::legend_point(Colour fill, Colour stroke, const std::string& text) {
  legend_.push_back("<circle cx=\"9\" cy=\"-4\" r=\"5\" fill=\"" + css_colour(fill) +
                    "\" stroke=\"" + css_colour(stroke) +
                    "\" stroke-width=\"1.2\"/><text x=\"26\">" + escape_html(text) + "</text>");
}

std::string SvgMap::scale_bar() const {
  const double length_m = nice_length(0.25 * map_width_ / scale_);
  const double length_px = length_m * scale_;
  const double x = kPadding + 10.0;
  const double y = kPadding + map_height_ - 16.0;
  const std::string km =
      length_m >= 1000.0
          ? format_number(length_m / 1000.0, 0, language_) + std::string(kNoBreakSpace) + "km"
          : format_number(length_m, 0, language_) + std::string(kNoBreakSpace) + "m";
  std::string out = "<g class=\"scale-bar\">";
  out += "<rect x=\"" + fixed(x - 4) + "\" y=\"" + fixed(y - 14) + "\" width=\"" +
         fixed(length_px + 8) + "\" height=\"26\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>";
  out += "<rect x=\"" + fixed(x) + "\" y=\"" + fixed(y) + "\" width=\"" + fixed(length_px / 2) +
         "\" height=\"5\" fill=\"#222\"/>";
  out += "<rect x=\"" + fixed(x + length_px / 2) + "\" y=\"" + fixed(y) + "\" width=\"" +
         fixed(length_px / 2) +
         "\" height=\"5\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"0.8\"/>";
  out += "<text x=\"" + fixed(x) + "\" y=\"" + fixed(y - 3) + "\">0</text>";
  out += "<text x=\"" + fixed(x + length_px) + "\" y=\"" + fixed(y - 3) +
         "\" text-anchor=\"end\">" + km + "</text></g>\n";
  return out;
}

std::string SvgMap::north_arrow() const {
  const double x = kPadding + map_width_ - 22.0;
  const double y = kPadding + 12.0;
  return "<g class=\"north-arrow\"><path d=\"M" + fixed(x) + " " + fixed(y) + "L" + fixed(x + 8) +
         " " + fixed(y + 24) + "L" + fixed(x) + " " + fixed(y + 18) + "L" + fixed(x - 8) + " " +
         fixed(y + 24) + "Z\" fill=\"#222\"/><text x=\"" + fixed(x) + "\" y=\"" + fixed(y + 38) +
         "\" text-anchor=\"middle\" font-weight=\"bold\">N</text></g>\n";
}

std::string SvgMap::svg(const std::string& credits) const {
  const double width = kPadding * 2 + map_width_ + kLegendWidth;
  const double legend_height = static_cast<double>(legend_.size()) * kLegendRow + 20.0;
  const double content_height = std::max(map_height_, legend_height);
  const double height = kPadding * 2 + content_height + kCreditsHeight;
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 " << fixed(width)
      << " " << fixed(height) << "\" role=\"img\" aria-label=\"" << escape_html(title_)
      << "\">\n<title>" << escape_html(title_) << "</title>\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
      << "<rect x=\"" << fixed(kPadding) << "\" y=\"" << fixed(kPadding) << "\" width=\""
      << fixed(map_width_) << "\" height=\"" << fixed(map_height_)
      << "\" fill=\"#f4f6f8\" stroke=\"#999\" stroke-width=\"0.6\"/>\n"
      << "<g class=\"layers\">\n"
      << body_ << "</g>\n<g class=\"labels\">\n"
      << labels_ << "</g>\n"
      << scale_bar() << north_arrow();
  const double legend_x = kPadding * 2 + map_width_;
  out << "<g class=\"legend\" transform=\"translate(" << fixed(legend_x) << " "
      << fixed(kPadding + 14) << ")\">\n";
  for (std::size_t i = 0; i < legend_.size(); ++i) {
    out << "<g transform=\"translate(0 " << fixed(static_cast<double>(i) * kLegendRow) << ")\">"
        << legend_[i] << "</g>\n";
  }
  // The credits on two lines at most, cut between words.
  std::string first = credits;
  std::string second;
  constexpr std::size_t kLine = 140;
  if (credits.size() > kLine) {
    const auto cut = credits.rfind(' ', kLine);
    first = credits.substr(0, cut == std::string::npos ? kLine : cut);
    second = credits.substr(first.size());
  }
  out << "</g>\n<text class=\"credits\" x=\"" << fixed(kPadding) << "\" y=\""
      << fixed(kPadding * 2 + content_height + 10) << "\">" << escape_html(first) << "</text>\n";
  if (!second.empty()) {
    out << "<text class=\"credits\" x=\"" << fixed(kPadding) << "\" y=\""
        << fixed(kPadding * 2 + content_height + 21) << "\">" << escape_html(second) << "</text>\n";
  }
  out << "</svg>\n";
  return out.str();
}

std::string lorenz_svg(const std::vector<std::pair<double, double>>& points,
                       const std::string& title, const std::string& x_label,
                       const std::string& y_label, Language language) {
  constexpr double kLeft = 58.0, kTop = 16.0, kSize = 260.0;
  const auto px = [&](double share) { return kLeft + share * kSize; };
  const auto py = [&](double share) { return kTop + (1.0 - share) * kSize; };
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" viewBox=\"0 0 340 330\""
      << " role=\"img\" aria-label=\"" << escape_html(title) << "\">\n<title>" << escape_html(title)
      << "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
  for (int tick = 0; tick <= 4; ++tick) {
    const double share = tick / 4.0;
    const std::string label = format_percent(100.0 * share, 0, language);
    out << "<line x1=\"" << fixed(px(share)) << "\" x2=\"" << fixed(px(share)) << "\" y1=\""
        << fixed(py(0)) << "\" y2=\"" << fixed(py(1)) << "\" stroke=\"#e3e3e3\"/>"
        << "<line y1=\"" << fixed(py(share)) << "\" y2=\"" << fixed(py(share)) << "\" x1=\""
        << fixed(px(0)) << "\" x2=\"" << fixed(px(1)) << "\" stroke=\"#e3e3e3\"/>"
        << "<text x=\"" << fixed(px(share)) << "\" y=\"" << fixed(py(0) + 14)
        << "\" text-anchor=\"middle\">" << label << "</text>"
        << "<text x=\"" << fixed(px(0) - 5) << "\" y=\"" << fixed(py(share) + 4)
        << "\" text-anchor=\"end\">" << label << "</text>\n";
  }
  out << "<rect x=\"" << fixed(px(0)) << "\" y=\"" << fixed(py(1)) << "\" width=\"" << kSize
      << "\" height=\"" << kSize << "\" fill=\"none\" stroke=\"#555\"/>\n"
      << "<line x1=\"" << fixed(px(0)) << "\" y1=\"" << fixed(py(0)) << "\" x2=\"" << fixed(px(1))
      << "\" y2=\"" << fixed(py(1)) << "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n";
  std::string line = fixed(px(0)) + "," + fixed(py(0));
  for (const auto& [x, y] : points) line += " " + fixed(px(x)) + "," + fixed(py(y));
  out << "<polygon points=\"" << line << " " << fixed(px(1)) << "," << fixed(py(0))
      << "\" fill=\"#2b83ba\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
      << "<polyline points=\"" << line
      << "\" fill=\"none\" stroke=\"#2b83ba\" stroke-width=\"2.2\"/>\n"
      << "<text x=\"" << fixed(px(0.5)) << "\" y=\"" << fixed(py(0) + 32)
      << "\" text-anchor=\"middle\">" << escape_html(x_label) << "</text>\n"
      << "<text transform=\"translate(14 " << fixed(py(0.5)) << ") rotate(-90)\""
      << " text-anchor=\"middle\">" << escape_html(y_label) << "</text>\n</svg>\n";
  return out.str();
}

}  // namespace couverture::report
