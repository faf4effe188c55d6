#include "report_services.hpp"

#include <algorithm>
#include <sstream>

#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/service_type.hpp"
#include "report_tables.hpp"

namespace couverture::report::detail {

namespace {

AgeBandSet parse_target(const std::string& text) {
  if (text == "all") return AgeBandSet::all();
  AgeBandSet set;
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, '+');) {
    if (const auto band = parse_age_band(part)) set.add(*band);
  }
  return set;
}

std::string public_text(const std::string& target, Language language) {
  const AgeBandSet set = parse_target(target);
  if (language == Language::fr) return set.french_label();
  if (target == "all") return "inhabitants";
  if (target == "adults") return "adults";
  return "children aged " + target;
}

}  // namespace

std::vector<ServiceView> services_of(const GeoPackageContents& run, Language language) {
  std::vector<ServiceView> services;
  const GeoTable* equity = run.find("equity");
  const GeoTable* communes = run.find("communes");
  if (equity == nullptr || communes == nullptr) return services;
  for (std::size_t row = 0; row < equity->row_count(); ++row) {
    ServiceView s;
    s.type = text_at(*equity, "service_type", row);
    s.stem = service_column(s.type);
    s.name = default_service_info(s.type).french_name;
    s.target = text_at(*equity, "target", row);
    s.public_text = public_text(s.target, language);
    s.measure = text_at(*equity, "measure", row);
    s.has_capacity = communes->column(s.stem + "_rate_e2sfca") != nullptr;
    services.push_back(std::move(s));
  }
  std::stable_partition(services.begin(), services.end(),
                        [](const ServiceView& s) { return service_type_key(s.type) == "eaje"; });
  return services;
}

}  // namespace couverture::report::detail
