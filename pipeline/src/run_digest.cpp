#include "couverture/pipeline/run_digest.hpp"

#include "couverture/geodata/service_type.hpp"

namespace couverture::pipeline {

const ServiceAccessibility* find_accessibility(const RunOutcome& run,
                                               const std::string& service_type) {
  for (const ServiceAccessibility& s : run.accessibility) {
    if (service_type_key(s.service_type) == service_type_key(service_type)) return &s;
  }
  return nullptr;
}

double total_population(const std::vector<Commune>& communes) {
  double population = 0.0;
  for (const Commune& commune : communes) population += commune.population;
  return population;
}

std::size_t worst_commune(const ServiceCoverage& service) {
  std::size_t worst = 0;
  double worst_key = -1.0;
  for (std::size_t c = 0; c < service.by_commune.size(); ++c) {
    const GroupAccessibility& group = service.by_commune[c];
    if (group.weight <= 0.0) continue;
    const double key = group.reachable_weight < group.weight ? 1e12 : group.mean;
    if (key > worst_key) {
      worst_key = key;
      worst = c;
    }
  }
  return worst;
}

std::vector<ServiceReach> service_reach(const IsochroneOutcome& isochrones) {
  std::vector<ServiceReach> result;
  const std::size_t per_service = isochrones.thresholds_minutes.size();
  if (per_service == 0) return result;
  for (std::size_t start = 0; start + per_service <= isochrones.by_service.size();
       start += per_service) {
    ServiceReach reach{isochrones.by_service[start].service_type, {}, {}};
    for (std::size_t k = 0; k < per_service; ++k) {
      const IsochroneFeature& feature = isochrones.by_service[start + k];
      const bool ring = feature.from_minutes > 0.0;
      reach.inside.push_back((ring ? reach.inside.back() : 0.0) + feature.population);
      reach.within.push_back((ring ? reach.within.back() : 0.0) + feature.population_reached);
    }
    result.push_back(std::move(reach));
  }
  return result;
}

}  // namespace couverture::pipeline
