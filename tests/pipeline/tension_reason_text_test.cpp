#include "couverture/pipeline/tension_reason_text.hpp"

#include <gtest/gtest.h>

namespace couverture::pipeline {
namespace {

TEST(TensionReasonText, WordsEachCauseAsTheFilesAlwaysHad) {
  TensionCauses none;
  EXPECT_EQ(tension_reason_text(none), "");

  TensionCauses unreachable;
  unreachable.unreachable_population = 12.345;
  EXPECT_EQ(tension_reason_text(unreachable), "12.3 sans accès routier");

  TensionCauses slow;
  slow.too_slow = true;
  slow.mean_minutes = 18.24;
  slow.max_minutes = 15.0;
  EXPECT_EQ(tension_reason_text(slow), "temps moyen 18.2 min > 15 min");

  TensionCauses scarce = slow;
  scarce.too_few_places = true;
  scarce.places_per_100 = 6.5;
  scarce.min_places_per_100 = 10.0;
  EXPECT_EQ(tension_reason_text(scarce), "temps moyen 18.2 min > 15 min; 6.5 places pour 100 < 10");

  scarce.too_slow = false;
  scarce.global_rate = true;
  scarce.places_per_100 = 0.94213;
  EXPECT_EQ(tension_reason_text(scarce), "0.942 places pour 100 (global) < 10");

  TensionCauses absent;
  absent.no_facility = true;
  EXPECT_EQ(tension_reason_text(absent), "aucun équipement");
}

}  // namespace
}  // namespace couverture::pipeline
