#include "couverture/engine/age_structure.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <utility>

#include "couverture/geodata/data_error.hpp"

namespace couverture {
namespace {

Commune commune_of(const std::string& code, const std::string& name, double population) {
  Commune commune;
  commune.code = code;
  commune.name = name;
  commune.population = population;
  commune.population_by_band = {-1, -1, -1, -1, -1};  // must be overwritten
  commune.bands_estimated = false;
  return commune;
}

template <typename... Communes>
std::vector<Commune> list_of(Communes&&... communes) {
  std::vector<Commune> list;
  (list.push_back(std::forward<Communes>(communes)), ...);
  return list;
}

bool mentions(const std::vector<std::string>& warnings, const std::string& text) {
  for (const std::string& warning : warnings) {
    if (warning.find(text) != std::string::npos) return true;
  }
  return false;
}

void expect_bands(const BandPopulation& actual, const BandPopulation& expected) {
  for (std::size_t b = 0; b < kAgeBandCount; ++b) {
    EXPECT_NEAR(actual[b], expected[b], 1e-9) << "band " << b;
  }
}

TEST(AssignAgeBands, WithoutATableEveryCommuneIsEstimatedFromTheShares) {
  std::vector<Commune> communes =
      list_of(commune_of("88383", "Remiremont", 1000), commune_of("88158", "Éloyes", 200));
  std::vector<std::string> warnings;
  const BandShares shares = {0.1, 0.1, 0.2, 0.1, 0.5};
  const AgeStructureReport report = assign_age_bands(communes, nullptr, shares, warnings);
  // 1000 × (0.1, 0.1, 0.2, 0.1, 0.5) and 200 × the same.
  expect_bands(communes[0].population_by_band, {100, 100, 200, 100, 500});
  expect_bands(communes[1].population_by_band, {20, 20, 40, 20, 100});
  EXPECT_TRUE(communes[0].bands_estimated);
  EXPECT_TRUE(communes[1].bands_estimated);
  EXPECT_EQ(report.estimated_communes, (std::vector<std::string>{"88383", "88158"}));
  EXPECT_TRUE(report.rescaled_communes.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "no age table"));
  EXPECT_TRUE(mentions(warnings, "all 2 communes"));
}

TEST(AssignAgeBands, ATableMatchingThePopulationIsTakenAsItIs) {
  std::vector<Commune> communes = list_of(commune_of("88383", "Remiremont", 1000));
  const std::map<std::string, BandPopulation> table = {{"88383", {30, 40, 70, 60, 800}}};
  std::vector<std::string> warnings;
  const AgeStructureReport report =
      assign_age_bands(communes, &table, default_band_shares(), warnings);
  expect_bands(communes[0].population_by_band, {30, 40, 70, 60, 800});
  EXPECT_FALSE(communes[0].bands_estimated);
  EXPECT_TRUE(report.estimated_communes.empty());
  EXPECT_TRUE(report.rescaled_communes.empty());
  EXPECT_TRUE(warnings.empty());
}

TEST(AssignAgeBands, ATableRowIsRescaledToThePopulationWithAWarningBeyondOnePercent) {
  // Row total 1000 for both communes.
  // 88383 has 1050 inhabitants: 5 % more, scale 1.05 -> 31.5, 42, 73.5, 63, 840; warned.
  // 88158 has 1005: 0.5 % more, scale 1.005 -> 30.15, 40.2, 70.35, 60.3, 804; silent.
  std::vector<Commune> communes =
      list_of(commune_of("88383", "Remiremont", 1050), commune_of("88158", "Éloyes", 1005));
  const std::map<std::string, BandPopulation> table = {{"88383", {30, 40, 70, 60, 800}},
                                                       {"88158", {30, 40, 70, 60, 800}}};
  std::vector<std::string> warnings;
  const AgeStructureReport report =
      assign_age_bands(communes, &table, default_band_shares(), warnings);
  expect_bands(communes[0].population_by_band, {31.5, 42, 73.5, 63, 840});
  expect_bands(communes[1].population_by_band, {30.15, 40.2, 70.35, 60.3, 804});
  EXPECT_FALSE(communes[0].bands_estimated);
  EXPECT_FALSE(communes[1].bands_estimated);
  EXPECT_EQ(report.rescaled_communes, std::vector<std::string>{"88383"});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "88383 Remiremont"));
  EXPECT_FALSE(mentions(warnings, "88158"));
}

TEST(AssignAgeBands, ACommuneMissingFromTheTableIsEstimatedAndNamed) {
  std::vector<Commune> communes =
      list_of(commune_of("88383", "Remiremont", 1000), commune_of("88158", "Éloyes", 400));
  const std::map<std::string, BandPopulation> table = {{"88383", {30, 40, 70, 60, 800}}};
  std::vector<std::string> warnings;
  const BandShares shares = {0.05, 0.05, 0.1, 0.1, 0.7};
  const AgeStructureReport report = assign_age_bands(communes, &table, shares, warnings);
  expect_bands(communes[0].population_by_band, {30, 40, 70, 60, 800});
  EXPECT_FALSE(communes[0].bands_estimated);
  // 400 × (0.05, 0.05, 0.1, 0.1, 0.7).
  expect_bands(communes[1].population_by_band, {20, 20, 40, 40, 280});
  EXPECT_TRUE(communes[1].bands_estimated);
  EXPECT_EQ(report.estimated_communes, std::vector<std::string>{"88158"});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "missing from the age table"));
  EXPECT_TRUE(mentions(warnings, "88158 Éloyes"));
  EXPECT_FALSE(mentions(warnings, "88383"));
}

TEST(AssignAgeBands, AnEmptyRowForAnInhabitedCommuneIsEstimated) {
  std::vector<Commune> communes =
      list_of(commune_of("1", "Habitée", 100), commune_of("2", "Vide", 0));
  const std::map<std::string, BandPopulation> table = {{"1", {}}, {"2", {}}};
  std::vector<std::string> warnings;
  const AgeStructureReport report =
      assign_age_bands(communes, &table, {0.2, 0.2, 0.2, 0.2, 0.2}, warnings);
  expect_bands(communes[0].population_by_band, {20, 20, 20, 20, 20});
  EXPECT_TRUE(communes[0].bands_estimated);
  // Nobody in the table and nobody living there: the table agrees.
  expect_bands(communes[1].population_by_band, {0, 0, 0, 0, 0});
  EXPECT_FALSE(communes[1].bands_estimated);
  EXPECT_EQ(report.estimated_communes, std::vector<std::string>{"1"});
  EXPECT_TRUE(mentions(warnings, "1 Habitée"));
}

TEST(AssignAgeBands, EstimatedBandsAddUpToThePopulationEvenWithSharesSlightlyOffOne) {
  // Shares adding up to 1.0000005 are accepted; the bands are scaled back so
  // that they add up to the population itself: 0.2000005 / 1.0000005 of 1e6
  // for adults.
  std::vector<Commune> communes = list_of(commune_of("1", "Grande", 1e6));
  std::vector<std::string> warnings;
  (void)assign_age_bands(communes, nullptr, {0.2, 0.2, 0.2, 0.2, 0.2000005}, warnings);
  EXPECT_NEAR(total_of(communes[0].population_by_band), 1e6, 1e-9);
  EXPECT_NEAR(communes[0].population_by_band[4], 1e6 * 0.2000005 / 1.0000005, 1e-6);
}

TEST(AssignAgeBands, RejectsBadSharesEvenWhenTheTableCoversEveryone) {
  std::vector<Commune> communes = list_of(commune_of("1", "A", 100));
  const std::map<std::string, BandPopulation> table = {{"1", {10, 10, 10, 10, 60}}};
  std::vector<std::string> warnings;
  EXPECT_THROW((void)assign_age_bands(communes, &table, {0.5, 0.5, 0.5, 0, 0}, warnings),
               std::invalid_argument);
}

TEST(AssignAgeBands, RejectsANegativeOrNonFiniteCountNamingTheCommune) {
  std::vector<Commune> communes = list_of(commune_of("88383", "Remiremont", 100));
  std::vector<std::string> warnings;
  for (double bad : {-1.0, std::numeric_limits<double>::infinity()}) {
    const std::map<std::string, BandPopulation> table = {{"88383", {10, bad, 10, 10, 60}}};
    try {
      (void)assign_age_bands(communes, &table, default_band_shares(), warnings);
      ADD_FAILURE() << "no DataError for " << bad;
    } catch (const DataError& error) {
      EXPECT_NE(std::string(error.what()).find("88383"), std::string::npos);
      EXPECT_NE(std::string(error.what()).find("3-5"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace couverture
