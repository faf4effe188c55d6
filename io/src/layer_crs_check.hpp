#pragma once

#include <filesystem>
#include <string>

#include "gdal_support.hpp"

namespace couverture::gdal_support {

// Refuses a layer whose coordinates would be misread: a GeoJSON whose
// "crs" member names a CRS PROJ does not know (GDAL then silently reads it
// as WGS84), and a layer said to be in degrees whose extent is not (a
// Lambert-93 GeoJSON without a "crs" member, which GeoJSON reads as WGS84).
// `where` names the file and layer in the message.
void check_layer_crs(GDALDataset& dataset, OGRLayer& layer, const std::filesystem::path& path,
                     const std::string& where);

}  // namespace couverture::gdal_support
