#include "couverture/geodata/age_band.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace couverture {
namespace {

TEST(AgeBand, NamesFieldNamesAndFrenchLabelsOfEveryBand) {
  const char* names[] = {"0-2", "3-5", "6-11", "12-17", "adults"};
  const char* fields[] = {"age_0_2", "age_3_5", "age_6_11", "age_12_17", "adults"};
  const char* labels[] = {"0–2 ans", "3–5 ans", "6–11 ans", "12–17 ans",
                          "adultes (18 ans et plus)"};
  for (std::size_t b = 0; b < kAgeBandCount; ++b) {
    const AgeBand band = kAgeBands[b];
    EXPECT_EQ(index_of(band), b);
    EXPECT_EQ(to_string(band), names[b]);
    EXPECT_EQ(field_name(band), fields[b]);
    EXPECT_EQ(french_label(band), labels[b]);
  }
}

TEST(AgeBand, ParsesNamesAndFieldNamesBack) {
  for (AgeBand band : kAgeBands) {
    EXPECT_EQ(parse_age_band(to_string(band)), band);
    EXPECT_EQ(parse_age_band(field_name(band)), band);
  }
  EXPECT_EQ(parse_age_band("age_12_17"), AgeBand::age_12_17);
}

TEST(AgeBand, RejectsAnythingElse) {
  EXPECT_EQ(parse_age_band(""), std::nullopt);
  EXPECT_EQ(parse_age_band("all"), std::nullopt);  // a set, not a band
  EXPECT_EQ(parse_age_band("0–2"), std::nullopt);  // en dash: the French label form
  EXPECT_EQ(parse_age_band("0_2"), std::nullopt);
  EXPECT_EQ(parse_age_band("Adults"), std::nullopt);
  EXPECT_EQ(parse_age_band("age_0_3"), std::nullopt);  // INSEE's column, not a band
}

TEST(AgeBandSet, StartsEmptyAndHoldsWhatIsAdded) {
  AgeBandSet set;
  EXPECT_TRUE(set.empty());
  EXPECT_EQ(set.bits(), 0u);
  set.add(AgeBand::age_3_5).add(AgeBand::age_6_11);
  EXPECT_FALSE(set.empty());
  EXPECT_EQ(set.bits(), 0b00110u);
  EXPECT_FALSE(set.contains(AgeBand::age_0_2));
  EXPECT_TRUE(set.contains(AgeBand::age_3_5));
  EXPECT_TRUE(set.contains(AgeBand::age_6_11));
  EXPECT_FALSE(set.contains(AgeBand::age_12_17));
  EXPECT_FALSE(set.contains(AgeBand::adults));
  set.add(AgeBand::age_3_5);  // adding twice changes nothing
  EXPECT_EQ(set.bits(), 0b00110u);
}

TEST(AgeBandSet, AllHoldsEveryBandAndOfHoldsOne) {
  for (AgeBand band : kAgeBands) {
    EXPECT_TRUE(AgeBandSet::all().contains(band));
    const AgeBandSet one = AgeBandSet::of(band);
    for (AgeBand other : kAgeBands) EXPECT_EQ(one.contains(other), other == band);
  }
  EXPECT_EQ(AgeBandSet::all().bits(), 0b11111u);
  AgeBandSet built;
  for (AgeBand band : kAgeBands) built.add(band);
  EXPECT_EQ(built, AgeBandSet::all());
  EXPECT_NE(AgeBandSet::of(AgeBand::age_0_2), AgeBandSet::of(AgeBand::age_3_5));
}

TEST(AgeBandSet, CountsThePeopleOfItsBands) {
  const BandPopulation population = {31, 33, 69, 73, 794};
  EXPECT_DOUBLE_EQ(AgeBandSet::of(AgeBand::age_0_2).count(population), 31);
  // 3-5 + 6-11 = 33 + 69 = 102.
  EXPECT_DOUBLE_EQ(AgeBandSet::of(AgeBand::age_3_5).add(AgeBand::age_6_11).count(population), 102);
  // Everyone: 31 + 33 + 69 + 73 + 794 = 1000.
  EXPECT_DOUBLE_EQ(AgeBandSet::all().count(population), 1000);
  EXPECT_DOUBLE_EQ(AgeBandSet().count(population), 0);
}

TEST(AgeBandSet, NamesForSummariesAndPlanners) {
  EXPECT_EQ(AgeBandSet::of(AgeBand::age_0_2).to_string(), "0-2");
  EXPECT_EQ(AgeBandSet::of(AgeBand::age_3_5).add(AgeBand::age_6_11).to_string(), "3-5+6-11");
  EXPECT_EQ(AgeBandSet::all().to_string(), "all");
  EXPECT_EQ(AgeBandSet().to_string(), "");

  EXPECT_EQ(AgeBandSet::of(AgeBand::age_0_2).french_label(), "enfants de 0–2 ans");
  EXPECT_EQ(AgeBandSet::of(AgeBand::age_3_5).add(AgeBand::age_6_11).french_label(),
            "enfants de 3–5 ans, 6–11 ans");
  EXPECT_EQ(AgeBandSet::all().french_label(), "toute la population");
  EXPECT_EQ(AgeBandSet::of(AgeBand::adults).french_label(), "adultes");
  EXPECT_EQ(AgeBandSet::of(AgeBand::age_12_17).add(AgeBand::adults).french_label(),
            "habitants de 12–17 ans, adultes (18 ans et plus)");
}

TEST(BandShares, DefaultsAreTheDocumentedNationalShares) {
  const BandShares shares = default_band_shares();
  EXPECT_DOUBLE_EQ(shares[index_of(AgeBand::age_0_2)], 0.031);
  EXPECT_DOUBLE_EQ(shares[index_of(AgeBand::age_3_5)], 0.033);
  EXPECT_DOUBLE_EQ(shares[index_of(AgeBand::age_6_11)], 0.069);
  EXPECT_DOUBLE_EQ(shares[index_of(AgeBand::age_12_17)], 0.073);
  EXPECT_DOUBLE_EQ(shares[index_of(AgeBand::adults)], 0.794);
  // 3.1 + 3.3 + 6.9 + 7.3 + 79.4 = 100 %.
  EXPECT_NEAR(shares[0] + shares[1] + shares[2] + shares[3] + shares[4], 1.0, 1e-12);
}

TEST(BandShares, EstimateSplitsATotalByTheShares) {
  // 7388 inhabitants (Remiremont) × (3.1, 3.3, 6.9, 7.3, 79.4) % =
  // 229.028, 243.804, 509.772, 539.324, 5866.072.
  const BandPopulation bands = estimate_bands(7388, default_band_shares());
  EXPECT_NEAR(bands[0], 229.028, 1e-9);
  EXPECT_NEAR(bands[1], 243.804, 1e-9);
  EXPECT_NEAR(bands[2], 509.772, 1e-9);
  EXPECT_NEAR(bands[3], 539.324, 1e-9);
  EXPECT_NEAR(bands[4], 5866.072, 1e-9);
  EXPECT_NEAR(total_of(bands), 7388, 1e-9);
  EXPECT_EQ(estimate_bands(0, default_band_shares()), BandPopulation{});
}

TEST(BandShares, EstimateAcceptsSharesWithinOneMillionthOfOne) {
  EXPECT_NO_THROW((void)estimate_bands(100, {0.2, 0.2, 0.2, 0.2, 0.2000005}));
  const BandPopulation bands = estimate_bands(100, {0, 0, 0, 0, 1});
  EXPECT_DOUBLE_EQ(bands[4], 100);
}

TEST(BandShares, EstimateRejectsBadShares) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW((void)estimate_bands(100, {-0.1, 0.3, 0.2, 0.2, 0.4}), std::invalid_argument);
  EXPECT_THROW((void)estimate_bands(100, {0.1, 0.1, 0.1, 0.1, 0.5}), std::invalid_argument);  // 0.9
  EXPECT_THROW((void)estimate_bands(100, {0.3, 0.3, 0.3, 0.3, 0.3}), std::invalid_argument);  // 1.5
  EXPECT_THROW((void)estimate_bands(100, {0.2, 0.2, 0.2, 0.2, 0.201}), std::invalid_argument);
  EXPECT_THROW((void)estimate_bands(100, {nan, 0.2, 0.2, 0.2, 0.4}), std::invalid_argument);
  EXPECT_THROW((void)estimate_bands(100, {}), std::invalid_argument);  // all zero
}

TEST(BandPopulation, TotalIsTheSumOfTheBands) {
  EXPECT_DOUBLE_EQ(total_of({1.5, 2, 3, 4, 10}), 20.5);
  EXPECT_DOUBLE_EQ(total_of({}), 0);
}

}  // namespace
}  // namespace couverture
