#pragma once

#include <filesystem>
#include <string>

namespace couverture {

// Stores a QGIS project inside the GeoPackage at `gpkg` (table
// `qgis_projects`, as QGIS 3.22 writes it: the zipped .qgs as hex text), so
// that opening the file as a project shows a readable map at once: the
// layers grouped by service type (facilities above isochrones above any
// travel-time surface above the communes coloured by mean time, each with its
// default style from `layer_styles`), the first service shown (crèches when
// present) and the others off, then a group of the other layers, off. Raster
// tables listed in gpkg_contents as 2D gridded coverages named
// `surface_<service column>` join their service's group. Layers refer to the
// file as "./<its name>": keep the name when moving it. A project of the same
// name is replaced. Throws DataError naming the file on failure.
void store_qgis_project(const std::filesystem::path& gpkg,
                        const std::string& project_name = "couverture");

}  // namespace couverture
