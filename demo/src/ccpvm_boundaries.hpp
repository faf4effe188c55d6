#pragma once

#include <string_view>

namespace couverture::synthetic {

// The real boundary of a CCPVM commune (IGN ADMIN EXPRESS-COG 2018,
// simplified; Licence Ouverte / Etalab) as WGS84 WKT, by INSEE code; empty
// for a code outside the CCPVM.
[[nodiscard]] std::string_view ccpvm_commune_boundary_wkt(std::string_view code);

}  // namespace couverture::synthetic
