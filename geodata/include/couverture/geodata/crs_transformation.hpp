#pragma once

#include <span>
#include <string>

#include "couverture/geodata/lon_lat.hpp"

struct PJconsts;
struct pj_ctx;

namespace couverture {

// Converts coordinates between WGS84 (lon/lat degrees, in that order
// whatever the EPSG axis order says) and a projected CRS in metres, such
// as Lambert-93 (EPSG:2154), in batches: one PROJ call per array.
//
// Owns its PROJ context: one object per thread.
class CrsTransformation {
 public:
  // Throws std::invalid_argument when PROJ does not know `crs`, or when it
  // is not a projected CRS with metre axes (a grid of square metric cells
  // cannot be laid in degrees).
  explicit CrsTransformation(const std::string& crs);
  CrsTransformation(CrsTransformation&& other) noexcept;
  CrsTransformation& operator=(CrsTransformation&& other) noexcept;
  CrsTransformation(const CrsTransformation&) = delete;
  CrsTransformation& operator=(const CrsTransformation&) = delete;
  ~CrsTransformation();

  [[nodiscard]] const std::string& crs() const { return crs_; }

  // In place: x/y in the CRS become lon/lat (x = lon, y = lat), and back.
  // Points PROJ cannot convert become +inf.
  void to_wgs84(std::span<double> x, std::span<double> y) const;
  void from_wgs84(std::span<double> x, std::span<double> y) const;

 private:
  void release() noexcept;

  std::string crs_;
  pj_ctx* context_ = nullptr;
  PJconsts* transformation_ = nullptr;
};

}  // namespace couverture
