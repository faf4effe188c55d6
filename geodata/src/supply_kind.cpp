#include "couverture/geodata/supply_kind.hpp"

namespace couverture {

namespace {

struct KindNames {
  std::string_view name;
  std::string_view french;
};

constexpr std::array<KindNames, kSupplyKindCount> kNames = {{
    {"assistants_maternels", "assistants maternels"},
    {"home_childcare", "garde à domicile"},
    {"school_2_year_olds", "enfants de 2 ans scolarisés"},
}};

}  // namespace

std::string_view to_string(SupplyKind kind) { return kNames[index_of(kind)].name; }

std::string_view french_label(SupplyKind kind) { return kNames[index_of(kind)].french; }

std::optional<SupplyKind> parse_supply_kind(std::string_view name) {
  for (SupplyKind kind : kSupplyKinds) {
    if (kNames[index_of(kind)].name == name) return kind;
  }
  return std::nullopt;
}

}  // namespace couverture
