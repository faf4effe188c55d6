#include "couverture/pipeline/run_digest.hpp"

#include <gtest/gtest.h>

namespace couverture::pipeline {
namespace {

GroupAccessibility group(double weight, double reachable, double mean) {
  GroupAccessibility g;
  g.weight = weight;
  g.reachable_weight = reachable;
  g.mean = mean;
  return g;
}

TEST(RunDigest, WorstCommuneIsTheSlowestUnlessSomeoneCannotReach) {
  ServiceCoverage service;
  service.by_commune = {group(100, 100, 4.0), group(50, 50, 12.5), group(0, 0, 99.0)};
  EXPECT_EQ(worst_commune(service), 1u);            // the empty commune is skipped
  service.by_commune.push_back(group(10, 9, 1.0));  // one person unreachable
  EXPECT_EQ(worst_commune(service), 3u);
}

IsochroneFeature feature(const std::string& type, double from, double to, double inside,
                         double within) {
  IsochroneFeature f;
  f.service_type = type;
  f.from_minutes = from;
  f.minutes = to;
  f.population = inside;
  f.population_reached = within;
  return f;
}

TEST(RunDigest, RingsAddUpAndBandsStandAsTheyAre) {
  IsochroneOutcome isochrones;
  isochrones.thresholds_minutes = {5, 10};
  isochrones.by_service.push_back(feature("alsh", 0, 5, 100, 98));
  isochrones.by_service.push_back(feature("alsh", 0, 10, 300, 310));
  isochrones.by_service.push_back(feature("eaje", 0, 5, 40, 41));
  isochrones.by_service.push_back(feature("eaje", 5, 10, 60, 58));
  const std::vector<ServiceReach> reach = service_reach(isochrones);
  ASSERT_EQ(reach.size(), 2u);
  EXPECT_EQ(reach[0].service_type, "alsh");
  EXPECT_EQ(reach[0].inside, (std::vector<double>{100, 300}));
  EXPECT_EQ(reach[0].within, (std::vector<double>{98, 310}));
  EXPECT_EQ(reach[1].inside, (std::vector<double>{40, 100}));  // 40 + 60
  EXPECT_EQ(reach[1].within, (std::vector<double>{41, 99}));   // 41 + 58
}

TEST(RunDigest, FindsAServiceWhateverItsSpelling) {
  RunOutcome run;
  run.accessibility.resize(2);
  run.accessibility[0].service_type = "alsh";
  run.accessibility[1].service_type = "EAJE";
  EXPECT_EQ(find_accessibility(run, "eaje"), &run.accessibility[1]);
  EXPECT_EQ(find_accessibility(run, "alsh"), &run.accessibility[0]);
  EXPECT_EQ(find_accessibility(run, "mjc"), nullptr);
}

TEST(RunDigest, TotalPopulationOfTheCommunes) {
  std::vector<Commune> communes(3);
  communes[0].population = 8000;
  communes[1].population = 2500.5;
  EXPECT_DOUBLE_EQ(total_population(communes), 10500.5);
}

}  // namespace
}  // namespace couverture::pipeline
