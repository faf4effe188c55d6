#pragma once

// Private: the service types a run GeoPackage describes, and the words the
// report uses for them.

#include <string>
#include <vector>

#include "couverture/geodata/number_text.hpp"
#include "couverture/io/geopackage_reader.hpp"

namespace couverture::report::detail {

struct ServiceView {
  std::string type;         // "eaje"
  std::string stem;         // column stem
  std::string name;         // "EAJE (crèche, micro-crèche)"
  std::string target;       // "0-2"
  std::string public_text;  // "enfants de 0–2 ans" / "children aged 0-2"
  std::string measure;      // equity measure, "travel_time"
  bool has_capacity = false;
};

// The services of the run, from its equity table: crèches first (the CTG
// question), then in the table's order.
[[nodiscard]] std::vector<ServiceView> services_of(const GeoPackageContents& run,
                                                   Language language);

}  // namespace couverture::report::detail
