#pragma once

#include <string>
#include <vector>

#include "couverture/geodata/geos_geometry.hpp"
#include "couverture/geodata/number_text.hpp"
#include "couverture/io/qml_style.hpp"

namespace couverture::report {

// A rectangle in the map's projected CRS (metres).
struct MapExtent {
  double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
};

// The extent of `geometries` (null ones skipped) grown by `margin` of its size.
[[nodiscard]] MapExtent extent_of(const std::vector<GeosGeometry>& geometries, double margin);

// A map drawn as inline SVG from projected geometries (metres, y north):
// layers in the order added, a legend column on the right, a scale bar, a
// north arrow and the data credits. Coordinates are rounded to 0.1 px and
// polygons simplified below half a pixel, so that the same geometries give
// the same text and the file stays small.
class SvgMap {
 public:
  SvgMap(MapExtent extent, double map_width_px, std::string title, Language language);

  void polygon(const GEOSGeometry& geometry, Colour fill, Colour stroke, double stroke_px);
  void outline(const GEOSGeometry& geometry, Colour stroke, double stroke_px, bool dashed);
  // The outer rings of a polygonal geometry only (holes left out).
  void outer_edge(const GEOSGeometry& geometry, Colour stroke, double stroke_px, bool dashed);
  void point(const GEOSGeometry& geometry, double radius_px, Colour fill, Colour stroke);
  // `text` at a point inside `area`, with a white halo.
  void label(const GEOSGeometry& area, const std::string& text);

  void legend_heading(const std::string& text);
  void legend_fill(Colour fill, const std::string& text);
  void legend_line(Colour stroke, bool dashed, const std::string& text);
  void legend_point(Colour fill, Colour stroke, const std::string& text);

  // The whole <svg> element; `credits` is printed under the map.
  [[nodiscard]] std::string svg(const std::string& credits) const;

 private:
  struct Pixel {
    double x, y;
  };
  [[nodiscard]] Pixel to_pixel(double x, double y) const;
  [[nodiscard]] std::string path_data(const GEOSGeometry& geometry, bool close,
                                      bool holes = true) const;
  [[nodiscard]] std::string scale_bar() const;
  [[nodiscard]] std::string north_arrow() const;

  MapExtent extent_;
  double scale_ = 1.0;  // pixels per metre
  double map_width_ = 0.0;
  double map_height_ = 0.0;
  std::string title_;
  Language language_;
  std::string body_;
  std::string labels_;
  std::vector<std::string> legend_;
};

// A Lorenz curve as an inline SVG plot: cumulative population share on x,
// cumulative share of the measure on y, with the line of equality.
[[nodiscard]] std::string lorenz_svg(const std::vector<std::pair<double, double>>& points,
                                     const std::string& title, const std::string& x_label,
                                     const std::string& y_label, Language language);

}  // namespace couverture::report
