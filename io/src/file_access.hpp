#pragma once

#include <filesystem>

namespace couverture {

// Throws DataError naming `file` when this process cannot open it for
// reading (no permission, say); libosmium and GDAL would report such a file
// as damaged or missing, which sends the user to download it again.
void require_openable(const std::filesystem::path& file);

}  // namespace couverture
